/**
 * CDS for one proxy, in istiod's order: outbound clusters (per service port, then subsets),
 * BlackHoleCluster, PassthroughCluster (+ AllowAnyDynamicDNSCluster in ALLOW_ANY_DYNAMIC_DNS mode), inbound clusters, InboundPassthroughCluster (sidecars);
 * gateways get outbound clusters, SNI-DNAT clusters (with an AUTO_PASSTHROUGH server) and BlackHoleCluster. Istio: `networking/core/cluster.go` BuildClusters.
 */
import type { Cluster } from '../../envoy/types.ts';
import type { ProxyView } from '../../model/types.ts';
import { buildOutboundClusters, buildSniDnatClusters } from './outbound.ts';
import { blackHoleCluster, inboundPassthroughCluster, passthroughCluster } from './fixed.ts';
import { buildInboundClusters } from './inbound.ts';
import { allowAnyDynamicDnsCluster, usesAllowAnyDynamicDns } from './dynamic-forward-proxy.ts';

export { clustersForHostPort, buildOutboundCluster, clusterSpecsForPort, discoveryType, buildSniDnatClusters, hasAutoPassthrough } from './outbound.ts';
export { clusterTrafficPolicy, mergeTrafficPolicy } from './traffic-policy.ts';

export function buildClusters(view: ProxyView): Cluster[] {
  const out = buildOutboundClusters(view);
  out.push(...buildSniDnatClusters(view));
  out.push(blackHoleCluster(view.model));
  if (view.isRouter) return out;
  out.push(passthroughCluster(view.model));
  if (usesAllowAnyDynamicDns(view)) out.push(allowAnyDynamicDnsCluster(view.model));
  out.push(...buildInboundClusters(view));
  out.push(inboundPassthroughCluster(view.model, view.proxy.ips.length > 0 && view.proxy.ips.every((ip) => ip.includes(':'))));
  return out;
}
