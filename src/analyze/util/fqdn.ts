/**
 * Host qualification as Istio's analyzers do it (`analyzers/util/hosts.go`): hard-coded to
 * `<name>.<namespace>.svc.cluster.local`; hosts with a dot or a leading `*` are left alone.
 */
export const DEFAULT_CLUSTER_LOCAL_DOMAIN = 'svc.cluster.local';

export function convertHostToFQDN(namespace: string, host: string): string {
  if (host.startsWith('*') || host.includes('.')) return host;
  return `${host}.${namespace}.${DEFAULT_CLUSTER_LOCAL_DOMAIN}`;
}

export interface ScopedFqdn { readonly namespace: string; readonly name: string }

/** `util.GetScopedFqdnHostname`: parse `name.ns.svc.cluster.local`; other hosts are `(sourceNs, host)`. */
export function scopedFqdn(sourceNs: string, host: string): ScopedFqdn {
  const fqdn = convertHostToFQDN(sourceNs, host);
  const m = /^(.+)\.(.+)\.svc\.cluster\.local$/.exec(fqdn);
  if (m) return { namespace: m[2], name: m[1] };
  return { namespace: sourceNs, name: fqdn };
}
