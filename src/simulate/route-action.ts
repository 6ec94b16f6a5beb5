import type { Json, Route, RouteConfiguration, VirtualHost } from '../envoy/types.ts';
import type { HeaderChange, NormalizedRequest, Redirect } from './types.ts';
import { compileRegex, fractionalPercent } from './matchers.ts';
import { stripPort } from './request.ts';

/** What a matched route does (config.route.v3.Route action + the per-route policies that apply). */
export interface ActionOutcome {
  readonly clusterSpecifier: string | null;
  readonly clusters: ReadonlyArray<{ name: string; weight: number }>;
  readonly redirect: Redirect | null;
  readonly directResponse: { status: number; body?: string } | null;
  readonly rewrite: { path?: string; host?: string } | null;
  readonly timeout: string | null;
  readonly retryPolicy: Json | null;
  readonly fault: Json | null;
  readonly mirrors: Array<{ cluster: string; percentage: number }>;
  readonly requestHeadersToAdd: HeaderChange[];
  readonly requestHeadersToRemove: string[];
  readonly responseHeadersToAdd: HeaderChange[];
  readonly notes: string[];
}

const REDIRECT_CODES: Record<string, number> = { MOVED_PERMANENTLY: 301, FOUND: 302, SEE_OTHER: 303, TEMPORARY_REDIRECT: 307, PERMANENT_REDIRECT: 308 };
const FAULT_FILTER = 'envoy.filters.http.fault';

/** Apply prefix_rewrite / regex_rewrite to the path (query kept), as Envoy's route and redirect do. */
function rewritePath(a: Json, route: Route, req: NormalizedRequest): string | undefined {
  const query = req.path.slice(req.pathOnly.length);
  if (typeof a.prefix_rewrite === 'string') {
    const m = route.match ?? {};
    const matched = typeof m.prefix === 'string' ? m.prefix.length : typeof m.path_separated_prefix === 'string' ? m.path_separated_prefix.length : typeof m.path === 'string' ? m.path.length : 0;
    return a.prefix_rewrite + req.pathOnly.slice(matched) + query;
  }
  if (a.regex_rewrite?.pattern) {
    try {
      const re = compileRegex(String(a.regex_rewrite.pattern.regex ?? ''));
      const sub = String(a.regex_rewrite.substitution ?? '').replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
      return re.matcher(req.pathOnly).replaceAll(sub) + query;
    } catch { return undefined; }
  }
  return undefined;
}

function headerChanges(list: Json[] | undefined): HeaderChange[] {
  return (list ?? []).map((h) => ({
    name: String(h.header?.key ?? ''),
    value: String(h.header?.value ?? ''),
    append: h.append_action ? h.append_action === 'APPEND_IF_EXISTS_OR_ADD' : h.append === undefined ? true : !!(h.append?.value ?? h.append),
  }));
}

function redirectOf(r: Json, route: Route, req: NormalizedRequest): Redirect {
  const code = REDIRECT_CODES[String(r.response_code ?? 'MOVED_PERMANENTLY')] ?? 301;
  const scheme = r.https_redirect ? 'https' : typeof r.scheme_redirect === 'string' ? r.scheme_redirect : undefined;
  let host: string | undefined = typeof r.host_redirect === 'string' ? r.host_redirect : undefined;
  if (r.port_redirect) host = `${stripPort(host ?? req.host)}:${r.port_redirect}`;
  let path: string | undefined = typeof r.path_redirect === 'string' ? r.path_redirect : rewritePath(r, route, req);
  if (r.strip_query) path = (path ?? req.path).split('?')[0];
  const finalScheme = scheme ?? req.scheme;
  const finalHost = host ?? (scheme && scheme !== req.scheme ? stripPort(req.host) : req.host);
  const location = `${finalScheme}://${finalHost}${path ?? req.path}`;
  return { ...(scheme ? { scheme } : {}), ...(host ? { host } : {}), ...(path !== undefined ? { path } : {}), code, location };
}

function directResponseOf(d: Json): { status: number; body?: string } {
  const b = d.body;
  const body = b?.inline_string ?? (b?.inline_bytes ? Buffer.from(String(b.inline_bytes), 'base64').toString('utf8') : b?.filename ? `<file ${b.filename}>` : undefined);
  return { status: Number(d.status ?? 200), ...(body !== undefined ? { body } : {}) };
}

const stripType = (o: Json | undefined): Json | null => {
  if (!o) return null;
  const { '@type': _t, ...rest } = o;
  return rest;
};

