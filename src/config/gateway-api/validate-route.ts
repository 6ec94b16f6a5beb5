/**
 * What the Kubernetes API server would reject in an HTTPRoute / GRPCRoute (the Gateway API CRD's OpenAPI
 * and CEL rules, standard channel): istiod never sees such a route, so it is not converted. A subset of
 * the schema — the rules a hand-written route gets wrong: required names, enums, path and port ranges,
 * weights, durations, RE2 regexes, filters without their config.
 */
import { re2Error } from '../validate/regex.ts';
import type { Json } from './json.ts';

export interface RouteProblem {
  readonly path: string;
  readonly message: string;
}

const PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'];
const MATCH_TYPES = ['Exact', 'RegularExpression'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
const HTTP_FILTERS: Readonly<Record<string, string>> = {
  RequestHeaderModifier: 'requestHeaderModifier', ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror', RequestRedirect: 'requestRedirect', URLRewrite: 'urlRewrite', CORS: 'cors', ExtensionRef: 'extensionRef',
};
const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function list(v: unknown, path: string, max: number, out: RouteProblem[]): Json[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) { out.push({ path, message: 'must be a list' }); return []; }
  if (v.length > max) out.push({ path, message: `must have at most ${max} items` });
  return v.map((x, i) => {
    if (isObj(x)) return x;
    out.push({ path: `${path}[${i}]`, message: 'must be an object' });
    return {};
  });
}

function intIn(v: unknown, lo: number, hi: number, path: string, out: RouteProblem[], required = false): void {
  if (v === undefined || v === null) { if (required) out.push({ path, message: 'Required value' }); return; }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) out.push({ path, message: `must be an integer from ${lo} to ${hi} (got ${JSON.stringify(v)})` });
}

function enumOf(v: unknown, allowed: readonly string[], path: string, out: RouteProblem[]): void {
  if (v !== undefined && !allowed.includes(v as string)) out.push({ path, message: `must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})` });
}

function name(v: unknown, path: string, out: RouteProblem[]): void {
  if (typeof v !== 'string' || v === '') out.push({ path, message: 'Required value' });
}

function pathMatch(p: Json, path: string, out: RouteProblem[], kind: 'match' | 'rewrite'): void {
  const type = p.type ?? 'PathPrefix';
  if (kind === 'match') enumOf(p.type, PATH_TYPES, `${path}.type`, out);
  const value = p.value;
  if (value === undefined) return;
  if (typeof value !== 'string') { out.push({ path: `${path}.value`, message: 'must be a string' }); return; }
  if (type === 'RegularExpression') {
    const e = re2Error(value);
    if (e) out.push({ path: `${path}.value`, message: e });
  } else if (!value.startsWith('/')) out.push({ path: `${path}.value`, message: `must be an absolute path starting with "/" (got ${JSON.stringify(value)})` });
}

function stringMatches(v: unknown, path: string, out: RouteProblem[]): void {
  for (const [i, h] of list(v, path, 16, out).entries()) {
    name(h.name, `${path}[${i}].name`, out);
    enumOf(h.type, MATCH_TYPES, `${path}[${i}].type`, out);
    if (typeof h.value !== 'string') out.push({ path: `${path}[${i}].value`, message: 'Required value (a string)' });
    else if (h.type === 'RegularExpression' && re2Error(h.value)) out.push({ path: `${path}[${i}].value`, message: re2Error(h.value)! });
  }
}

function backendRef(b: Json, path: string, out: RouteProblem[]): void {
  name(b.name, `${path}.name`, out);
  // CEL: "Must have port for Service reference".
  intIn(b.port, 1, 65535, `${path}.port`, out, (b.group ?? '') === '' && (b.kind ?? 'Service') === 'Service');
  intIn(b.weight, 0, 1_000_000, `${path}.weight`, out);
}

