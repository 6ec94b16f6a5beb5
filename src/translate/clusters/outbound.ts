/**
 * Outbound clusters per service port and DR subset (Istio `buildOutboundClusters`, `buildCluster`,
 * `convertResolution`, `applyTrafficPolicy` in `networking/core/cluster*.go`).
 */
import type { Cluster, Json } from '../../envoy/types.ts';
import type { MergedDestinationRule, ProxyView, Service, ServicePort } from '../../model/types.ts';
import { isHttp2Protocol, isHttpProtocol } from '../../model/protocol.ts';
import { altStatName, dnsSrvClusterName, outboundClusterName } from '../names.ts';
import { durationString } from '../routes/durations.ts';
import { loadAssignment, selectEndpoints } from '../endpoints/load-assignment.ts';
import { ADS_EDS_CONFIG, clusterMetadata } from './common.ts';
import { clusterTrafficPolicy, type TrafficPolicy } from './traffic-policy.ts';
import { applyConnectionPool, finishHttpOptions, type HttpOptions } from './connection-pool.ts';
import { applyLoadBalancer } from './load-balancer.ts';
import { applyOutlierDetection } from './outlier-detection.ts';
import { applyUpstreamTls } from './tls.ts';
import { localityLbSetting } from '../endpoints/locality-lb.ts';

/** `locality_weighted_lb_config` for `distribute`, or for `failover`/`failoverPriority` with outlier detection. */
function applyLocalityWeightedConfig(c: Cluster, setting: Json | undefined, outlier: boolean): void {
  if (!setting) return;
  const failover = (setting.failover?.length ?? 0) > 0 || (setting.failoverPriority?.length ?? 0) > 0;
  if ((setting.distribute?.length ?? 0) > 0 || (outlier && failover)) {
    c.common_lb_config = { ...(c.common_lb_config ?? {}), locality_weighted_lb_config: {} };
  }
}

export type DiscoveryType = 'EDS' | 'STRICT_DNS' | 'LOGICAL_DNS' | 'ORIGINAL_DST' | 'STATIC';

/** `convertResolution`: the Envoy discovery type of a service's clusters for this proxy. */
export function discoveryType(view: ProxyView, svc: Service): DiscoveryType {
  switch (svc.resolution) {
    case 'DNSLB': return 'STRICT_DNS';
    case 'DNSRoundRobinLB': return 'LOGICAL_DNS';
    case 'Passthrough': return view.isRouter ? 'EDS' : 'ORIGINAL_DST';
    default: return 'EDS';
  }
}

export interface ClusterSpec {
  readonly name: string;
  readonly service: Service;
  readonly port: ServicePort;
  readonly subset?: string;
  readonly subsetLabels?: Readonly<Record<string, string>>;
  readonly dr?: MergedDestinationRule;
  /** SNI-DNAT cluster (`outbound_.port_.subset_.host`, AUTO_PASSTHROUGH gateways): no upstream TLS, mTLS endpoints only. */
  readonly sniDnat?: boolean;
}

/** V4_ONLY for IPv4 proxies, V6_ONLY for IPv6-only ones, ALL for dual-stack (Istio `buildCluster`). */
export function dnsLookupFamily(ips: readonly string[]): 'V4_ONLY' | 'V6_ONLY' | 'ALL' {
  const v6 = ips.filter((ip) => ip.includes(':')).length;
  if (v6 === 0 || ips.length === 0) return 'V4_ONLY';
  return v6 === ips.length ? 'V6_ONLY' : 'ALL';
}

function baseCluster(view: ProxyView, s: ClusterSpec, type: DiscoveryType): Cluster {
  const c: Cluster = { name: s.name, type, connect_timeout: durationString(view.model.meshConfig.connectTimeout) };
  if (type === 'EDS') c.eds_cluster_config = { service_name: s.name, eds_config: ADS_EDS_CONFIG };
  if (type === 'STRICT_DNS' || type === 'LOGICAL_DNS') {
    const eps = selectEndpoints(view.endpoints(s.service, s.port.port), s.subsetLabels ? { subsetLabels: s.subsetLabels } : {});
    c.load_assignment = loadAssignment(s.name, type === 'LOGICAL_DNS' ? eps.slice(0, 1) : eps);
    c.dns_lookup_family = dnsLookupFamily(view.proxy.ips);
    c.dns_refresh_rate = '60s';
    c.respect_dns_ttl = true;
  }
  if (type === 'ORIGINAL_DST' && s.service.kind === 'ServiceEntry' && typeof s.port.targetPort === 'number') {
    c.original_dst_lb_config = { upstream_port_override: s.port.targetPort };
  }
  c.common_lb_config = {};
  c.alt_stat_name = altStatName(s.name);
  return c;
}

