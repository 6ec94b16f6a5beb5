/**
 * One VirtualService's `http[]` → ordered Envoy routes for one listener port
 * (Istio `route.BuildHTTPRoutesForVirtualService` / `translateRoute`).
 */
import type { Json, Route } from '../../envoy/types.ts';
import { configPath } from '../names.ts';
import { corsFilterConfig, directResponseAction, faultFilterConfig, redirectAction, routeAction } from './route-action.ts';
import type { RouteBuildContext } from './route-context.ts';
import { isCatchAllRouteMatch, staticMatchApplies, translateRouteMatch } from './route-match.ts';

/** A VirtualService as the route builder sees it (delegates already merged into `http`). */
export interface VirtualServiceInput {
  readonly name: string;
  readonly namespace: string;
  readonly http: readonly Json[];
  /** Ingress / Gateway-API generated: prefix matches become path_separated_prefix. */
  readonly pathSeparatedPrefix?: boolean;
  /** Gateway-API generated (Istio `UseGatewaySemantics`): 500 for unknown clusters, prefix-removing rewrites, redirect prefixes. */
  readonly gatewaySemantics?: boolean;
}

export const vsConfigPath = (ns: string, name: string): string => configPath('VirtualService', ns, name);

function routeName(rule: Json, match: Json | undefined): string | undefined {
  const base = typeof rule.name === 'string' ? rule.name : '';
  const m = typeof match?.name === 'string' ? match.name : '';
  if (base && m) return `${base}.${m}`;
  if (base) return base;
  if (m) return `.${m}`;
  return undefined;
}

/** Istio `getRouteOperation`: `host:port<path>` for one cluster, `vsName:listenerPort<path>` otherwise. */
export function routeOperation(r: Json, vsName: string, port: number): string {
  const m = r.match ?? {};
  let path = '/*';
  if (m.prefix !== undefined) path = `${m.prefix}*`;
  else if (m.path !== undefined) path = m.path;
  else if (m.safe_regex) path = m.safe_regex.regex;
  else if (m.path_separated_prefix !== undefined) path = `${m.path_separated_prefix}*`;
  const c: unknown = r.route?.cluster;
  if (typeof c === 'string') {
    // outbound|<port>|<subset>|<host> → <host>:<port><path>
    const a = c.indexOf('|'), b = a < 0 ? -1 : c.indexOf('|', a + 1), d = b < 0 ? -1 : c.indexOf('|', b + 1);
    if (d > 0 && d < c.length - 1) return `${c.slice(d + 1)}:${c.slice(a + 1, b)}${path}`;
  }
  return `${vsName}:${port}${path}`;
}

function translateRule(vs: VirtualServiceInput, rule: Json, match: Json | undefined, ctx: RouteBuildContext, metadata: Json): Route | undefined {
  if (match && !staticMatchApplies(match, ctx, vs.namespace)) return undefined;
  const name = routeName(rule, match);
  // Built in Envoy's field order (name, match, action, metadata, decorator, per-filter config, headers).
  const r: Json = name !== undefined ? { name, match: translateRouteMatch(match, vs.pathSeparatedPrefix) } : { match: translateRouteMatch(match, vs.pathSeparatedPrefix) };
  const headers: Json = {};
  if (rule.redirect) {
    const redirect = redirectAction(rule.redirect, ctx.port, vs.gatewaySemantics, ctx.isTls);
    if (!redirect) return undefined;
    r.redirect = redirect;
    applyNonRouteHeaders(headers, rule);
  } else if (rule.directResponse) {
    r.direct_response = directResponseAction(rule.directResponse);
    applyNonRouteHeaders(headers, rule);
  } else {
    r.route = routeAction(rule, ctx, vs.namespace, headers, vs.gatewaySemantics ? { pathSeparatedPrefix: r.match.path_separated_prefix } : undefined);
  }
  r.metadata = metadata;
  r.decorator = { operation: routeOperation(r, vs.name, ctx.port) };
  const cors = corsFilterConfig(rule.corsPolicy);
  const fault = faultFilterConfig(rule.fault);
  if (cors || fault) {
    const perFilter: Json = {};
    if (cors) perFilter['envoy.filters.http.cors'] = cors;
    if (fault) perFilter['envoy.filters.http.fault'] = fault;
    r.typed_per_filter_config = perFilter;
  }
  for (const k in headers) r[k] = headers[k];
  if (typeof match?.statPrefix === 'string' && match.statPrefix) r.stat_prefix = match.statPrefix;
  return r as Route;
}

/** Header operations still apply to redirect / direct-response routes. */
function applyNonRouteHeaders(r: Json, rule: Json): void {
  const resp = rule.headers?.response;
  if (resp?.set || resp?.add) {
    const add: Json[] = [];
    for (const [g, a] of [['set', 'OVERWRITE_IF_EXISTS_OR_ADD'], ['add', 'APPEND_IF_EXISTS_OR_ADD']] as const) {
      for (const k of Object.keys(resp[g] ?? {}).sort()) add.push({ header: { key: k, value: String(resp[g][k]) }, append_action: a });
    }
    if (add.length) r.response_headers_to_add = add;
  }
}

/** Build the routes of one VS for one listener port, with Istio's catch-all truncation. */
export function buildVirtualServiceRoutes(vs: VirtualServiceInput, ctx: RouteBuildContext): Route[] {
  const out: Route[] = [];
  // Provenance (`filter_metadata.istio.config`), shared by the VS's routes.
  const metadata: Json = Object.freeze({ filter_metadata: Object.freeze({ istio: Object.freeze({ config: vsConfigPath(vs.namespace, vs.name) }) }) });
  for (const rule of vs.http) {
    let catchAll = false;
    const matches: Json[] = Array.isArray(rule.match) ? rule.match : [];
    if (matches.length === 0) {
      const r = translateRule(vs, rule, undefined, ctx, metadata);
      if (r) out.push(r);
      catchAll = true;
    } else {
      for (const m of matches) {
        const r = translateRule(vs, rule, m, ctx, metadata);
        if (!r) continue;
        out.push(r);
        if (isCatchAllRouteMatch(r.match)) { catchAll = true; break; }
      }
    }
    if (catchAll) break;
  }
  return out;
}

/** Istio `SortVHostRoutes`: catch-all routes move to the end, others keep their order (gateways). */
export function sortVirtualHostRoutes(routes: readonly Route[]): Route[] {
  const normal: Route[] = [], catchAll: Route[] = [];
  for (const r of routes) (isCatchAllRouteMatch(r.match ?? {}) ? catchAll : normal).push(r);
  return [...normal, ...catchAll];
}
