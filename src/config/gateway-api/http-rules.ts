/**
 * One HTTPRoute rule (with at most one match) → one VirtualService `http[]` route
 * (Istio `convertHTTPRoute`, pilot/pkg/config/kube/gateway/conversion.go):
 * name `<ns>.<route>.<ruleIndex>` unless the rule is named; path/headers/queryParams/method matches;
 * RequestHeaderModifier, ResponseHeaderModifier, RequestRedirect, RequestMirror, URLRewrite, CORS filters;
 * retry and timeouts; no backend with weight > 0 (and no redirect) → direct response 500.
 */
import type { ConvertContext } from './context.ts';
import { buildDestination, buildRouteDestinations, headerOperations, weightOf, type ConvertIssue } from './backends.ts';
import type { Json } from './json.ts';

export interface RuleResult {
  /** Undefined when a hard issue rejects the rule. */
  readonly route?: Json;
  readonly issues: readonly ConvertIssue[];
}

/** Gateway API path match → Istio StringMatch. A trailing `/` of a prefix is ignored (except `/` itself). */
export function uriMatch(path: Json | undefined): Json {
  const type = path?.type ?? 'PathPrefix';
  const value = typeof path?.value === 'string' ? path.value : '/';
  if (type === 'Exact') return { exact: value };
  if (type === 'RegularExpression') return { regex: value };
  return { prefix: value !== '/' ? value.replace(/\/$/, '') : value };
}

/** Header / query param matches: `Exact` (default) or `RegularExpression`; later duplicates overwrite. */
function stringMatches(list: unknown): Json | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const out: Json = {};
  for (const h of list) out[String(h?.name ?? '')] = h?.type === 'RegularExpression' ? { regex: String(h?.value ?? '') } : { exact: String(h?.value ?? '') };
  return out;
}

export function httpMatch(m: Json): Json {
  const out: Json = { uri: uriMatch(m.path) };
  const headers = stringMatches(m.headers);
  const qp = stringMatches(m.queryParams);
  if (headers) out.headers = headers;
  if (qp) out.queryParams = qp;
  if (typeof m.method === 'string') out.method = { exact: m.method };
  return out;
}

/** Go duration (`10s`, `1m30s`, `500ms`) → seconds, as the VirtualService duration string; undefined for 0/invalid. */
export function gatewayDuration(d: unknown): string | undefined {
  if (typeof d !== 'string') return undefined;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3 };
  let total = 0, used = 0;
  for (const m of d.matchAll(/(\d+)(ms|h|m|s)/g)) { total += Number(m[1]) * units[m[2]!]!; used += m[0].length; }
  if (used !== d.length || total === 0) return undefined;
  return `${Number(total.toFixed(3))}s`;
}

export function redirect(f: Json | undefined): Json {
  const out: Json = {};
  if (!f) return out;
  if (f.statusCode !== undefined) out.redirectCode = Number(f.statusCode);
  if (typeof f.hostname === 'string') out.authority = f.hostname;
  if (typeof f.scheme === 'string') out.scheme = f.scheme;
  // "When empty, port (if specified) of the request is used" — unlike Istio's default.
  if (f.port !== undefined) out.port = Number(f.port);
  else out.derivePort = f.scheme !== undefined ? 'FROM_PROTOCOL_DEFAULT' : 'FROM_REQUEST_PORT';
  if (f.path?.type === 'ReplaceFullPath') out.uri = String(f.path.replaceFullPath ?? '');
  else if (f.path?.type === 'ReplacePrefixMatch') out.uri = `%PREFIX()%${String(f.path.replacePrefixMatch ?? '')}`;
  return out;
}

export function rewrite(f: Json | undefined): Json | undefined {
  if (!f) return undefined;
  const out: Json = {};
  if (f.path?.type === 'ReplacePrefixMatch') out.uri = String(f.path.replacePrefixMatch ?? '').replace(/\/$/, '') || '/';
  else if (f.path?.type === 'ReplaceFullPath') out.uriRegexRewrite = { match: '/.*', rewrite: String(f.path.replaceFullPath ?? '') };
  if (typeof f.hostname === 'string' && f.hostname) out.authority = f.hostname;
  return Object.keys(out).length ? out : undefined;
}

function cors(f: Json | undefined): Json | undefined {
  if (!f) return undefined;
  const out: Json = {};
  const origins = (f.allowOrigins ?? []).filter((o: unknown) => typeof o === 'string' && o).map((o: string) => ({ exact: o }));
  if (origins.length) out.allowOrigins = origins;
  if (f.allowCredentials === true) out.allowCredentials = true;
  for (const k of ['allowMethods', 'allowHeaders', 'exposeHeaders'] as const) if (Array.isArray(f[k]) && f[k].length) out[k] = f[k].map(String);
  if (Number(f.maxAge) > 0) out.maxAge = `${Number(f.maxAge)}s`;
  return out;
}

