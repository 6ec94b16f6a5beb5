/**
 * Test kit: check a proto-JSON object (snake_case) against Envoy's real .proto descriptors and list every
 * unknown field, bad enum value or unresolvable `@type`. Used by the cluster/endpoint unit tests.
 */
import type { ProtoSchema } from '../../inspect/proto-json/schema.ts';
import { envoyProtoSchema } from '../../cli/envoy-protos.ts';

const WRAPPERS = new Set(['UInt32Value', 'UInt64Value', 'Int32Value', 'Int64Value', 'BoolValue', 'StringValue', 'DoubleValue', 'FloatValue', 'BytesValue']
  .map((n) => `google.protobuf.${n}`));

function checkValue(schema: ProtoSchema, kind: string, typeName: string | undefined, v: unknown, path: string, errs: string[]): void {
  if (kind === 'message') return checkMessage(schema, typeName!, v, path, errs);
  if (kind === 'enum') {
    if (typeof v === 'string' && schema.enumNumber(typeName!, v) === undefined) errs.push(`${path}: bad enum ${typeName} value ${v}`);
    return;
  }
  if (kind === 'string' && typeof v !== 'string') errs.push(`${path}: expected string`);
  if (kind === 'bool' && typeof v !== 'boolean') errs.push(`${path}: expected bool`);
  if (/int|fixed/.test(kind) && !(typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v)))) errs.push(`${path}: expected integer`);
  if ((kind === 'double' || kind === 'float') && typeof v !== 'number') errs.push(`${path}: expected number`);
}

export function checkMessage(schema: ProtoSchema, typeName: string, v: unknown, path: string, errs: string[]): void {
  if (typeName === 'google.protobuf.Struct' || typeName === 'google.protobuf.Value' || typeName === 'google.protobuf.ListValue') return;
  if (typeName === 'google.protobuf.Duration') {
    if (typeof v !== 'string' || !/^-?\d+(\.\d+)?s$/.test(v)) errs.push(`${path}: bad Duration ${JSON.stringify(v)}`);
    return;
  }
  if (WRAPPERS.has(typeName)) return checkValue(schema, typeName.includes('Bool') ? 'bool' : typeName.includes('String') ? 'string' : /Double|Float/.test(typeName) ? 'double' : 'uint64', undefined, v, path, errs);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    errs.push(`${path}: expected object for ${typeName}`);
    return;
  }
  const obj = v as Record<string, unknown>;
  if (typeName === 'google.protobuf.Any') {
    const url = obj['@type'];
    if (typeof url !== 'string') return void errs.push(`${path}: Any without @type`);
    const inner = url.replace(/^type\.googleapis\.com\//, '');
    if (!schema.message(inner)) return void errs.push(`${path}: unknown @type ${url}`);
    const { ['@type']: _t, ...rest } = obj;
    return checkMessage(schema, inner, rest, path, errs);
  }
  const msg = schema.message(typeName);
  if (!msg) return void errs.push(`${path}: unknown message ${typeName}`);
  const oneofs = new Map<string, string>();
  for (const [k, val] of Object.entries(obj)) {
    const f = msg.fields.find((x) => x.name === k);
    if (!f) {
      errs.push(`${path}.${k}: unknown field of ${typeName}`);
      continue;
    }
    if (f.oneof) {
      const prev = oneofs.get(f.oneof);
      if (prev) errs.push(`${path}.${k}: oneof ${f.oneof} already set by ${prev}`);
      oneofs.set(f.oneof, k);
    }
    if (f.kind === 'map') {
      for (const [mk, mv] of Object.entries(val as object)) checkValue(schema, f.map!.kind, f.map!.typeName, mv, `${path}.${k}[${mk}]`, errs);
    } else if (f.repeated) {
      if (!Array.isArray(val)) errs.push(`${path}.${k}: expected array`);
      else val.forEach((item, i) => checkValue(schema, f.kind, f.typeName, item, `${path}.${k}[${i}]`, errs));
    } else checkValue(schema, f.kind, f.typeName, val, `${path}.${k}`, errs);
  }
}

/** Errors for one resource, e.g. `protoErrors('envoy.config.cluster.v3.Cluster', cluster)`. */
export function protoErrors(typeName: string, value: unknown): string[] {
  const errs: string[] = [];
  checkMessage(envoyProtoSchema(), typeName, value, typeName.split('.').pop()!, errs);
  return errs;
}
