/**
 * Gateway API rule precedence expressed as VirtualService order (Istio `sortHTTPRoutes`), and the
 * parentRef `port` turned into match ports (Istio `augmentPortMatch`).
 */
import type { Json } from './json.ts';

/** Exact > Prefix > Regex > no URI. */
function uriRank(m: Json): number {
  const u = m.uri;
  if (!u) return -1;
  if (u.exact !== undefined) return 3;
  if (u.prefix !== undefined) return 2;
  if (u.regex !== undefined) return 1;
  return -1;
}

function uriLength(m: Json): number {
  const u = m.uri;
  if (!u) return 0;
  return String(u.exact ?? u.prefix ?? u.regex ?? '').length;
}

const count = (o: unknown): number => (o && typeof o === 'object' ? Object.keys(o).length : 0);

/** Negative when `a` must come first. Routes without match go last; every route has at most one match. */
export function compareHttpRoutes(a: Json, b: Json): number {
  const am = a.match?.[0], bm = b.match?.[0];
  if (!am || !bm) return !am && !bm ? 0 : !am ? 1 : -1;
  const r1 = uriRank(am), r2 = uriRank(bm);
  if (r1 !== r2) return r2 - r1;
  const l1 = uriLength(am), l2 = uriLength(bm);
  if (l1 !== l2) return l2 - l1;
  if (!am.method !== !bm.method) return am.method ? -1 : 1;
  const h1 = count(am.headers), h2 = count(bm.headers);
  if (h1 !== h2) return h2 - h1;
  return count(bm.queryParams) - count(am.queryParams);
}

/** A stable sort (Array.prototype.sort is stable), as `sort.SliceStable`. */
export function sortHttpRoutes(routes: readonly Json[]): Json[] {
  return [...routes].sort(compareHttpRoutes);
}

/** Every match gets `port`; a route without match gets a match on the port only. */
export function withPortMatch(routes: readonly Json[], port: number): Json[] {
  return routes.map((r) => ({
    ...r,
    match: r.match?.length ? r.match.map((m: Json) => ({ ...m, port })) : [{ port }],
  }));
}
