import protobuf from 'protobufjs';
import { envoyRoot } from '../xds/proto-root.ts';
import type { FieldSchema, MessageSchema, ProtoSchema } from '../inspect/proto-json/schema.ts';

/**
 * Envoy's v3 .proto descriptors (the shared protobufjs Root of src/xds/proto-root.ts, loaded once,
 * lazily) adapted to the proto-JSON printer behind `proxy-config -o json|yaml`.
 */
let cached: ProtoSchema | undefined;

export function envoyProtoSchema(): ProtoSchema {
  cached ??= adapt(envoyRoot());
  return cached;
}

const jsonName = (name: string): string => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function adapt(root: protobuf.Root): ProtoSchema {
  const messages = new Map<string, MessageSchema | undefined>();
  const lookup = (fullName: string): protobuf.ReflectionObject | null => {
    try { return root.lookup(fullName); } catch { return null; }
  };
  const fieldOf = (f: protobuf.Field): FieldSchema => {
    const rt = f.resolvedType;
    const kind = rt instanceof protobuf.Type ? 'message' : rt instanceof protobuf.Enum ? 'enum' : f.type;
    const typeName = rt ? rt.fullName.replace(/^\./, '') : undefined;
    const oneof = f.partOf && !(f.partOf.oneof.length === 1 && f.partOf.name.startsWith('_')) ? f.partOf.name : undefined;
    return {
      name: f.name,
      jsonName: (f.options?.json_name as string | undefined) ?? jsonName(f.name),
      kind: f.map ? 'map' : kind,
      typeName,
      repeated: f.repeated,
      map: f.map ? { kind, typeName } : undefined,
      oneof,
      optional: Boolean(f.partOf && !oneof),
    };
  };
  return {
    message(fullName) {
      if (!messages.has(fullName)) {
        const t = lookup(fullName);
        messages.set(fullName, t instanceof protobuf.Type ? { fullName, fields: t.fieldsArray.map(fieldOf) } : undefined);
      }
      return messages.get(fullName);
    },
    enumName(fullName, value) {
      const e = lookup(fullName);
      return e instanceof protobuf.Enum ? e.valuesById[value] : undefined;
    },
    enumNumber(fullName, name) {
      const e = lookup(fullName);
      return e instanceof protobuf.Enum ? e.values[name] : undefined;
    },
  };
}
