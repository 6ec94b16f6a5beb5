/**
 * One GRPCRoute rule (with at most one match) → one VirtualService `http[]` route (Istio `convertGRPCRoute`):
 * the gRPC method match becomes a URI match on `/<service>/<method>`; header modifiers and mirrors are the
 * only filters; no backend with weight > 0 → direct response 500.
 */
import type { ConvertContext } from './context.ts';
import { buildDestination, buildRouteDestinations, headerOperations, weightOf, type ConvertIssue } from './backends.ts';
import type { RuleResult } from './http-rules.ts';
import type { Json } from './json.ts';

/** GRPCMethodMatch → StringMatch; undefined = no URI match; a match with neither service nor method is invalid. */
export function grpcUriMatch(m: Json | undefined): Json | undefined | null {
  if (!m) return undefined;
  const svc = typeof m.service === 'string' ? m.service : undefined;
  const method = typeof m.method === 'string' ? m.method : undefined;
  if (svc === undefined && method === undefined) return null;
  if (m.type === 'RegularExpression') {
    if (method === undefined) return { regex: `/${svc}/.+` };
    if (svc === undefined) return { regex: `/[^/]+/${method}` };
    return { regex: `/${svc}/${method}` };
  }
  if (method === undefined) return { prefix: `/${svc}/` };
  if (svc === undefined) return { regex: `/[^/]+/${method}` };
  return { exact: `/${svc}/${method}` };
}

function grpcMatch(m: Json, path: string): { match?: Json; issue?: ConvertIssue } {
  const out: Json = {};
  const uri = grpcUriMatch(m.method);
  if (uri === null) return { issue: { hard: true, reason: 'InvalidConfiguration', message: 'gRPC match must have method or service defined', path: `${path}.method` } };
  if (uri) out.uri = uri;
  if (Array.isArray(m.headers) && m.headers.length) {
    out.headers = {};
    for (const h of m.headers) out.headers[String(h?.name ?? '')] = h?.type === 'RegularExpression' ? { regex: String(h?.value ?? '') } : { exact: String(h?.value ?? '') };
  }
  return { match: out };
}

export function convertGrpcRule(rule: Json, match: Json | undefined, matchPath: string, index: number, routeNs: string, routeName: string, path: string, ctx: ConvertContext): RuleResult {
  const route: Json = { name: typeof rule.name === 'string' && rule.name ? rule.name : `${routeNs}.${routeName}.${index}` };
  const issues: ConvertIssue[] = [];
  if (match) {
    const m = grpcMatch(match, matchPath);
    if (m.issue) return { issues: [m.issue] };
    route.match = [m.match];
  }
  for (const [i, f] of (Array.isArray(rule.filters) ? rule.filters : []).entries()) {
    const p = `${path}.filters[${i}]`;
    if (f?.type === 'RequestHeaderModifier' || f?.type === 'ResponseHeaderModifier') {
      const which = f.type === 'RequestHeaderModifier' ? 'request' : 'response';
      const ops = headerOperations(which === 'request' ? f.requestHeaderModifier : f.responseHeaderModifier);
      if (ops) route.headers = { ...(route.headers ?? {}), [which]: ops };
    } else if (f?.type === 'RequestMirror') {
      const d = buildDestination({ ...(f.requestMirror?.backendRef ?? {}), weight: 1 }, routeNs, `${p}.requestMirror.backendRef`, ctx);
      if (d.issue) return { issues: [...issues, { ...d.issue, hard: true }] };
      route.mirrors = [...(route.mirrors ?? []), { destination: d.destination }];
    } else {
      return { issues: [{ hard: true, reason: 'InvalidFilter', message: `unsupported filter type "${f?.type}"`, path: p }] };
    }
  }
  const refs: Json[] = Array.isArray(rule.backendRefs) ? rule.backendRefs : [];
  if (refs.reduce((s, r) => s + weightOf(r), 0) === 0) {
    route.directResponse = { status: 500 };
    return { route, issues };
  }
  const d = buildRouteDestinations(refs, routeNs, `${path}.backendRefs`, ctx);
  if (d.issue) issues.push(d.issue);
  if (d.issue?.hard) return { issues };
  route.route = d.route;
  return { route, issues };
}
