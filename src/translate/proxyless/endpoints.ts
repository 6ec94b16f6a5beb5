/**
 * Proxyless gRPC endpoints (Istio EDS, `endpoint_builder.go`): endpoints grouped by locality,
 * each locality weighted by the sum of its endpoint weights, subset endpoints selected by the
 * subset's labels, only healthy endpoints marked HEALTHY. gRPC needs IP literals (grpc-xds.md §4.7),
 * so endpoints with DNS names are left out of proxyless EDS.
 */
import type { ClusterLoadAssignment, Json } from '../../envoy/types.ts';
import type { ProxyView, ServiceEndpoint } from '../../model/types.ts';
import type { ClusterTarget } from './clusters.ts';

const isIp = (a: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(a) || (a.includes(':') && /^[0-9a-fA-F:.]+$/.test(a));

const labelsMatch = (sel: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>>): boolean =>
  !sel || Object.entries(sel).every(([k, v]) => labels[k] === v);

const localityKey = (e: ServiceEndpoint): string => `${e.locality.region}/${e.locality.zone}/${e.locality.subzone}`;

export function buildProxylessEndpoints(view: ProxyView, t: ClusterTarget): ClusterLoadAssignment {
  const eps = view.endpoints(t.svc, t.port).filter((e) => isIp(e.address) && labelsMatch(t.subsetLabels, e.labels));
  const groups = new Map<string, ServiceEndpoint[]>();
  for (const e of eps) {
    const k = localityKey(e);
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const endpoints: Json[] = [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, list]) => {
    const sorted = [...list].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.port - b.port));
    const l = sorted[0].locality;
    return {
      locality: { region: l.region, zone: l.zone, sub_zone: l.subzone },
      lb_endpoints: sorted.map((e) => ({
        endpoint: { address: { socket_address: { address: e.address, port_value: e.port } } },
        health_status: e.health === 'Healthy' ? 'HEALTHY' : 'UNHEALTHY',
        load_balancing_weight: e.weight || 1,
      })),
      load_balancing_weight: sorted.reduce((s, e) => s + (e.weight || 1), 0),
    };
  });
  return { cluster_name: t.name, endpoints };
}
