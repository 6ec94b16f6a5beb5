/**
 * The action part of a VS HTTP rule (Istio `route.applyHTTPRouteDestination`, `ApplyRedirect`,
 * `translateFault`, `translateCORSPolicy`, mirrors, header operations).
 */
import type { Json } from '../../envoy/types.ts';
import { durationString, durationSeconds } from './durations.ts';
import { convertRetryPolicy } from './retry-policy.ts';
import { stringMatcher } from './route-match.ts';
import type { RouteBuildContext } from './route-context.ts';

const HEADER_OVERWRITE = 'OVERWRITE_IF_EXISTS_OR_ADD';
const HEADER_APPEND = 'APPEND_IF_EXISTS_OR_ADD';

const sortedKeys = (o: Json | undefined): string[] => (o && typeof o === 'object' ? Object.keys(o).sort() : []);

/** Percent (0-100, float) → FractionalPercent per million, as istiod writes it. */
export function fractionalPercent(p: number): Json {
  return { numerator: Math.round(p * 10000), denominator: 'MILLION' };
}

export interface HeaderOps {
  add: Json[];
  remove: string[];
  hostRewrite?: string;
}

/** Istio Headers.HeaderOperations → header value options (set first, then add; each sorted). */
export function headerOps(ops: Json | undefined): HeaderOps {
  const out: HeaderOps = { add: [], remove: [] };
  if (!ops) return out;
  for (const [group, action] of [['set', HEADER_OVERWRITE], ['add', HEADER_APPEND]] as const) {
    for (const key of sortedKeys(ops[group])) {
      const value = String(ops[group][key]);
      const lower = key.toLowerCase();
      if (lower === ':authority' || lower === 'host') {
        if (group === 'set' || out.hostRewrite === undefined) out.hostRewrite = value;
        continue;
      }
      if (key.startsWith(':')) continue;
      out.add.push({ header: { key, value }, append_action: action });
    }
  }
  if (Array.isArray(ops.remove)) out.remove = ops.remove.map(String);
  return out;
}

function applyHeaders(target: Json, h: Json | undefined): string | undefined {
  const req = headerOps(h?.request), resp = headerOps(h?.response);
  if (req.add.length) target.request_headers_to_add = [...(target.request_headers_to_add ?? []), ...req.add];
  if (req.remove.length) target.request_headers_to_remove = [...(target.request_headers_to_remove ?? []), ...req.remove];
  if (resp.add.length) target.response_headers_to_add = [...(target.response_headers_to_add ?? []), ...resp.add];
  if (resp.remove.length) target.response_headers_to_remove = [...(target.response_headers_to_remove ?? []), ...resp.remove];
  return req.hostRewrite;
}

const GATEWAY_PREFIX_MARKER = '%PREFIX()%';

const REDIRECT_CODES: Record<number, string> = { 0: 'MOVED_PERMANENTLY', 301: 'MOVED_PERMANENTLY', 302: 'FOUND', 303: 'SEE_OTHER', 307: 'TEMPORARY_REDIRECT', 308: 'PERMANENT_REDIRECT' };

/**
 * HTTPRedirect → RedirectAction; undefined for unsupported codes (Istio leaves no action).
 * `isTls`: the route serves a gateway server with `tls` set (Istio RouteOptions.IsTLS); sidecars never do.
 */
export function redirectAction(r: Json, listenerPort: number, gatewaySemantics = false, isTls = false): Json | undefined {
  const code = REDIRECT_CODES[Number(r.redirectCode ?? 0)];
  if (!code) return undefined;
  const out: Json = {};
  // Gateway API ReplacePrefixMatch arrives as `%PREFIX()%<prefix>` (Istio ApplyRedirect, useGatewaySemantics).
  if (gatewaySemantics && typeof r.uri === 'string' && r.uri.startsWith(GATEWAY_PREFIX_MARKER)) out.prefix_rewrite = r.uri.slice(GATEWAY_PREFIX_MARKER.length);
  else if (r.uri) out.path_redirect = r.uri;
  if (r.authority) out.host_redirect = r.authority;
  if (r.scheme) out.scheme_redirect = r.scheme;
  let port: number | undefined = r.port !== undefined ? Number(r.port) : undefined;
  if (r.derivePort === 'FROM_REQUEST_PORT') port = listenerPort;
  if (port !== undefined) {
    // Istio ApplyRedirect: without a scheme, the redirect keeps the request's, taken as https on a TLS
    // server and http otherwise; the default port of that scheme is dropped (Envoy would print it).
    const scheme = r.scheme || (isTls ? 'https' : 'http');
    if (!((port === 80 && scheme === 'http') || (port === 443 && scheme === 'https'))) out.port_redirect = port;
  }
  out.response_code = code;
  return out;
}

