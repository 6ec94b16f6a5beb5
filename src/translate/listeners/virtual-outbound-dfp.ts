/**
 * ALLOW_ANY_DYNAMIC_DNS on `virtualOutbound` (Istio PR #59802): http_inspector detects plaintext HTTP/1.1 or h2c
 * sent to an unknown destination, and an HCM with the dynamic-forward-proxy filter sends it, through the
 * catch-all `allow_any` vhost, to `AllowAnyDynamicDNSCluster`. TLS and opaque TCP keep the catch-all TCP chain.
 * The route configuration is inline (nothing else refers to it).
 */
import type { FilterChain, Json } from '../../envoy/types.ts';
import type { ProxyView } from '../../model/types.ts';
import { allowAnyDfpHttpFilter, usesAllowAnyDynamicDns } from '../clusters/dynamic-forward-proxy.ts';
import { VIRTUAL_OUTBOUND_CATCHALL_HTTP_CHAIN, VIRTUAL_OUTBOUND_LISTENER } from '../names.ts';
import { catchAllVirtualHost } from '../routes/sidecar-route-config.ts';
import { httpConnectionManager, listenerFilter, namedChain } from './network-filters.ts';
import { PLAINTEXT_HTTP_ALPNS } from './sidecar-outbound.ts';

/** The HTTP chain and the listener filters it needs, or undefined when the mode is not ALLOW_ANY_DYNAMIC_DNS. */
export function virtualOutboundDfpChain(view: ProxyView): { chain: FilterChain; listenerFilters: Json[] } | undefined {
  if (!usesAllowAnyDynamicDns(view)) return undefined;
  const hcm = httpConnectionManager({
    statPrefix: `outbound_${VIRTUAL_OUTBOUND_LISTENER}`,
    routeConfig: { name: VIRTUAL_OUTBOUND_CATCHALL_HTTP_CHAIN, virtual_hosts: [catchAllVirtualHost(view)], validate_clusters: false },
    extraHttpFilters: [allowAnyDfpHttpFilter()],
  });
  // ALPN only, and no tls_inspector: Envoy's chain match never backtracks, so a transport_protocol match would
  // leave opaque TCP with no chain; and TLS must not reach the HCM through its ClientHello ALPN (http/1.1).
  const match = { application_protocols: PLAINTEXT_HTTP_ALPNS };
  return {
    chain: namedChain(VIRTUAL_OUTBOUND_CATCHALL_HTTP_CHAIN, match, [hcm]),
    listenerFilters: [listenerFilter('envoy.filters.listener.http_inspector')],
  };
}
