/**
 * Endpoints → ClusterLoadAssignment (Istio `xds/endpoints/endpoint_builder.go` BuildClusterLoadAssignment):
 * keep healthy endpoints whose labels ⊇ the subset labels, group by locality (sorted), locality weight =
 * sum of endpoint weights, endpoint metadata for auto-mTLS (`envoy.transport_socket_match.tlsMode`) and
 * the workload (`istio.workload`).
 */
import type { ClusterLoadAssignment, Json } from '../../envoy/types.ts';
import type { Locality, ServiceEndpoint } from '../../model/types.ts';
import { labelsMatch } from '../../model/export-to.ts';

export interface EndpointFilter {
  readonly subsetLabels?: Readonly<Record<string, string>>;
  /** `outbound_.` (SNI-DNAT) clusters keep only mTLS-capable endpoints. */
  readonly mtlsOnly?: boolean;
  /** Keep endpoints that are not Healthy (sent with their health status; the proxyless generator does). */
  readonly includeUnhealthy?: boolean;
}

/** IPv4 / IPv6 literal (EDS drops other addresses; DNS clusters keep host names). */
export function isIpAddress(a: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(a) || (a.includes(':') && /^[0-9a-fA-F:.]+$/.test(a));
}

export function selectEndpoints(eps: readonly ServiceEndpoint[], f: EndpointFilter = {}): readonly ServiceEndpoint[] {
  const healthOk = (e: ServiceEndpoint): boolean => f.includeUnhealthy === true || e.health === 'Healthy';
  if (!f.subsetLabels && !f.mtlsOnly && eps.every(healthOk)) return eps;
  return eps.filter((e) => healthOk(e) && labelsMatch(f.subsetLabels, e.labels) && (!f.mtlsOnly || e.tlsMode === 'istio'));
}

function localityKey(l: Locality): string {
  return `${l.region}/${l.zone}/${l.subzone}`;
}

function envoyLocality(l: Locality): Json {
  const out: Json = {};
  if (l.region) out.region = l.region;
  if (l.zone) out.zone = l.zone;
  if (l.subzone) out.sub_zone = l.subzone;
  return out;
}

function lbEndpoint(e: ServiceEndpoint): Json {
  const filter_metadata: Json = {};
  if (e.tlsMode === 'istio') filter_metadata['envoy.transport_socket_match'] = { tlsMode: 'istio' };
  if (e.workloadName) {
    const canonical = e.labels['service.istio.io/canonical-name'] ?? e.labels.app ?? e.workloadName;
    const revision = e.labels['service.istio.io/canonical-revision'] ?? e.labels.version ?? 'latest';
    filter_metadata.istio = { workload: `${e.workloadName};${e.workloadNamespace ?? ''};${canonical};${revision};Kubernetes` };
  }
  const out: Json = {
    endpoint: { address: { socket_address: { address: e.address, port_value: e.port } } },
    health_status: 'HEALTHY',
    load_balancing_weight: e.weight,
  };
  if (Object.keys(filter_metadata).length > 0) out.metadata = { filter_metadata };
  return out;
}

/** Per-call memo of built lb endpoints (an endpoint appears in its default and subset clusters). */
export type LbEndpointCache = Map<ServiceEndpoint, Json>;

function cachedLbEndpoint(e: ServiceEndpoint, cache: LbEndpointCache | undefined): Json {
  if (!cache) return lbEndpoint(e);
  let v = cache.get(e);
  if (!v) cache.set(e, (v = lbEndpoint(e)));
  return v;
}

/** How one locality group is rendered: its Envoy `locality` and each `lb_endpoints` entry. */
export interface LocalityGroupStyle {
  readonly locality: (l: Locality) => Json;
  readonly lbEndpoint: (e: ServiceEndpoint) => Json;
}

/** Endpoints grouped by locality, groups sorted by `region/zone/subzone`, members by address then port (deterministic). */
export function groupByLocality(eps: readonly ServiceEndpoint[]): ServiceEndpoint[][] {
  const groups = new Map<string, ServiceEndpoint[]>();
  for (const e of eps) {
    const k = localityKey(e.locality);
    const g = groups.get(k);
    if (g) g.push(e);
    else groups.set(k, [e]);
  }
  return [...groups.keys()].sort().map((k) => [...groups.get(k)!].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.port - b.port)));
}

/** One `LocalityLbEndpoints` per locality group; the group's weight is the sum of its lb endpoints' weights. */
export function styledLocalityLbEndpoints(eps: readonly ServiceEndpoint[], style: LocalityGroupStyle): Json[] {
  return groupByLocality(eps).map((list) => {
    const lb_endpoints = list.map(style.lbEndpoint);
    return {
      locality: style.locality(list[0]!.locality),
      lb_endpoints,
      load_balancing_weight: lb_endpoints.reduce((s: number, e: Json) => s + Number(e.load_balancing_weight), 0),
    };
  });
}

/** Envoy-sidecar locality groups: Istio metadata on each endpoint, empty locality fields left out. */
export function localityLbEndpoints(eps: readonly ServiceEndpoint[], cache?: LbEndpointCache): Json[] {
  return styledLocalityLbEndpoints(eps, { locality: envoyLocality, lbEndpoint: (e) => cachedLbEndpoint(e, cache) });
}

export function loadAssignment(clusterName: string, eps: readonly ServiceEndpoint[], cache?: LbEndpointCache): ClusterLoadAssignment {
  return eps.length === 0 ? { cluster_name: clusterName } : { cluster_name: clusterName, endpoints: localityLbEndpoints(eps, cache) };
}
