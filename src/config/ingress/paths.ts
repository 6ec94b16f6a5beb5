/**
 * Ingress paths → VirtualService URI matches, and the route order Kubernetes asks for
 * (Istio pilot/pkg/config/kube/ingress `convertIngressRule`, `createFallbackStringMatch`, `sortHTTPRoutes`).
 * Prefix matches of the generated VirtualService are path-separated (`internal.istio.io/route-semantics:
 * ingress`, applied when the routes are translated): `/foo` matches `/foo` and `/foo/bar`, not `/foobar`.
 */

export type UriMatch = { readonly exact: string } | { readonly prefix: string };

/**
 * `pathType: Exact` → exact, `Prefix` → prefix; `ImplementationSpecific` (or none) keeps Istio's legacy
 * reading: empty, `*`, `/*`, `.*` match everything (no match), `foo.*` and `foo/*` are prefixes, the rest exact.
 */
export function ingressUriMatch(path: string | undefined, pathType: string | undefined): UriMatch | undefined {
  const p = path ?? '';
  if (pathType === 'Exact') return { exact: p };
  if (pathType === 'Prefix') return { prefix: p };
  if (p === '' || p === '*' || p === '/*' || p === '.*') return undefined;
  if (p.endsWith('.*')) return { prefix: p.slice(0, -2) };
  if (p.endsWith('/*')) return { prefix: p.slice(0, -2) };
  return { exact: p };
}

/** Length of the match's path and whether it is exact; routes without a match count as length 0. */
function uriWeight(uri: UriMatch | undefined): { len: number; exact: boolean } {
  if (!uri) return { len: 0, exact: false };
  return 'exact' in uri ? { len: uri.exact.length, exact: true } : { len: uri.prefix.length, exact: false };
}

/**
 * Longest path first; on equal length exact before prefix; otherwise the input order (creation time of the
 * Ingress, then name, namespace, rule index, path order) is kept — the sort is stable, like Istio's.
 */
export function sortByPathPrecedence<T>(routes: readonly T[], uriOf: (r: T) => UriMatch | undefined): T[] {
  return routes
    .map((r, i) => ({ r, i, w: uriWeight(uriOf(r)) }))
    .sort((a, b) => (a.w.len !== b.w.len ? b.w.len - a.w.len : a.w.exact !== b.w.exact ? (a.w.exact ? -1 : 1) : a.i - b.i))
    .map((x) => x.r);
}
