/**
 * Istio host names: FQDN resolution of short names and wildcard matching (`*.example.com`, `*`).
 * Semantics of Istio's `pkg/config/host.Name` (Matches / SubsetOf).
 */

/** Resolve a host as written in a resource of namespace `ns` (Istio's `ResolveShortnameToFQDN`). */
export function resolveShortName(host: string, ns: string, domainSuffix = 'cluster.local'): string {
  if (host === '*' || host.startsWith('*') || host.includes('.')) return host;
  // Istio appends `.svc.<domain>` only when the config's domain is set.
  return domainSuffix ? `${host}.${ns}.svc.${domainSuffix}` : `${host}.${ns}`;
}

export const isWildcard = (h: string): boolean => h.startsWith('*');

/** True when the two host patterns have any name in common (`Name.Matches`). */
export function hostsMatch(a: string, b: string): boolean {
  const aw = isWildcard(a), bw = isWildcard(b);
  if (!aw && !bw) return a === b;
  if (aw && bw) {
    const as = a.slice(1), bs = b.slice(1);
    return as.length > bs.length ? as.endsWith(bs) : bs.endsWith(as);
  }
  const [w, n] = aw ? [a, b] : [b, a];
  return n.endsWith(w.slice(1));
}

/** True when every name matched by `a` is also matched by `b` (`Name.SubsetOf`). */
export function hostSubsetOf(a: string, b: string): boolean {
  if (isWildcard(b)) {
    if (isWildcard(a)) return a.slice(1).endsWith(b.slice(1));
    return a.endsWith(b.slice(1));
  }
  return !isWildcard(a) && a === b;
}
