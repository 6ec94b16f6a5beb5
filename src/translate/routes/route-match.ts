/**
 * VirtualService HTTPMatchRequest → Envoy RouteMatch (Istio `route.TranslateRouteMatch`), and the
 * "static" parts of a match that istiod evaluates per proxy instead of emitting (port, gateways,
 * sourceLabels, sourceNamespace).
 */
import type { Json } from '../../envoy/types.ts';

export interface StaticMatchContext {
  /** Listener port: the service port on sidecars, the server port on gateways. */
  readonly port: number;
  /** Gateways the routes are built for: `['mesh']` on sidecars, `['ns/name', …]` on gateways. */
  readonly gateways: readonly string[];
  readonly proxyLabels: Readonly<Record<string, string>>;
  readonly proxyNamespace: string;
}

/** Does this match block apply to the proxy/listener at all? (Istio drops blocks that don't.) */
export function staticMatchApplies(m: Json, ctx: StaticMatchContext, vsNamespace: string): boolean {
  if (m.port && Number(m.port) !== ctx.port) return false;
  if (Array.isArray(m.gateways) && m.gateways.length > 0) {
    const gws = m.gateways.map((g: string) => resolveGatewayName(g, vsNamespace));
    return gws.some((g: string) => ctx.gateways.includes(g));
  }
  if (m.sourceLabels && typeof m.sourceLabels === 'object') {
    for (const [k, v] of Object.entries(m.sourceLabels)) if (ctx.proxyLabels[k] !== v) return false;
  }
  if (m.sourceNamespace && m.sourceNamespace !== ctx.proxyNamespace) return false;
  return true;
}

/** Gateway reference as written in a VS → `ns/name` or `mesh` (Istio `resolveGatewayName`). */
export function resolveGatewayName(gw: string, vsNamespace: string): string {
  if (gw === 'mesh') return 'mesh';
  if (gw.startsWith('./')) return `${vsNamespace}/${gw.slice(2)}`;
  if (gw.includes('/')) return gw;
  if (gw.includes('.')) {
    // legacy `name.ns.svc.cluster.local`
    const [name, ns] = gw.split('.');
    return `${ns}/${name}`;
  }
  return `${vsNamespace}/${gw}`;
}

/** Istio StringMatch → Envoy StringMatcher (exact / prefix / safe_regex). Undefined when empty. */
export function stringMatcher(sm: Json | undefined): Json | undefined {
  if (!sm || typeof sm !== 'object') return undefined;
  if (typeof sm.exact === 'string' && sm.exact !== '') return { exact: sm.exact };
  if (typeof sm.prefix === 'string' && sm.prefix !== '') return { prefix: sm.prefix };
  if (typeof sm.regex === 'string' && sm.regex !== '' && sm.regex !== '*') return { safe_regex: { regex: sm.regex } };
  return undefined;
}

/** Header matcher (`translateHeaderMatch`): empty StringMatch or regex `*` → present_match. */
export function headerMatcher(name: string, sm: Json | undefined, invert = false): Json {
  const s = stringMatcher(sm);
  if (!s) return invert ? { name, present_match: true, invert_match: true } : { name, present_match: true };
  const out: Json = { name, string_match: s };
  if (invert) Object.assign(out, { invert_match: true, treat_missing_header_as_empty: true });
  return out;
}

/** Claims headers (`@request.auth.claims.x`) become JWT dynamic metadata matchers. */
function claimMatcher(name: string, sm: Json | undefined, invert: boolean): Json {
  const claim = name.slice('@request.auth.claims'.length);
  const path = claim.startsWith('.') ? claim.slice(1).split('.') : [...claim.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
  const s = stringMatcher(sm);
  const value: Json = s ? { string_match: s } : { present_match: true };
  return {
    filter: 'istio_authn',
    path: [{ key: 'request.auth.claims' }, ...path.map((key) => ({ key }))],
    value: value.string_match ? { string_match: value.string_match } : { present_match: true },
    ...(invert ? { invert: true } : {}),
  };
}

function sortedEntries(o: Json | undefined): [string, Json][] {
  if (!o || typeof o !== 'object') return [];
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) as [string, Json][];
}

/** Path part of a match. `pathSeparated` is used for Ingress/Gateway-API generated VSes. */
function pathSpecifier(uri: Json | undefined, pathSeparated: boolean): Json {
  if (uri?.exact !== undefined && uri.exact !== '') return { path: uri.exact };
  if (uri?.prefix !== undefined && uri.prefix !== '') {
    if (pathSeparated && uri.prefix !== '/') return { path_separated_prefix: uri.prefix.replace(/\/+$/, '') };
    return { prefix: uri.prefix };
  }
  if (uri?.regex !== undefined && uri.regex !== '') return { safe_regex: { regex: uri.regex } };
  return { prefix: '/' };
}

const CATCH_ALL: Json = Object.freeze({ prefix: '/' });
/** Translated matches, per (frozen) Istio match object: the translation depends on nothing else. */
const matchCache = new WeakMap<object, Json>();
const matchCacheSeparated = new WeakMap<object, Json>();

/**
 * Envoy RouteMatch for one Istio match block (undefined block = catch-all `prefix: /`). The result is
 * shared between routes built from the same block: treat it as immutable.
 */
export function translateRouteMatch(m: Json | undefined, pathSeparated = false): Json {
  if (!m) return CATCH_ALL;
  const cache = pathSeparated ? matchCacheSeparated : matchCache;
  let out = cache.get(m);
  if (!out) cache.set(m, (out = Object.freeze(buildRouteMatch(m, pathSeparated))));
  return out;
}

function buildRouteMatch(m: Json, pathSeparated: boolean): Json {
  const out: Json = { ...pathSpecifier(m.uri, pathSeparated), case_sensitive: !m.ignoreUriCase };
  const headers: Json[] = [];
  const dyn: Json[] = [];
  for (const [name, sm] of sortedEntries(m.headers)) {
    if (name.startsWith('@request.auth.claims')) dyn.push(claimMatcher(name, sm, false));
    else headers.push(headerMatcher(name, sm));
  }
  for (const [name, sm] of sortedEntries(m.withoutHeaders)) {
    if (name.startsWith('@request.auth.claims')) dyn.push(claimMatcher(name, sm, true));
    else headers.push(headerMatcher(name, sm, true));
  }
  if (m.method) headers.push(headerMatcher(':method', m.method));
  if (m.authority) headers.push(headerMatcher(':authority', m.authority));
  if (m.scheme) headers.push(headerMatcher(':scheme', m.scheme));
  if (headers.length) out.headers = headers;
  const qps = sortedEntries(m.queryParams).map(([name, sm]) => {
    const s = stringMatcher(sm);
    return s ? { name, string_match: s } : { name, present_match: true };
  });
  if (qps.length) out.query_parameters = qps;
  if (dyn.length) out.dynamic_metadata = dyn;
  return out;
}

/** Istio's `isCatchAllMatch`: a match that accepts every request (truncates the rest of the VS). */
export function isCatchAllRouteMatch(rm: Json): boolean {
  const pathAll = rm.prefix === '/' || rm.path_separated_prefix === '/' || rm.safe_regex?.regex === '.*';
  return pathAll && !rm.headers?.length && !rm.query_parameters?.length && !rm.dynamic_metadata?.length;
}