export function directResponseAction(d: Json): Json {
  const out: Json = { status: Number(d.status) };
  if (d.body?.string !== undefined) out.body = { inline_string: String(d.body.string) };
  else if (d.body?.bytes !== undefined) out.body = { inline_bytes: String(d.body.bytes) };
  return out;
}

/** HTTPFaultInjection → envoy.filters.http.fault HTTPFault (undefined when it injects nothing). */
export function faultFilterConfig(f: Json | undefined): Json | undefined {
  if (!f) return undefined;
  const out: Json = { '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault' };
  const d = f.delay;
  if (d && d.fixedDelay) {
    const pct = d.percentage?.value !== undefined ? Number(d.percentage.value) : Number(d.percent ?? 0);
    out.delay = { fixed_delay: durationString(d.fixedDelay), percentage: fractionalPercent(pct) };
  }
  const a = f.abort;
  if (a && (a.httpStatus !== undefined || a.grpcStatus !== undefined)) {
    const pct = a.percentage?.value !== undefined ? Number(a.percentage.value) : 0;
    out.abort = { ...(a.grpcStatus !== undefined ? { grpc_status: grpcCode(a.grpcStatus) } : { http_status: Number(a.httpStatus) }), percentage: fractionalPercent(pct) };
  }
  return out.delay || out.abort ? out : undefined;
}

const GRPC_CODES = ['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED'];
function grpcCode(v: unknown): number {
  if (typeof v === 'number') return v;
  const i = GRPC_CODES.indexOf(String(v).toUpperCase());
  return i >= 0 ? i : Number(v) || 0;
}