function protocolOptions(view: ProxyView, s: ClusterSpec, http: HttpOptions, policy: TrafficPolicy | undefined): boolean {
  const p = s.port.protocol;
  let h2 = isHttp2Protocol(p);
  // DR `h2UpgradePolicy` (DEFAULT = unset) overrides the mesh's (`shouldH2Upgrade`).
  const drPolicy = policy?.connectionPool?.http?.h2UpgradePolicy;
  const h2Upgrade = drPolicy && drPolicy !== 'DEFAULT' ? drPolicy : view.model.meshConfig.raw.h2UpgradePolicy;
  if (p === 'HTTP' && h2Upgrade === 'UPGRADE') h2 = true;
  if (h2) http.protocol = { explicit: 'h2' };
  else if (!view.isRouter && p === 'Unsupported') http.protocol = { downstream: true };
  return h2;
}

/** Build one outbound cluster (default or subset). Undefined when Istio omits it (DNS with no endpoints). */
export function buildOutboundCluster(view: ProxyView, s: ClusterSpec): Cluster | undefined {
  const type = discoveryType(view, s.service);
  const c = baseCluster(view, s, type);
  if ((type === 'STRICT_DNS' || type === 'LOGICAL_DNS') && !c.load_assignment?.endpoints?.length) return undefined;
  const policy = clusterTrafficPolicy(s.dr, s.port.port, s.subset);
  const http: HttpOptions = {};
  const h2 = protocolOptions(view, s, http, policy);
  applyConnectionPool(c, http, policy?.connectionPool, policy?.retryBudget, view.model.meshConfig.raw.tcpKeepalive);
  applyLoadBalancer(c, policy?.loadBalancer, s.port.protocol);
  applyOutlierDetection(c, policy?.outlierDetection);
  applyLocalityWeightedConfig(c, localityLbSetting(view.model.meshConfig.localityLbSetting, policy?.loadBalancer?.localityLbSetting), !!policy?.outlierDetection);
  c.metadata = clusterMetadata(s.service, s.dr, s.subset);
  const allMtls = type === 'ORIGINAL_DST' || c.type === 'ORIGINAL_DST'
    ? (() => { const eps = view.endpoints(s.service, s.port.port); return eps.length > 0 && eps.every((e) => e.tlsMode === 'istio'); })()
    : false;
  if (!s.sniDnat) applyUpstreamTls(c, http, {
    tls: policy?.tls,
    service: s.service,
    sni: dnsSrvClusterName(s.port.port, s.service.hostname, s.subset ?? ''),
    h2,
    isRouter: view.isRouter,
    drHasSelector: !!s.dr?.from[0]?.selector,
    autoMtls: view.model.meshConfig.enableAutoMtls,
    serviceMtlsMode: view.namespaceMtlsMode(s.service.namespace),
    allEndpointsMtls: allMtls,
  });
  finishHttpOptions(c, http);
  // Istio adds the `istio.metadata_exchange` cluster filter here. It is an istio-proxy extension that stock
  // Envoy rejects (and that Envoy's v3 API cannot express), so Sluice leaves it out (docs/translation-model.md).
  return orderKeys(c);
}

/** Stable field order (Envoy prints fields in proto order; we keep a fixed readable order). */
const KEY_ORDER = [
  'name', 'type', 'eds_cluster_config', 'connect_timeout', 'lb_policy', 'round_robin_lb_config', 'least_request_lb_config',
  'ring_hash_lb_config', 'maglev_lb_config', 'original_dst_lb_config', 'load_assignment', 'dns_lookup_family', 'dns_refresh_rate',
  'respect_dns_ttl', 'circuit_breakers', 'outlier_detection', 'common_lb_config', 'upstream_connection_options',
  'upstream_bind_config', 'transport_socket', 'transport_socket_matches', 'typed_extension_protocol_options', 'alt_stat_name', 'metadata', 'filters',
];

