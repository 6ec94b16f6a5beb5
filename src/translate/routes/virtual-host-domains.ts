/**
 * Domains of a sidecar virtual host (Istio `generateVirtualHostDomains`, `GenerateAltVirtualHosts`,
 * `dedupeDomains` in networking/core/httproute.go). Since 1.16 sidecars set
 * ignore_port_in_host_matching, so no `:port` variants are generated; since 1.27 `<fqdn>.` is added.
 */
import type { Service } from '../../model/types.ts';

/** Short forms of a k8s FQDN as seen from a proxy whose DNS domain is `<ns>.svc.<suffix>`. */
export function altVirtualHosts(hostname: string, proxyDnsDomain: string): string[] {
  const id = proxyDnsDomain.indexOf('.svc.');
  if (id < 0) return [];
  const svcSuffix = proxyDnsDomain.slice(id); // `.svc.cluster.local`
  if (!hostname.endsWith(svcSuffix)) return [];
  const ih = hostname.indexOf('.svc.');
  if (ih <= 0) return [];
  const ns = hostname.indexOf('.');
  if (ns + 1 >= hostname.length || ns + 1 > ih) return [];
  if (hostname.slice(ns + 1, ih) === proxyDnsDomain.slice(0, id)) {
    return [hostname.slice(0, ns), `${hostname.slice(0, ih)}.svc`, hostname.slice(0, ih)];
  }
  return [hostname.slice(0, ih), `${hostname.slice(0, ih)}.svc`];
}

const ipv6Compliant = (h: string): string => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

/** Domains for a registry service's vhost plus the alt hosts that were expanded (for dedupe). */
export function serviceDomains(svc: Service, proxyDnsDomain: string, aliases: readonly string[] = []): { domains: string[]; altHosts: string[] } {
  const domains: string[] = [];
  const altHosts: string[] = [];
  for (const name of [svc.hostname, ...aliases]) {
    const alts = altVirtualHosts(name, proxyDnsDomain);
    domains.push(name, `${name}.`, ...alts);
    altHosts.push(...alts);
  }
  if (svc.resolution === 'Passthrough' && svc.kind === 'Service') {
    for (const d of [...domains]) domains.push(`*.${d}`);
  }
  const addr = svc.addresses[0];
  if (addr && addr !== '0.0.0.0' && addr !== '::' && !addr.includes('/')) domains.push(ipv6Compliant(addr));
  return { domains, altHosts };
}

/** Domain bookkeeping for one route configuration (`dedupeDomains`). */
export class DomainDeduper {
  private readonly used = new Set<string>();
  readonly knownFqdn = new Set<string>();

  dedupe(domains: readonly string[], altHosts: readonly string[]): string[] {
    return this.dedupeFlagged(domains, domains.map((d) => altHosts.includes(d)));
  }

  /** `dedupe` with the alt-host test precomputed per domain index (`altFlags[i]`: domains[i] is an alt host). */
  dedupeFlagged(domains: readonly string[], altFlags: readonly boolean[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < domains.length; i++) {
      const d = domains[i]!;
      if (this.used.has(d)) continue;
      if (altFlags[i] && this.knownFqdn.has(d)) continue;
      out.push(d);
      this.used.add(d);
    }
    return out;
  }
}
