/**
 * Mesh `outboundTrafficPolicy.mode: ALLOW_ANY_DYNAMIC_DNS` (Istio PR #59802, newer than 1.28): unknown plaintext
 * HTTP is resolved by Envoy's dynamic forward proxy instead of being passed through to the original destination.
 * Istio generates three pieces that must share one DNS cache (Envoy requires the HTTP filter and the cluster to
 * name the same `dns_cache_config`):
 *  - the `AllowAnyDynamicDNSCluster` cluster (cluster_type `envoy.clusters.dynamic_forward_proxy`);
 *  - the `envoy.filters.http.dynamic_forward_proxy` HTTP filter in every sidecar-outbound HCM (the catch-all
 *    `allow_any` vhost of a port's route config can route there);
 *  - an HTTP chain on `virtualOutbound` (http_inspector) whose only route goes to the cluster.
 * TLS and opaque TCP keep going to PassthroughCluster: without a Host header there is nothing to resolve.
 * Deliberate difference: Istio points the cache's resolver at the agent's DNS proxy when DNS capture is on; we
 * leave Envoy's default resolver (no DNS-capture metadata is modelled).
 */
import type { Cluster, Json } from '../../envoy/types.ts';
import type { MeshModel, ProxyView } from '../../model/types.ts';
import { ALLOW_ANY_DYNAMIC_DNS_CACHE, ALLOW_ANY_DYNAMIC_DNS_CLUSTER, altStatName } from '../names.ts';
import { durationString } from '../routes/durations.ts';

const CLUSTER_CONFIG_TYPE = 'type.googleapis.com/envoy.extensions.clusters.dynamic_forward_proxy.v3.ClusterConfig';
const FILTER_CONFIG_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.dynamic_forward_proxy.v3.FilterConfig';
export const DFP_HTTP_FILTER = 'envoy.filters.http.dynamic_forward_proxy';

/** True when this proxy's outbound catch-all is the dynamic forward proxy (sidecars only; an egress proxy wins). */
export function usesAllowAnyDynamicDns(view: ProxyView): boolean {
  const otp = view.sidecarScope.outboundTrafficPolicy;
  return !view.isRouter && otp.mode === 'ALLOW_ANY_DYNAMIC_DNS' && !otp.egressProxy;
}

/** The shared DNS cache (IPv4 lookups, like Istio's other DFP caches). */
export function allowAnyDnsCacheConfig(): Json {
  return { name: ALLOW_ANY_DYNAMIC_DNS_CACHE, dns_lookup_family: 'V4_ONLY' };
}

export function allowAnyDynamicDnsCluster(m: MeshModel): Cluster {
  return {
    name: ALLOW_ANY_DYNAMIC_DNS_CLUSTER,
    connect_timeout: durationString(m.meshConfig.connectTimeout),
    lb_policy: 'CLUSTER_PROVIDED',
    cluster_type: {
      name: 'envoy.clusters.dynamic_forward_proxy',
      typed_config: { '@type': CLUSTER_CONFIG_TYPE, dns_cache_config: allowAnyDnsCacheConfig() },
    },
    alt_stat_name: altStatName(ALLOW_ANY_DYNAMIC_DNS_CLUSTER),
  };
}

/** The HTTP filter (goes before the router) resolving `:authority` through the shared cache. */
export function allowAnyDfpHttpFilter(): Json {
  return { name: DFP_HTTP_FILTER, typed_config: { '@type': FILTER_CONFIG_TYPE, dns_cache_config: allowAnyDnsCacheConfig() } };
}

/** Extra HTTP filters for a sidecar-outbound HCM of this proxy (empty unless ALLOW_ANY_DYNAMIC_DNS). */
export function outboundDfpHttpFilters(view: ProxyView): Json[] {
  return usesAllowAnyDynamicDns(view) ? [allowAnyDfpHttpFilter()] : [];
}
