/**
 * Check Envoy proto-JSON (snake_case, as in /config_dump) against the real Envoy protos shipped in
 * @grpc/grpc-js-xds/deps: every field must exist in the message type, values must have the field's
 * type, enums must name a value, oneofs may hold at most one member, and `Any` payloads are checked
 * against the type their `@type` names. protobufjs' own fromObject silently drops unknown fields, so
 * this walks the object itself.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';

const require = createRequire(import.meta.url);
const DEPS = join(dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
// google/protobuf/descriptor.proto is not in the deps; protobufjs ships it.
const INCLUDE = [...['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) => join(DEPS, d)), dirname(require.resolve('protobufjs/package.json'))];

const ENTRY_PROTOS = [
  'envoy/config/listener/v3/listener.proto',
  'envoy/config/route/v3/route.proto',
  'envoy/config/cluster/v3/cluster.proto',
  'envoy/config/endpoint/v3/endpoint.proto',
  'envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto',
  'envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy.proto',
  'envoy/extensions/filters/http/router/v3/router.proto',
  'envoy/extensions/filters/http/fault/v3/fault.proto',
  'envoy/extensions/filters/http/cors/v3/cors.proto',
  'envoy/extensions/filters/listener/tls_inspector/v3/tls_inspector.proto',
  'envoy/extensions/filters/listener/http_inspector/v3/http_inspector.proto',
  'envoy/extensions/filters/listener/original_dst/v3/original_dst.proto',
  'envoy/extensions/transport_sockets/tls/v3/tls.proto',
  'envoy/extensions/transport_sockets/raw_buffer/v3/raw_buffer.proto',
  'envoy/extensions/retry/host/previous_hosts/v3/previous_hosts.proto',
  'envoy/extensions/retry/priority/previous_priorities/v3/previous_priorities_config.proto',
  'envoy/extensions/upstreams/http/v3/http_protocol_options.proto',
  'udpa/type/v1/typed_struct.proto',
];

/** Istio extension types that are not part of the Envoy API (accepted, payload not checked). */
export const NON_ENVOY_TYPES = new Set(['envoy.tcp.metadataexchange.config.MetadataExchange']);

let cached: protobuf.Root | undefined;
export function envoyProtoRoot(): protobuf.Root {
  if (cached) return cached;
  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string) => {
    for (const d of INCLUDE) { const p = join(d, target); if (existsSync(p)) return p; }
    return target;
  };
  root.loadSync(ENTRY_PROTOS, { keepCase: true });
  root.resolveAll();
  return (cached = root);
}

const INT_TYPES = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);
const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const WRAPPERS: Record<string, string> = {
  'google.protobuf.BoolValue': 'bool', 'google.protobuf.UInt32Value': 'uint32', 'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt64Value': 'uint64', 'google.protobuf.Int64Value': 'int64', 'google.protobuf.StringValue': 'string',
  'google.protobuf.DoubleValue': 'double', 'google.protobuf.FloatValue': 'float', 'google.protobuf.BytesValue': 'bytes',
};

function scalarError(type: string, v: unknown): string | undefined {
  if (type === 'string' || type === 'bytes') return typeof v === 'string' ? undefined : `expected string, got ${JSON.stringify(v)}`;
  if (type === 'bool') return typeof v === 'boolean' ? undefined : `expected bool, got ${JSON.stringify(v)}`;
  if (type === 'double' || type === 'float') return typeof v === 'number' ? undefined : `expected number, got ${JSON.stringify(v)}`;
  if (INT_TYPES.has(type)) return Number.isInteger(v) && (!type.startsWith('u') || (v as number) >= 0) ? undefined : `expected ${type}, got ${JSON.stringify(v)}`;
  if (LONG_TYPES.has(type)) return (typeof v === 'string' && /^-?\d+$/.test(v)) || Number.isInteger(v) ? undefined : `expected ${type}, got ${JSON.stringify(v)}`;
  return `unknown scalar ${type}`;
}

function checkValue(root: protobuf.Root, field: protobuf.Field, v: unknown, path: string, errors: string[]): void {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Enum) {
    if (typeof v === 'string' ? !(v in rt.values) : !Number.isInteger(v)) errors.push(`${path}: ${JSON.stringify(v)} is not a ${rt.fullName.slice(1)} value`);
    return;
  }
  if (rt instanceof protobuf.Type) { checkMessage(root, rt, v, path, errors); return; }
  const e = scalarError(field.type, v);
  if (e) errors.push(`${path}: ${e}`);
}

/** Validate `obj` as message `type`; errors are appended as `path: problem`. */
export function checkMessage(root: protobuf.Root, type: protobuf.Type, obj: unknown, path: string, errors: string[]): void {
  const name = type.fullName.slice(1);
  if (name === 'google.protobuf.Duration') { if (typeof obj !== 'string' || !/^-?\d+(\.\d{1,9})?s$/.test(obj)) errors.push(`${path}: bad Duration ${JSON.stringify(obj)}`); return; }
  if (name === 'google.protobuf.Struct' || name === 'google.protobuf.Value' || name === 'google.protobuf.ListValue') return;
  if (WRAPPERS[name]) { const e = scalarError(WRAPPERS[name]!, obj); if (e) errors.push(`${path}: ${e}`); return; }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) { errors.push(`${path}: expected a ${name} object`); return; }
  if (name === 'google.protobuf.Any') {
    const url = (obj as Record<string, unknown>)['@type'];
    if (typeof url !== 'string') { errors.push(`${path}: Any without @type`); return; }
    const inner = url.slice(url.lastIndexOf('/') + 1);
    if (NON_ENVOY_TYPES.has(inner)) return;
    const t = root.lookup(inner);
    if (!(t instanceof protobuf.Type)) { errors.push(`${path}: unknown Any type ${inner}`); return; }
    const { '@type': _t, ...rest } = obj as Record<string, unknown>;
    checkMessage(root, t, rest, `${path}<${inner}>`, errors);
    return;
  }
  const oneofs = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const f = type.fields[k];
    if (!f) { errors.push(`${path}.${k}: unknown field of ${name}`); continue; }
    f.resolve();
    if (f.partOf && !f.partOf.name.startsWith('_')) {
      const prev = oneofs.get(f.partOf.name);
      if (prev) errors.push(`${path}: oneof ${f.partOf.name} has both ${prev} and ${k}`);
      oneofs.set(f.partOf.name, k);
    }
    if (f instanceof protobuf.MapField) {
      if (!v || typeof v !== 'object') { errors.push(`${path}.${k}: expected a map`); continue; }
      for (const [mk, mv] of Object.entries(v)) checkValue(root, f, mv, `${path}.${k}[${mk}]`, errors);
    } else if (f.repeated) {
      if (!Array.isArray(v)) { errors.push(`${path}.${k}: expected a list`); continue; }
      v.forEach((x, i) => checkValue(root, f, x, `${path}.${k}[${i}]`, errors));
    } else checkValue(root, f, v, `${path}.${k}`, errors);
  }
}

/** Errors for one resource of a top-level type (`envoy.config.listener.v3.Listener`, …). */
export function checkResource(typeName: string, obj: unknown, label: string): string[] {
  const root = envoyProtoRoot();
  const errors: string[] = [];
  checkMessage(root, root.lookupType(typeName), obj, label, errors);
  return errors;
}