export function orderKeys(c: Cluster): Cluster {
  const out: Json = {};
  for (const k of KEY_ORDER) if (c[k] !== undefined) out[k] = c[k];
  for (const k of Object.keys(c)) if (!(k in out) && c[k] !== undefined) out[k] = c[k];
  return out as Cluster;
}

/** The cluster specs for one service port: default, then one per DR subset (declared order). */
export function clusterSpecsForPort(view: ProxyView, svc: Service, port: ServicePort): ClusterSpec[] {
  const dr = view.destinationRule(svc.hostname, svc.namespace);
  const out: ClusterSpec[] = [{ name: outboundClusterName(port.port, svc.hostname), service: svc, port, ...(dr ? { dr } : {}) }];
  for (const sub of (dr?.spec.subsets ?? []) as Json[]) {
    if (!sub?.name) continue;
    out.push({ name: outboundClusterName(port.port, svc.hostname, sub.name), service: svc, port, subset: sub.name, subsetLabels: sub.labels ?? {}, dr: dr! });
  }
  return out;
}

/** The subset-key specs re-named to SNI-DNAT form for AUTO_PASSTHROUGH gateways. */
export function sniDnatSpecsForPort(view: ProxyView, svc: Service, port: ServicePort): ClusterSpec[] {
  return clusterSpecsForPort(view, svc, port).map((s) => ({ ...s, name: dnsSrvClusterName(port.port, svc.hostname, s.subset ?? ''), sniDnat: true }));
}

/** Whether a gateway proxy has an AUTO_PASSTHROUGH server (Istio's MergedGateway.ContainsAutoPassthroughGateways). */
export function hasAutoPassthrough(view: ProxyView): boolean {
  return view.isRouter && view.gateways.some((g) => ((g.spec.servers ?? []) as Json[]).some((s) => s?.tls?.mode === 'AUTO_PASSTHROUGH'));
}

/** SNI-DNAT clusters (`buildOutboundSniDnatClusters`): every in-scope non-external service port and subset. */
export function buildSniDnatClusters(view: ProxyView): Cluster[] {
  if (!hasAutoPassthrough(view)) return [];
  const out: Cluster[] = [];
  const seen = new Set<string>();
  for (const svc of view.services) {
    if (svc.meshExternal || svc.resolution === 'Alias') continue;
    for (const port of svc.ports) {
      if (port.protocol === 'UDP') continue;
      for (const spec of sniDnatSpecsForPort(view, svc, port)) {
        if (seen.has(spec.name)) continue;
        const c = buildOutboundCluster(view, spec);
        if (c) (seen.add(spec.name), out.push(c));
      }
    }
  }
  return out;
}

/** Reusable (e.g. by the proxyless generator): every cluster for `host:port` as this proxy sees it. */
export function clustersForHostPort(view: ProxyView, host: string, port: number): Cluster[] {
  const svc = view.serviceForHost(host);
  const sp = svc?.ports.find((p) => p.port === port);
  if (!svc || !sp || sp.protocol === 'UDP' || svc.resolution === 'Alias') return [];
  return clusterSpecsForPort(view, svc, sp).map((s) => buildOutboundCluster(view, s)).filter((c): c is Cluster => !!c);
}

/** All outbound clusters of the proxy's scope, in service order; duplicate names: first wins. */
export function buildOutboundClusters(view: ProxyView): Cluster[] {
  const out: Cluster[] = [];
  const seen = new Set<string>();
  for (const svc of view.services) {
    if (svc.resolution === 'Alias') continue;
    for (const port of svc.ports) {
      if (port.protocol === 'UDP') continue;
      for (const spec of clusterSpecsForPort(view, svc, port)) {
        if (seen.has(spec.name)) continue;
        const c = buildOutboundCluster(view, spec);
        if (!c) continue;
        seen.add(spec.name);
        out.push(c);
      }
    }
  }
  return out;
}
