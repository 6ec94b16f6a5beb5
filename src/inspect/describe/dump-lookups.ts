import type { Json } from '../../envoy/types.ts';
import { AdminType, g, list, optionalSection, type Dump } from '../proxy-config/dump.ts';
import { clusterMatches } from '../proxy-config/clusters.ts';

/**
 * What `istioctl x describe` reads from a proxy's config dump (istioctl/pkg/describe): the
 * DestinationRule behind the service's outbound cluster, the VirtualService behind the route to
 * it, and the RBAC policies of the inbound HTTP connection manager. A dump without the needed
 * section yields nothing (istioctl treats that as an error and prints nothing for it).
 */
const K8S_SUFFIX = '.svc.cluster.local';

export interface ServiceRef { readonly name: string; readonly namespace: string }

const istioConfig = (metadata: unknown): string => {
  const c = g(g(g(metadata, 'filter_metadata'), 'istio'), 'config');
  return typeof c === 'string' ? c : '';
};

/** `filter_metadata.istio.config` of the first active outbound cluster of svc:port (substring filter, as istioctl). */
export function destinationRulePathForService(dump: Dump, svc: ServiceRef, port: number): string | undefined {
  const sec = optionalSection(dump, AdminType.Clusters);
  if (!sec) return undefined;
  const filter = { fqdn: `${svc.name}.${svc.namespace}${K8S_SUFFIX}`, port, direction: 'outbound' };
  for (const dac of list(sec, 'dynamic_active_clusters')) {
    const c = g(dac, 'cluster');
    if (c && clusterMatches(String(g(c, 'name') ?? ''), filter)) {
      if (g(c, 'metadata')) return istioConfig(g(c, 'metadata'));
    }
  }
  return '';
}

const DOMAIN_RE = /([^.]+)\.([^.]+)\.svc\.cluster\.local$/;

function routeTargetsService(route: Json, vh: Json, svc: ServiceRef, port: number): boolean {
  for (const d of list(vh, 'domains')) {
    const m = DOMAIN_RE.exec(String(d));
    if (m && m[1] === svc.name && m[2] === svc.namespace) return true;
  }
  const action = g(route, 'route');
  const wc = g(action, 'weighted_clusters');
  const cluster = String(g(action, 'cluster') ?? (wc ? g(list(wc, 'clusters')[0], 'name') ?? '' : ''));
  const m = new RegExp(`outbound\\|${port}\\|[^|]*\\|([^.]+)\\.([^.]+)\\.svc\\.cluster\\.local$`).exec(cluster);
  return !!m && m[1] === svc.name && m[2] === svc.namespace;
}

/** istioctl's getIstioVirtualServicePathForSvcFromRoute: dynamic route configs named PORT, http.* or https.*. */
export function virtualServicePathForService(dump: Dump, svc: ServiceRef, port: number): string | undefined {
  const sec = optionalSection(dump, AdminType.Routes);
  if (!sec) return undefined;
  for (const rc of list(sec, 'dynamic_route_configs').map((r) => g(r, 'route_config')).filter(Boolean)) {
    const name = String(g(rc, 'name') ?? '');
    if (name !== String(port) && !name.startsWith('http.') && !name.startsWith('https.')) continue;
    for (const vh of list(rc, 'virtual_hosts')) for (const r of list(vh, 'routes')) {
      if (routeTargetsService(r, vh, svc, port)) return g(r, 'metadata') ? istioConfig(g(r, 'metadata')) : undefined;
    }
  }
  return '';
}

/** `/apis/networking[.istio.io]/v1[alpha3]/namespaces/NS/<kind>/NAME` → {name, namespace}. */
export function parseConfigPath(path: string | undefined, kind: 'destination-rule' | 'virtual-service'): ServiceRef | undefined {
  if (!path) return undefined;
  const m = new RegExp(`/apis/networking(\\.istio\\.io)?/v1(?:alpha3)?/namespaces/([^/]+)/${kind}/([^/]+)`).exec(path);
  return m ? { namespace: m[2]!, name: m[3]! } : undefined;
}

/** Policy names of the RBAC filter in the virtualInbound listener's first HTTP connection manager. */
export function rbacPolicies(dump: Dump): string[] {
  const sec = optionalSection(dump, AdminType.Listeners);
  for (const dl of list(sec, 'dynamic_listeners')) {
    const l = g(g(dl, 'active_state'), 'listener');
    if (!l || g(l, 'name') !== 'virtualInbound') continue;
    for (const fc of list(l, 'filter_chains')) for (const f of list(fc, 'filters')) {
      if (f.name !== 'envoy.filters.network.http_connection_manager') continue;
      const rbac = list(g(f, 'typed_config'), 'http_filters').find((h) => h.name === 'envoy.filters.http.rbac');
      return Object.keys(g(g(g(rbac, 'typed_config'), 'rules'), 'policies') ?? {}).sort();
    }
  }
  return [];
}
