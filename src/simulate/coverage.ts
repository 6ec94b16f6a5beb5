import type { Route } from '../envoy/types.ts';
import { parseConfigPath, istioConfigPath } from './provenance.ts';

/**
 * Route coverage for `sluice test`: which `http[]` rules of which VirtualServices some test's request matched.
 * An Envoy route names its VirtualService in `metadata.filter_metadata.istio.config` but not the rule index, so
 * the rule is recovered from the route's name (Istio names a route after `http[i].name`, `name.matchName` per
 * match) or else from its match signature (path matcher + header and query parameter names), which Istio
 * derives one-to-one from each `match` block.
 */
export interface VirtualServiceRules {
  readonly namespace: string;
  readonly name: string;
  readonly http: ReadonlyArray<Record<string, any>>;
}

export interface CoverageUnit { readonly virtualService: string; readonly index: number; readonly label: string; readonly covered: boolean }
export interface CoverageReport { readonly units: readonly CoverageUnit[]; readonly covered: number; readonly total: number; readonly percent: number; readonly unmapped: number }

function istioPathSig(uri: Record<string, any> | undefined): string {
  if (!uri) return 'prefix:/';
  if (typeof uri.exact === 'string') return `path:${uri.exact}`;
  if (typeof uri.prefix === 'string') return `prefix:${uri.prefix}`;
  if (typeof uri.regex === 'string') return `regex:${uri.regex}`;
  return 'prefix:/';
}

function istioMatchSig(m: Record<string, any> | null): string {
  if (!m) return 'prefix:/||';
  const headers = [...Object.keys(m.headers ?? {}), ...Object.keys(m.withoutHeaders ?? {})].map((h) => h.toLowerCase());
  if (m.method) headers.push(':method');
  if (m.authority) headers.push(':authority');
  if (m.scheme) headers.push(':scheme');
  return `${istioPathSig(m.uri)}|${headers.sort().join(',')}|${Object.keys(m.queryParams ?? {}).sort().join(',')}`;
}

function envoyMatchSig(r: Route): string {
  const m = r.match ?? {};
  const path = typeof m.prefix === 'string' ? `prefix:${m.prefix}` : typeof m.path_separated_prefix === 'string' ? `prefix:${m.path_separated_prefix}`
    : typeof m.path === 'string' ? `path:${m.path}` : m.safe_regex ? `regex:${m.safe_regex.regex}` : '?';
  const headers = (m.headers ?? []).map((h: any) => String(h.name).toLowerCase()).sort().join(',');
  const query = (m.query_parameters ?? []).map((q: any) => String(q.name)).sort().join(',');
  return `${path}|${headers}|${query}`;
}

/** The `http[]` index of the VirtualService rule an Envoy route came from, or -1. */
export function ruleIndexFor(route: Route, vs: VirtualServiceRules): number {
  const name = route.name;
  if (name) {
    const i = vs.http.findIndex((h) => h.name && (name === h.name || name.startsWith(`${h.name}.`)));
    if (i >= 0) return i;
  }
  const sig = envoyMatchSig(route);
  for (let i = 0; i < vs.http.length; i++) {
    const matches: Array<Record<string, any> | null> = vs.http[i].match?.length ? vs.http[i].match : [null];
    if (matches.some((m) => istioMatchSig(m) === sig)) return i;
  }
  return -1;
}

function istioMatchText(m: Record<string, any>): string {
  const parts: string[] = [];
  const uri = m.uri ?? {};
  for (const k of ['exact', 'prefix', 'regex']) if (typeof uri[k] === 'string') parts.push(`uri ${k} ${uri[k]}`);
  for (const [k, v] of Object.entries(m.headers ?? {})) parts.push(`header ${k} ${JSON.stringify(v)}`);
  for (const k of Object.keys(m.withoutHeaders ?? {})) parts.push(`without header ${k}`);
  for (const k of ['method', 'authority', 'scheme']) if (m[k]) parts.push(`${k} ${JSON.stringify(m[k])}`);
  for (const k of Object.keys(m.queryParams ?? {})) parts.push(`query ${k}`);
  return parts.join(', ') || 'any request';
}

function ruleLabel(rule: Record<string, any>, i: number): string {
  const m: Array<Record<string, any>> = rule.match ?? [];
  const what = m.length ? m.map(istioMatchText).join(' OR ') : 'any request';
  return `http[${i}]${rule.name ? ` ${rule.name}` : ''} (${what})`;
}

/** Coverage of the rules of `virtualServices` by the Envoy routes that tests matched. */
export function routeCoverage(virtualServices: readonly VirtualServiceRules[], hitRoutes: readonly Route[]): CoverageReport {
  const key = (ns: string, name: string) => `${name}.${ns}`;
  const byKey = new Map(virtualServices.map((v) => [key(v.namespace, v.name), v]));
  const hit = new Set<string>();
  let unmapped = 0;
  for (const r of hitRoutes) {
    const p = parseConfigPath(istioConfigPath(r));
    if (!p || p.kind !== 'virtual-service') continue;
    const vs = byKey.get(key(p.namespace, p.name));
    const i = vs ? ruleIndexFor(r, vs) : -1;
    if (i < 0) { unmapped++; continue; }
    hit.add(`${key(p.namespace, p.name)}#${i}`);
  }
  const units: CoverageUnit[] = [];
  for (const vs of [...virtualServices].sort((a, b) => key(a.namespace, a.name).localeCompare(key(b.namespace, b.name)))) {
    vs.http.forEach((rule, i) => units.push({ virtualService: key(vs.namespace, vs.name), index: i, label: ruleLabel(rule, i), covered: hit.has(`${key(vs.namespace, vs.name)}#${i}`) }));
  }
  const covered = units.filter((u) => u.covered).length;
  return { units, covered, total: units.length, percent: units.length ? Math.round((covered / units.length) * 1000) / 10 : 100, unmapped };
}