/** CorsPolicy → envoy.filters.http.cors CorsPolicy (per-route). */
export function corsFilterConfig(c: Json | undefined): Json | undefined {
  if (!c) return undefined;
  const out: Json = { '@type': 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy' };
  const origins: Json[] = [];
  if (Array.isArray(c.allowOrigins)) for (const o of c.allowOrigins) { const m = stringMatcher(o); if (m) origins.push(m); }
  if (Array.isArray(c.allowOrigin)) for (const o of c.allowOrigin) origins.push({ exact: String(o) });
  if (origins.length) out.allow_origin_string_match = origins;
  if (Array.isArray(c.allowMethods) && c.allowMethods.length) out.allow_methods = c.allowMethods.join(',');
  if (Array.isArray(c.allowHeaders) && c.allowHeaders.length) out.allow_headers = c.allowHeaders.join(',');
  if (Array.isArray(c.exposeHeaders) && c.exposeHeaders.length) out.expose_headers = c.exposeHeaders.join(',');
  if (c.maxAge) out.max_age = String(Math.trunc(durationSeconds(c.maxAge) ?? 0));
  if (c.allowCredentials !== undefined) out.allow_credentials = Boolean(c.allowCredentials);
  out.filter_enabled = { default_value: { numerator: 100, denominator: 'HUNDRED' } };
  out.forward_not_matching_preflights = c.unmatchedPreflights !== 'IGNORE';
  return out;
}

/** Legacy `mirror` first, then `mirrors[]` (Istio `TranslateRequestMirrorPolicies`). */
export function mirrorPolicies(rule: Json, ctx: RouteBuildContext, vsNs: string): Json[] {
  const out: Json[] = [];
  const add = (dest: Json | undefined, pct: Json | undefined, legacyPct: unknown) => {
    if (!dest?.host) return;
    let fraction: Json;
    if (pct?.value !== undefined) { if (Number(pct.value) === 0) return; fraction = fractionalPercent(Number(pct.value)); }
    else if (legacyPct !== undefined && legacyPct !== null) { const n = Number((legacyPct as Json)?.value ?? legacyPct); if (n === 0) return; fraction = { numerator: n, denominator: 'HUNDRED' }; }
    else fraction = fractionalPercent(100);
    const host = ctx.resolveHost(dest.host, vsNs);
    out.push({
      cluster: ctx.cluster(host, dest.subset, dest.port?.number !== undefined ? Number(dest.port.number) : undefined),
      runtime_fraction: { default_value: fraction },
      trace_sampled: false,
    });
  };
  if (rule.mirror) add(rule.mirror, rule.mirrorPercentage, rule.mirrorPercent);
  for (const m of rule.mirrors ?? []) add(m.destination, m.percentage, undefined);
  return out;
}

interface ResolvedDestination { d: Json; host: string; subset: string | undefined; port: number | undefined; cluster: string }

function resolveDestinations(rule: Json, ctx: RouteBuildContext, vsNs: string): ResolvedDestination[] {
  const out: ResolvedDestination[] = [];
  for (const d of (rule.route ?? []) as Json[]) {
    if (!d?.destination) continue;
    const host = ctx.resolveHost(String(d.destination.host ?? ''), vsNs);
    const port = d.destination.port?.number !== undefined ? Number(d.destination.port.number) : undefined;
    const subset: string | undefined = d.destination.subset;
    out.push({ d, host, subset, port, cluster: ctx.cluster(host, subset, port) });
  }
  return out;
}

/** `weighted_clusters` entries: weight-0 destinations are skipped; per-destination headers go on each. */
function weightedClusters(resolved: readonly ResolvedDestination[]): Json[] {
  const unweighted = resolved.every((x) => !x.d.weight);
  const clusters: Json[] = [];
  for (const r of resolved) {
    if (!unweighted && !(Number(r.d.weight ?? 0) > 0)) continue;
    const cw: Json = { name: r.cluster, weight: Number(r.d.weight ?? 0) };
    if (r.d.headers) {
      const h = headerOps(r.d.headers.request), hr = headerOps(r.d.headers.response);
      if (h.add.length) cw.request_headers_to_add = h.add;
      if (h.remove.length) cw.request_headers_to_remove = h.remove;
      if (hr.add.length) cw.response_headers_to_add = hr.add;
      if (hr.remove.length) cw.response_headers_to_remove = hr.remove;
      if (h.hostRewrite) cw.host_rewrite_literal = h.hostRewrite;
    }
    clusters.push(cw);
  }
  return clusters;
}

/**
 * Route action for `route[]` destinations: cluster / weighted_clusters, timeout, retries, rewrite,
 * mirrors, hash policy. Route-level header operations are written into `headers` (they belong to
 * the Route, not the RouteAction).
 */
/** Gateway API routes (Istio `UseGatewaySemantics`): 500 for unknown clusters, prefix removal by regex. */
export interface GatewaySemantics {
  /** The route's `path_separated_prefix`, when it has one. */
  readonly pathSeparatedPrefix?: string;
}

export function routeAction(rule: Json, ctx: RouteBuildContext, vsNs: string, headers: Json, gateway?: GatewaySemantics): Json {
  const action: Json = {};
  const resolved = resolveDestinations(rule, ctx, vsNs);
  let hostRewrite = rule.headers ? applyHeaders(headers, rule.headers) : undefined;
  if (resolved.length === 1) {
    action.cluster = resolved[0]!.cluster;
    if (resolved[0]!.d.headers) hostRewrite = applyHeaders(headers, resolved[0]!.d.headers) ?? hostRewrite;
  } else if (resolved.length > 1) {
    action.weighted_clusters = { clusters: weightedClusters(resolved) };
  }
  let hashes: Json[] | undefined;
  let consistentHash = false;
  if (ctx.hashPolicy) {
    for (const r of resolved) {
      const hp = ctx.hashPolicy(r.host, r.subset, r.port);
      if (!hp?.length) continue;
      (hashes ??= []).push(...hp);
      if (resolved.length === 1) consistentHash = true;
    }
  }
  // "return 500 for invalid backends" (Gateway API; Istio applyHTTPRouteDestination).
  if (gateway) action.cluster_not_found_response_code = 'INTERNAL_SERVER_ERROR';
  const rw = rule.rewrite;
  if (gateway && rw?.uri === '/' && !rw.uriRegexRewrite) {
    // Removing the matched prefix: keep a `/` when the whole path goes.
    action.regex_rewrite = { pattern: { regex: `^${quoteRe2(gateway.pathSeparatedPrefix ?? '')}(/?)(.*)` }, substitution: '/\\2' };
  } else if (rw?.uri !== undefined) action.prefix_rewrite = rw.uri;
  if (rw?.uriRegexRewrite) action.regex_rewrite = { pattern: { regex: rw.uriRegexRewrite.match }, substitution: rw.uriRegexRewrite.rewrite };
  if (rw?.authority) hostRewrite = rw.authority;
  if (hostRewrite !== undefined) action.host_rewrite_literal = hostRewrite;
  const timeout = rule.timeout ? durationString(rule.timeout) : '0s';
  action.timeout = timeout;
  const retry = convertRetryPolicy(rule.retries, ctx.meshDefaultRetry, consistentHash);
  if (retry) action.retry_policy = retry;
  if (rule.mirror || rule.mirrors) {
    const mirrors = mirrorPolicies(rule, ctx, vsNs);
    if (mirrors.length) action.request_mirror_policies = mirrors;
  }
  if (hashes) action.hash_policy = hashes;
  action.max_grpc_timeout = timeout;
  return action;
}

/** RE2/Go `regexp.QuoteMeta`. */
function quoteRe2(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
