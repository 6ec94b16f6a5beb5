import protobuf from 'protobufjs';
import { envoyRoot, typeForUrl } from './proto-root.ts';

/**
 * The only place that touches the protobuf runtime for resources: Envoy proto-JSON (the form
 * `/config_dump` prints and the translator emits: snake_case or lowerCamel keys, durations as
 * "1.5s", wrappers as bare values, Struct as plain JSON, Any as `{"@type": url, ...}`) → wire bytes.
 *
 * protobufjs' own `fromObject` silently drops unknown keys and rejects canonical-JSON forms, so
 * this walks the schema itself: unknown fields become warnings (the field is not sent) and
 * malformed values become an EncodeError naming the field path.
 */
export class EncodeError extends Error {}

export interface Encoded {
  readonly typeUrl: string;
  readonly bytes: Uint8Array;
  /** Fields that are not in Envoy's API (dropped), as `path: message`. */
  readonly warnings: readonly string[];
}

const WRAPPERS = new Set(['DoubleValue', 'FloatValue', 'Int64Value', 'UInt64Value', 'Int32Value', 'UInt32Value', 'BoolValue', 'StringValue', 'BytesValue'].map((n) => `.google.protobuf.${n}`));

interface Ctx { readonly warnings: string[] }

export function encodeResource(typeUrl: string, json: unknown): Encoded {
  const type = typeForUrl(typeUrl);
  if (!type) throw new EncodeError(`unknown resource type ${typeUrl}`);
  const ctx: Ctx = { warnings: [] };
  const bytes = encodeMessage(type, json, '', ctx);
  return { typeUrl, bytes, warnings: ctx.warnings };
}

function encodeMessage(type: protobuf.Type, json: unknown, path: string, ctx: Ctx): Uint8Array {
  const obj = convertMessage(type, json, path, ctx);
  try {
    return type.encode(type.fromObject(obj)).finish();
  } catch (e) {
    throw new EncodeError(`${path || type.name}: ${(e as Error).message}`);
  }
}

const camelToSnake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function fieldFor(type: protobuf.Type, key: string): protobuf.Field | undefined {
  return type.fields[key] ?? type.fields[camelToSnake(key)];
}

function convertMessage(type: protobuf.Type, json: unknown, path: string, ctx: Ctx): Record<string, unknown> {
  const special = convertWellKnown(type, json, path, ctx);
  if (special !== undefined) return special;
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new EncodeError(`${path || type.name}: expected an object for ${type.fullName.slice(1)}`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === '@type') continue;
    const field = fieldFor(type, key);
    const p = path ? `${path}.${key}` : key;
    if (!field) { ctx.warnings.push(`${p}: no such field in ${type.fullName.slice(1)} (dropped)`); continue; }
    if (value === null || value === undefined) continue;
    out[field.name] = convertField(field, value, p, ctx);
  }
  return out;
}

function convertField(field: protobuf.Field, value: unknown, path: string, ctx: Ctx): unknown {
  if (field.map) {
    if (typeof value !== 'object' || Array.isArray(value)) throw new EncodeError(`${path}: expected a map object`);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = convertSingle(field, v, `${path}["${k}"]`, ctx);
    return out;
  }
  if (field.repeated) {
    if (!Array.isArray(value)) throw new EncodeError(`${path}: expected a list`);
    return value.map((v, i) => convertSingle(field, v, `${path}[${i}]`, ctx));
  }
  return convertSingle(field, value, path, ctx);
}

function convertSingle(field: protobuf.Field, value: unknown, path: string, ctx: Ctx): unknown {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Type) return convertMessage(rt, value, path, ctx);
  if (rt instanceof protobuf.Enum) {
    if (typeof value === 'string' && !(value in rt.values)) throw new EncodeError(`${path}: "${value}" is not a value of ${rt.name} (one of ${Object.keys(rt.values).join(', ')})`);
    return value;
  }
  return value;
}

/** JSON mappings of the well-known types; undefined when `type` is an ordinary message. */
function convertWellKnown(type: protobuf.Type, json: unknown, path: string, ctx: Ctx): Record<string, unknown> | undefined {
  const name = type.fullName;
  if (WRAPPERS.has(name)) {
    if (json !== null && typeof json === 'object' && 'value' in (json as object)) return json as Record<string, unknown>;
    return { value: json };
  }
  switch (name) {
    case '.google.protobuf.Duration':
    case '.google.protobuf.Timestamp':
      return typeof json === 'string' ? (name.endsWith('Duration') ? parseDuration(json, path) : parseTimestamp(json, path)) : (json as Record<string, unknown>);
    case '.google.protobuf.Struct':
      return toStruct(json, path);
    case '.google.protobuf.Value':
      return toValue(json, path);
    case '.google.protobuf.ListValue':
      return { values: (json as unknown[]).map((v, i) => toValue(v, `${path}[${i}]`)) };
    case '.google.protobuf.Empty':
      return {};
    case '.google.protobuf.Any':
      return packAny(json, path, ctx);
    default:
      return undefined;
  }
}

function packAny(json: unknown, path: string, ctx: Ctx): Record<string, unknown> {
  const o = json as Record<string, unknown>;
  if (o && typeof o === 'object' && typeof o.type_url === 'string' && o.value instanceof Uint8Array) return o;
  const url = o?.['@type'];
  if (typeof url !== 'string') throw new EncodeError(`${path}: an Any needs "@type"`);
  const inner = typeForUrl(url);
  if (!inner) throw new EncodeError(`${path}: unknown type ${url} (not in Envoy's v3 API)`);
  // Well-known types inside an Any carry their JSON form under "value".
  const body = inner.fullName.startsWith('.google.protobuf.') && 'value' in o ? o.value : o;
  return { type_url: url, value: encodeMessage(inner, body, path, ctx) };
}

export function parseDuration(s: string, path = ''): { seconds: string; nanos: number } {
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(s);
  if (!m) throw new EncodeError(`${path}: bad duration "${s}" (expected e.g. "1.5s")`);
  const sign = m[1] ? -1 : 1;
  const nanos = m[3] ? Number(m[3].padEnd(9, '0')) : 0;
  return { seconds: String(sign * Number(m[2])), nanos: sign * nanos };
}

function parseTimestamp(s: string, path: string): { seconds: string; nanos: number } {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new EncodeError(`${path}: bad timestamp "${s}"`);
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

function toStruct(json: unknown, path: string): Record<string, unknown> {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new EncodeError(`${path}: expected an object (Struct)`);
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) fields[k] = toValue(v, `${path}.${k}`);
  return { fields };
}

/** protobufjs' built-in struct.proto names Value's fields in lowerCamel whatever `keepCase` says. */
function toValue(v: unknown, path: string): Record<string, unknown> {
  if (v === null || v === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map((x, i) => toValue(x, `${path}[${i}]`)) } };
  if (typeof v === 'object') return { structValue: toStruct(v, path) };
  throw new EncodeError(`${path}: value of type ${typeof v} cannot go in a Struct`);
}

/** Wire bytes → a plain object (Anys expanded with "@type"); for tests and debugging. */
export function decodeResource(typeUrl: string, bytes: Uint8Array): Record<string, unknown> {
  const type = typeForUrl(typeUrl);
  if (!type) throw new EncodeError(`unknown resource type ${typeUrl}`);
  return type.toObject(type.decode(bytes), { longs: String, enums: String, json: true }) as Record<string, unknown>;
}

export { envoyRoot };
