import type { Json } from '../../envoy/types.ts';
import { g, list } from './dump.ts';

/**
 * istioctl's small rendering helpers shared by the cluster/route/listener views
 * (istioctl/pkg/writer/envoy/configdump: describeManagement, describeMatch, describeRouteDomains).
 */

/** `filter_metadata.istio.config` → `name.namespace`, `""`, or `<unknown>` (see reference §9). */
export function describeManagement(metadata: unknown): string {
  const istio = g(g(metadata, 'filter_metadata'), 'istio');
  if (!istio || typeof istio !== 'object' || !('config' in istio)) return '';
  const config = typeof (istio as Json).config === 'string' ? (istio as Json).config as string : '';
  if (config.startsWith('/apis/networking.istio.io/')) {
    const pieces = config.split('/');
    return pieces.length === 8 ? `${pieces[7]}.${pieces[5]}` : '';
  }
  return '<unknown>';
}

/** A route's match as istioctl prints it: `/p*`, `PathPrefix:/p`, `/x`, `regex re`, or `""`. */
export function describeMatch(match: unknown): string {
  const prefix = g(match, 'prefix');
  if (typeof prefix === 'string') return prefix === '' ? '' : `${prefix}*`;
  const sep = g(match, 'path_separated_prefix');
  if (typeof sep === 'string') return `PathPrefix:${sep}`;
  const path = g(match, 'path');
  if (typeof path === 'string') return path;
  const re = g(match, 'safe_regex');
  if (re) return `regex ${g(re, 'regex') ?? ''}`;
  return '';
}

/** istioctl's describeRouteDomains: drop `host:port` forms and redundant `.svc[.cluster.local]`, show at most 2. */
export function describeRouteDomains(domains: readonly string[]): string {
  if (domains.length === 0) return '';
  if (domains.length === 1) return domains[0]!;
  const withoutPort = domains.filter((d) => !d.includes(':') || (d.startsWith('[') && d.endsWith(']')));
  const present = new Set(withoutPort);
  const unique = withoutPort.filter((d) => {
    for (const suffix of ['.svc.cluster.local', '.svc']) {
      if (d.endsWith(suffix) && present.has(d.slice(0, -suffix.length))) return false;
    }
    return true;
  });
  if (unique.length > 2) return `${unique[0]}, ${unique[1]} + ${unique.length - 2} more...`;
  return unique.join(', ');
}

/** Istio's subset key `direction|port|subset|host` as istioctl parses it (model.ParseSubsetKey). */
export interface SubsetKey { readonly direction: string; readonly port: number; readonly subset: string; readonly fqdn: string; readonly istio: boolean }

export function parseClusterName(name: string): SubsetKey {
  const parts = name.split('|');
  if (parts.length <= 3) return { direction: '', port: 0, subset: '', fqdn: name, istio: false };
  const port = /^[+-]?[0-9]+$/.test(parts[1]!) ? Number(parts[1]) : 0;
  return { direction: parts[0]!, port, subset: parts[2]!, fqdn: parts.length === 4 ? parts[3]! : '', istio: true };
}

/** The route action's single cluster, if any. */
export function routeCluster(route: Json): string | undefined {
  const c = g(g(route, 'route'), 'cluster');
  return typeof c === 'string' ? c : undefined;
}

export const vhosts = (rc: Json): Json[] => list(rc, 'virtual_hosts');
export const routesOf = (vh: Json): Json[] => list(vh, 'routes');