export function routeAction(route: Route, vh: VirtualHost, rc: RouteConfiguration | null, req: NormalizedRequest): ActionOutcome {
  const notes: string[] = [];
  const a: Json | undefined = route.route;
  let clusterSpecifier: string | null = null;
  let clusters: Array<{ name: string; weight: number }> = [];
  const weightedHeaders: HeaderChange[] = [];
  if (a) {
    if (typeof a.cluster === 'string') { clusterSpecifier = 'cluster'; clusters = [{ name: a.cluster, weight: 100 }]; }
    else if (a.weighted_clusters) {
      clusterSpecifier = 'weighted_clusters';
      clusters = (a.weighted_clusters.clusters ?? []).map((c: Json) => ({ name: String(c.name), weight: Number(c.weight?.value ?? c.weight ?? 0) }));
      for (const c of a.weighted_clusters.clusters ?? []) weightedHeaders.push(...headerChanges(c.request_headers_to_add));
    } else if (typeof a.cluster_header === 'string') {
      clusterSpecifier = 'cluster_header';
      const v = req.headers.get(a.cluster_header.toLowerCase());
      if (v) clusters = [{ name: v, weight: 100 }];
      notes.push(`cluster taken from header ${a.cluster_header}: ${v ?? '<absent>'}`);
    } else notes.push(`cluster specifier not evaluated (${Object.keys(a).filter((k) => k.startsWith('cluster')).join(', ') || 'none'})`);
  }
  const path = a ? rewritePath(a, route, req) : undefined;
  const host = typeof a?.host_rewrite_literal === 'string' ? a.host_rewrite_literal : a?.auto_host_rewrite ? '<upstream host>' : undefined;
  const fault = route.typed_per_filter_config?.[FAULT_FILTER] ?? vh.typed_per_filter_config?.[FAULT_FILTER];
  const mirrorList: Json[] = [...(a?.request_mirror_policies ?? []), ...(a?.request_mirror_policy ? [a.request_mirror_policy] : [])];
  return {
    clusterSpecifier, clusters,
    redirect: route.redirect ? redirectOf(route.redirect, route, req) : null,
    directResponse: route.direct_response ? directResponseOf(route.direct_response) : null,
    rewrite: path !== undefined || host !== undefined ? { ...(path !== undefined ? { path } : {}), ...(host !== undefined ? { host } : {}) } : null,
    timeout: a ? (typeof a.timeout === 'string' ? a.timeout : '15s') : null,
    retryPolicy: a ? (a.retry_policy ?? vh.retry_policy ?? null) : null,
    fault: stripType(fault),
    mirrors: mirrorList.map((m) => ({ cluster: String(m.cluster), percentage: fractionalPercent(m.runtime_fraction?.default_value, 100) })),
    requestHeadersToAdd: [...weightedHeaders, ...headerChanges(route.request_headers_to_add), ...headerChanges(vh.request_headers_to_add), ...headerChanges(rc?.request_headers_to_add)],
    requestHeadersToRemove: [...(route.request_headers_to_remove ?? []), ...(vh.request_headers_to_remove ?? []), ...(rc?.request_headers_to_remove ?? [])].map(String),
    responseHeadersToAdd: [...headerChanges(route.response_headers_to_add), ...headerChanges(vh.response_headers_to_add), ...headerChanges(rc?.response_headers_to_add)],
    notes,
  };
}

/** A percentage for people: `100%`, `5%`, `0.1%` (at most 4 decimals, no trailing zeros). */
const pct = (p: Json | undefined): string => (p && typeof p === 'object' ? `${Number(fractionalPercent(p, 0).toFixed(4))}%` : 'an unset percentage');

/**
 * Envoy's HTTPFault (envoy.filters.http.fault per-route config) in words, e.g.
 * `delay 2s for 100% of requests; abort 503 for 5%`. Header-controlled faults name their header.
 */
export function describeFault(f: Json): string {
  const parts: string[] = [];
  const d = f?.delay;
  if (d) {
    const what = d.fixed_delay !== undefined ? `delay ${d.fixed_delay}` : d.header_delay ? 'delay from the x-envoy-fault-delay-request header' : 'delay';
    parts.push(`${what} for ${pct(d.percentage)} of requests`);
  }
  const a = f?.abort;
  if (a) {
    const what = a.http_status !== undefined ? `abort ${a.http_status}` : a.grpc_status !== undefined ? `abort gRPC status ${a.grpc_status}`
      : a.header_abort ? 'abort with the status from the x-envoy-fault-abort-request header' : 'abort';
    parts.push(`${what} for ${pct(a.percentage)}${d ? '' : ' of requests'}`);
  }
  if (f?.max_active_faults !== undefined) parts.push(`at most ${Number(f.max_active_faults?.value ?? f.max_active_faults)} active faults`);
  return parts.length ? parts.join('; ') : 'fault filter config with neither delay nor abort';
}
