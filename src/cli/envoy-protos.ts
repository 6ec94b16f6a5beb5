import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import protobuf from 'protobufjs';
import type { FieldSchema, MessageSchema, ProtoSchema } from '../inspect/proto-json/schema.ts';

/**
 * Envoy's v3 .proto descriptors (shipped in @grpc/grpc-js-xds/deps), loaded once, lazily, for the
 * proto-JSON printer behind `proxy-config -o json|yaml`. Files whose imports are not shipped
 * (a handful of tracing/metrics service protos) are skipped.
 */
let cached: ProtoSchema | undefined;

export function envoyProtoSchema(): ProtoSchema {
  cached ??= load();
  return cached;
}

function depsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
}

function load(): ProtoSchema {
  const deps = depsDir();
  const require = createRequire(import.meta.url);
  const protobufjsDir = dirname(require.resolve('protobufjs/package.json'));
  const includes = [...['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) => join(deps, d)), protobufjsDir];
  const find = (target: string): string | undefined => includes.map((i) => join(i, target)).find((p) => existsSync(p));
  const loadable = new Map<string, boolean>();
  const canLoad = (rel: string, seen: Set<string>): boolean => {
    if (rel.startsWith('google/protobuf/')) return true;
    const known = loadable.get(rel);
    if (known !== undefined) return known;
    if (seen.has(rel)) return true;
    seen.add(rel);
    const path = find(rel);
    let ok = path !== undefined;
    if (path) for (const m of readFileSync(path, 'utf8').matchAll(/^import\s+(?:public\s+)?"([^"]+)";/gm)) if (!canLoad(m[1]!, seen)) { ok = false; break; }
    loadable.set(rel, ok);
    return ok;
  };
  const envoyRoot = join(deps, 'envoy-api');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.proto') && /\/v3\//.test(p)) files.push(relative(envoyRoot, p));
    }
  };
  walk(join(envoyRoot, 'envoy'));
  files.push('udpa/type/v1/typed_struct.proto', 'xds/type/v3/typed_struct.proto');
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => find(target) ?? target;
  root.loadSync(files.filter((f) => canLoad(f, new Set())), { keepCase: true });
  root.resolveAll();
  return adapt(root);
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
