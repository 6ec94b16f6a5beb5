import type { FieldSchema, ProtoSchema } from './schema.ts';

/**
 * Re-express proto-JSON (snake_case or lowerCamelCase, as Envoy's admin API prints it) the way
 * golang/protobuf's jsonpb marshals the same message: lowerCamelCase names, fields in .proto
 * declaration order (a set oneof member at its oneof's first position), map keys sorted, proto3
 * defaults omitted, 64-bit integers as strings, enums by name, `@type` first in an Any.
 * Unknown fields are dropped (istioctl unmarshals with DiscardUnknown); an Any of a type the
 * schema does not know is kept as given.
 */
export const STRUCT = Symbol('google.protobuf.Struct');

type J = any;

const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const WRAPPERS = new Set(['DoubleValue', 'FloatValue', 'Int64Value', 'UInt64Value', 'Int32Value', 'UInt32Value', 'BoolValue', 'StringValue', 'BytesValue'].map((n) => `google.protobuf.${n}`));

export function canonicalMessage(schema: ProtoSchema, typeName: string, value: J): J {
  if (typeName === 'google.protobuf.Any') return canonicalAny(schema, value);
  if (typeName === 'google.protobuf.Struct') return canonicalStruct(value);
  if (typeName === 'google.protobuf.Value') return canonicalValue(value);
  if (typeName === 'google.protobuf.ListValue') return Array.isArray(value) ? value.map(canonicalValue) : value;
  if (WRAPPERS.has(typeName)) return typeName.endsWith('Int64Value') && typeof value === 'number' ? String(value) : value;
  if (typeName.startsWith('google.protobuf.') && typeof value !== 'object') return value; // Duration, Timestamp, FieldMask
  const msg = schema.message(typeName);
  if (!msg || !value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, J> = {};
  const doneOneofs = new Set<string>();
  for (const f of msg.fields) {
    if (f.oneof) {
      if (doneOneofs.has(f.oneof)) continue;
      doneOneofs.add(f.oneof);
      for (const member of msg.fields.filter((m) => m.oneof === f.oneof)) {
        const v = pick(value, member);
        if (v !== undefined && v !== null) { out[member.jsonName] = canonicalField(schema, member, v); break; }
      }
      continue;
    }
    const v = pick(value, f);
    if (v === undefined || v === null || isDefault(schema, f, v)) continue;
    out[f.jsonName] = canonicalField(schema, f, v);
  }
  return out;
}

const pick = (o: Record<string, J>, f: FieldSchema): J => (o[f.name] !== undefined ? o[f.name] : o[f.jsonName]);

function isDefault(schema: ProtoSchema, f: FieldSchema, v: J): boolean {
  if (f.repeated || f.map) return Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v).length === 0;
  if (f.optional || f.kind === 'message') return false;
  if (f.kind === 'enum') return typeof v === 'number' ? v === 0 : schema.enumNumber(f.typeName!, String(v)) === 0;
  return v === '' || v === 0 || v === '0' || v === false;
}

function canonicalField(schema: ProtoSchema, f: FieldSchema, v: J): J {
  if (f.map) {
    const out: Record<string, J> = {};
    for (const k of Object.keys(v).sort()) out[k] = canonicalScalarOrMessage(schema, f.map.kind, f.map.typeName, v[k]);
    return out;
  }
  if (f.repeated && Array.isArray(v)) return v.map((x) => canonicalScalarOrMessage(schema, f.kind, f.typeName, x));
  return canonicalScalarOrMessage(schema, f.kind, f.typeName, v);
}

function canonicalScalarOrMessage(schema: ProtoSchema, kind: string, typeName: string | undefined, v: J): J {
  if (kind === 'message') return canonicalMessage(schema, typeName!, v);
  if (kind === 'enum') return typeof v === 'number' ? schema.enumName(typeName!, v) ?? v : v;
  if (INT64.has(kind) && typeof v === 'number') return String(v);
  return v;
}

function canonicalAny(schema: ProtoSchema, value: J): J {
  if (!value || typeof value !== 'object') return value;
  const url = String(value['@type'] ?? '');
  const typeName = url.slice(url.lastIndexOf('/') + 1);
  if (!schema.message(typeName) && !typeName.startsWith('google.protobuf.')) return value;
  const { '@type': _t, ...rest } = value;
  if (typeName.startsWith('google.protobuf.') && 'value' in rest && Object.keys(rest).length === 1) {
    return { '@type': url, value: canonicalMessage(schema, typeName, rest.value) };
  }
  return { '@type': url, ...canonicalMessage(schema, typeName, rest) };
}

function canonicalStruct(value: J): J {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string | symbol, J> = { [STRUCT]: true };
  for (const k of Object.keys(value).sort()) out[k] = canonicalValue(value[k]);
  return out;
}

function canonicalValue(v: J): J {
  if (Array.isArray(v)) return v.map(canonicalValue);
  if (v && typeof v === 'object') return canonicalStruct(v);
  return v;
}
