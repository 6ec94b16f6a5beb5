/**
 * `virtualOutbound` (0.0.0.0:15001, use_original_dst): the iptables-redirected catch-all
 * (Istio networking/core/listener_builder.go `buildVirtualOutboundListener`).
 */
import type { Listener } from '../../envoy/types.ts';
import type { ProxyView } from '../../model/types.ts';
import { BLACKHOLE_CLUSTER, PASSTHROUGH_CLUSTER, VIRTUAL_OUTBOUND_BLACKHOLE_CHAIN, VIRTUAL_OUTBOUND_CATCHALL_TCP_CHAIN, VIRTUAL_OUTBOUND_LISTENER, VIRTUAL_OUTBOUND_PORT, outboundClusterName } from '../names.ts';
import { namedChain, socketAddress, tcpProxy } from './network-filters.ts';
import { virtualOutboundDfpChain } from './virtual-outbound-dfp.ts';

export function buildVirtualOutboundListener(view: ProxyView): Listener {
  const otp = view.sidecarScope.outboundTrafficPolicy;
  let catchAll = otp.mode === 'REGISTRY_ONLY' ? BLACKHOLE_CLUSTER : PASSTHROUGH_CLUSTER;
  if (otp.mode !== 'REGISTRY_ONLY' && otp.egressProxy) catchAll = outboundClusterName(otp.egressProxy.port?.number ?? 0, otp.egressProxy.host, otp.egressProxy.subset ?? '');
  const dfp = virtualOutboundDfpChain(view); // ALLOW_ANY_DYNAMIC_DNS only
  return {
    name: VIRTUAL_OUTBOUND_LISTENER,
    address: socketAddress('0.0.0.0', VIRTUAL_OUTBOUND_PORT),
    filter_chains: [
      namedChain(VIRTUAL_OUTBOUND_BLACKHOLE_CHAIN, { destination_port: VIRTUAL_OUTBOUND_PORT }, [tcpProxy(BLACKHOLE_CLUSTER, BLACKHOLE_CLUSTER)]),
      ...(dfp ? [dfp.chain] : []),
      namedChain(VIRTUAL_OUTBOUND_CATCHALL_TCP_CHAIN, undefined, [tcpProxy(catchAll, catchAll)]),
    ],
    ...(dfp ? { listener_filters: dfp.listenerFilters, listener_filters_timeout: '0s', continue_on_listener_filters_timeout: true } : {}),
    use_original_dst: true,
    traffic_direction: 'OUTBOUND',
  };
}