function mirror(f: Json | undefined, ns: string, path: string, ctx: ConvertContext): { mirror?: Json; issue?: ConvertIssue } {
  if (!f) return {};
  const d = buildDestination({ ...(f.backendRef ?? {}), weight: 1 }, ns, `${path}.backendRef`, ctx);
  if (d.issue) return { issue: d.issue.hard ? { ...d.issue, hard: false } : d.issue };
  const out: Json = { destination: d.destination };
  if (f.fraction) out.percentage = { value: (100 * Number(f.fraction.numerator ?? 0)) / Number(f.fraction.denominator ?? 100) };
  else if (f.percent !== undefined) out.percentage = { value: Number(f.percent) };
  return { mirror: out };
}

/** Filters → fields of `route`; returns a hard issue for an unsupported filter type. */
function applyFilters(route: Json, filters: readonly Json[], ns: string, path: string, ctx: ConvertContext, issues: ConvertIssue[]): boolean {
  for (const [i, f] of filters.entries()) {
    const p = `${path}.filters[${i}]`;
    switch (f?.type) {
      case 'RequestHeaderModifier':
      case 'ResponseHeaderModifier': {
        const which = f.type === 'RequestHeaderModifier' ? 'request' : 'response';
        const ops = headerOperations(which === 'request' ? f.requestHeaderModifier : f.responseHeaderModifier);
        if (ops) route.headers = { ...(route.headers ?? {}), [which]: ops };
        break;
      }
      case 'RequestRedirect': route.redirect = redirect(f.requestRedirect); break;
      case 'URLRewrite': { const rw = rewrite(f.urlRewrite); if (rw) route.rewrite = rw; else delete route.rewrite; break; }
      case 'CORS': route.corsPolicy = cors(f.cors); break;
      case 'RequestMirror': {
        const m = mirror(f.requestMirror, ns, p, ctx);
        if (m.issue) issues.push(m.issue);
        if (m.mirror) route.mirrors = [...(route.mirrors ?? []), m.mirror];
        break;
      }
      default:
        issues.push({ hard: true, reason: 'InvalidFilter', message: `unsupported filter type "${f?.type}"`, path: p });
        return false;
    }
  }
  return true;
}

function retriesAndTimeouts(route: Json, rule: Json): void {
  if (rule.retry) {
    const retryOn = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', ...(rule.retry.codes ?? []).map(String)];
    const attempts = rule.retry.attempts === undefined ? 2 : Number(rule.retry.attempts);
    route.retries = { attempts, ...(attempts > 0 ? { retryOn: retryOn.join(',') } : {}) };
    const backoff = gatewayDuration(rule.retry.backoff);
    if (backoff) route.retries.backoff = backoff;
  }
  const request = gatewayDuration(rule.timeouts?.request);
  const backend = gatewayDuration(rule.timeouts?.backendRequest);
  if (request) route.timeout = request;
  if (backend) {
    if (route.retries) route.retries.perTryTimeout = backend;
    else route.timeout = backend;
  }
}

/**
 * Convert rule `index` of `routeObj` with one match (or none). `path` is the rule's field path.
 */
export function convertHttpRule(rule: Json, match: Json | undefined, index: number, routeNs: string, routeName: string, path: string, ctx: ConvertContext): RuleResult {
  const route: Json = { name: typeof rule.name === 'string' && rule.name ? rule.name : `${routeNs}.${routeName}.${index}` };
  if (match) route.match = [httpMatch(match)];
  const issues: ConvertIssue[] = [];
  if (!applyFilters(route, Array.isArray(rule.filters) ? rule.filters : [], routeNs, path, ctx, issues)) return { issues };
  retriesAndTimeouts(route, rule);
  const refs: Json[] = Array.isArray(rule.backendRefs) ? rule.backendRefs : [];
  const weightSum = refs.reduce((s, r) => s + weightOf(r), 0);
  if (weightSum === 0 && !route.redirect) {
    // "The spec requires us to return 500 when there are no >0 weight backends."
    route.directResponse = { status: 500 };
  } else {
    const d = buildRouteDestinations(refs, routeNs, `${path}.backendRefs`, ctx);
    if (d.issue) issues.push(d.issue);
    if (d.issue?.hard) return { issues };
    if (!route.redirect) route.route = d.route;
  }
  return { route, issues };
}