function filters(v: unknown, path: string, out: RouteProblem[], grpc: boolean): void {
  for (const [i, f] of list(v, path, 16, out).entries()) {
    const p = `${path}[${i}]`;
    const field = HTTP_FILTERS[f.type as string];
    if (!field || (grpc && ['RequestRedirect', 'URLRewrite', 'CORS'].includes(f.type))) { out.push({ path: `${p}.type`, message: `unsupported value ${JSON.stringify(f.type)}` }); continue; }
    if (!isObj(f[field])) { out.push({ path: `${p}.${field}`, message: `must be set for filter type ${f.type}` }); continue; }
    if (f.type === 'RequestMirror') backendRef(isObj(f[field].backendRef) ? f[field].backendRef : {}, `${p}.${field}.backendRef`, out);
    if ((f.type === 'URLRewrite' || f.type === 'RequestRedirect') && isObj(f[field].path)) {
      const t = f[field].path.type;
      enumOf(t, ['ReplaceFullPath', 'ReplacePrefixMatch'], `${p}.${field}.path.type`, out);
    }
  }
}

function httpMatch(m: Json, path: string, out: RouteProblem[]): void {
  if (m.path !== undefined) {
    if (isObj(m.path)) pathMatch(m.path, `${path}.path`, out, 'match');
    else out.push({ path: `${path}.path`, message: 'must be an object' });
  }
  stringMatches(m.headers, `${path}.headers`, out);
  stringMatches(m.queryParams, `${path}.queryParams`, out);
  enumOf(m.method, METHODS, `${path}.method`, out);
}

function grpcMatch(m: Json, path: string, out: RouteProblem[]): void {
  if (m.method !== undefined) {
    if (!isObj(m.method)) out.push({ path: `${path}.method`, message: 'must be an object' });
    else {
      enumOf(m.method.type, MATCH_TYPES, `${path}.method.type`, out);
      if (m.method.service === undefined && m.method.method === undefined) out.push({ path: `${path}.method`, message: 'one or both of service and method must be specified' });
    }
  }
  stringMatches(m.headers, `${path}.headers`, out);
}

function timeouts(t: unknown, path: string, out: RouteProblem[]): void {
  if (t === undefined) return;
  if (!isObj(t)) { out.push({ path, message: 'must be an object' }); return; }
  for (const k of ['request', 'backendRequest']) {
    if (t[k] !== undefined && (typeof t[k] !== 'string' || !DURATION.test(t[k]))) out.push({ path: `${path}.${k}`, message: `must be a Gateway API duration like 10s, 1m30s or 500ms (got ${JSON.stringify(t[k])})` });
  }
}

/** Problems the API server would reject the route for; empty when the route is acceptable. */
export function validateRoute(kind: 'HTTPRoute' | 'GRPCRoute', spec: Json): RouteProblem[] {
  const out: RouteProblem[] = [];
  const grpc = kind === 'GRPCRoute';
  for (const [i, p] of list(spec.parentRefs, 'spec.parentRefs', 32, out).entries()) {
    name(p.name, `spec.parentRefs[${i}].name`, out);
    intIn(p.port, 1, 65535, `spec.parentRefs[${i}].port`, out);
  }
  for (const [i, r] of list(spec.rules, 'spec.rules', 16, out).entries()) {
    const rp = `spec.rules[${i}]`;
    for (const [j, m] of list(r.matches, `${rp}.matches`, grpc ? 8 : 64, out).entries()) (grpc ? grpcMatch : httpMatch)(m, `${rp}.matches[${j}]`, out);
    filters(r.filters, `${rp}.filters`, out, grpc);
    for (const [j, b] of list(r.backendRefs, `${rp}.backendRefs`, 16, out).entries()) {
      backendRef(b, `${rp}.backendRefs[${j}]`, out);
      filters(b.filters, `${rp}.backendRefs[${j}].filters`, out, grpc);
    }
    if (!grpc) timeouts(r.timeouts, `${rp}.timeouts`, out);
  }
  return out;
}
