/**
 * Proxyless gRPC endpoints (Istio EDS, `endpoint_builder.go`): endpoints grouped by locality,
 * each locality weighted by the sum of its endpoint weights, subset endpoints selected by the
 * subset's labels, only healthy endpoints marked HEALTHY. gRPC needs IP literals (grpc-xds.md §4.7),
 * so endpoints with DNS names are left out of proxyless EDS. Selection and locality grouping are the
 * sidecar EDS builder's (`endpoints/load-assignment.ts`); what differs is the rendering: unhealthy
 * endpoints are kept (status UNHEALTHY), no Istio endpoint metadata, every locality field present.
 */
import type { ClusterLoadAssignment, Json } from '../../envoy/types.ts';
import type { Locality, ProxyView, ServiceEndpoint } from '../../model/types.ts';
import { isIpAddress, selectEndpoints, styledLocalityLbEndpoints, type LocalityGroupStyle } from '../endpoints/load-assignment.ts';
import type { ClusterTarget } from './clusters.ts';

const PROXYLESS_STYLE: LocalityGroupStyle = {
  locality: (l: Locality): Json => ({ region: l.region, zone: l.zone, sub_zone: l.subzone }),
  lbEndpoint: (e: ServiceEndpoint): Json => ({
    endpoint: { address: { socket_address: { address: e.address, port_value: e.port } } },
    health_status: e.health === 'Healthy' ? 'HEALTHY' : 'UNHEALTHY',
    load_balancing_weight: e.weight || 1,
  }),
};

export function buildProxylessEndpoints(view: ProxyView, t: ClusterTarget): ClusterLoadAssignment {
  const filter = { includeUnhealthy: true, ...(t.subsetLabels ? { subsetLabels: t.subsetLabels } : {}) };
  const eps = selectEndpoints(view.endpoints(t.svc, t.port), filter).filter((e) => isIpAddress(e.address));
  return { cluster_name: t.name, endpoints: styledLocalityLbEndpoints(eps, PROXYLESS_STYLE) };
}
