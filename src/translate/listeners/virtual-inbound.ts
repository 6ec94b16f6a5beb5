/**
 * `virtualInbound` (0.0.0.0:15006): blackhole chain, passthrough chains (`virtualInbound`,
 * `virtualInbound-catchall-http` → InboundPassthroughCluster) and per-port chains `0.0.0.0_<targetPort>`
 * (or `<bind>_<port>` for Sidecar ingress), each in the variants its PeerAuthentication mode needs
 * (Istio networking/core/listener_inbound.go).
 */
import type { FilterChain, Json, Listener, Route, RouteConfiguration } from '../../envoy/types.ts';
import { labelsMatch } from '../../model/export-to.ts';
import { isHttpProtocol, parseProtocol } from '../../model/protocol.ts';
import type { MtlsMode, Protocol, ProxyView } from '../../model/types.ts';
import {
  BLACKHOLE_CLUSTER, DEFAULT_ROUTE, INBOUND_PASSTHROUGH_CLUSTER, VIRTUAL_INBOUND_BLACKHOLE_CHAIN, VIRTUAL_INBOUND_CATCHALL_HTTP_CHAIN,
  VIRTUAL_INBOUND_LISTENER, VIRTUAL_INBOUND_PORT, defaultRouteOperation, inboundClusterName, inboundVirtualHostName, listenerName,
} from '../names.ts';
import { chainOptions, optionMatch, type ChainOption, type InboundProtocol } from './inbound-chains.ts';
import { gatewayDownstreamTls, httpConnectionManager, istioMutualDownstreamTls, listenerFilter, namedChain, socketAddress, tcpProxy } from './network-filters.ts';

interface InboundChainSpec {
  name: string;
  port: number;
  cluster: string;
  protocol: InboundProtocol;
  mode: MtlsMode;
  operation?: string;
  grpc: boolean;
  /** Sidecar ingress `tls` (server-side TLS instead of Istio mTLS). */
  tls?: Json;
}

function inboundProtocol(p: Protocol): InboundProtocol {
  if (isHttpProtocol(p)) return 'http';
  return p === 'Unsupported' ? 'auto' : 'tcp';
}

/** Inline route config of an inbound HTTP chain: vhost `inbound|http|<port>`, route `default`. */
function inboundRouteConfig(s: InboundChainSpec): RouteConfiguration {
  const action: Json = { cluster: s.cluster, timeout: '0s', max_stream_duration: { max_stream_duration: '0s', grpc_timeout_header_max: '0s' } };
  if (!s.grpc) action.retry_policy = { retry_on: 'reset-before-request', num_retries: 2 };
  const route: Route = { name: DEFAULT_ROUTE, match: { prefix: '/' }, route: action };
  if (s.operation) route.decorator = { operation: s.operation };
  return { name: s.cluster, virtual_hosts: [{ name: inboundVirtualHostName(s.port), domains: ['*'], routes: [route] }], validate_clusters: false };
}

function chainFor(s: InboundChainSpec, o: ChainOption, extraMatch: Json): FilterChain {
  const match = optionMatch(o, extraMatch);
  const filters = o.protocol === 'http'
    ? [httpConnectionManager({ statPrefix: s.cluster, routeConfig: inboundRouteConfig(s), inbound: true })]
    : [tcpProxy(s.cluster, s.cluster)];
  const extra: Json = o.tls ? { transport_socket: istioMutualDownstreamTls(o.protocol === 'http' ? ['h2', 'http/1.1'] : ['istio-peer-exchange', 'h2', 'http/1.1']) } : {};
  return namedChain(s.name, match, filters, extra);
}

function specChains(s: InboundChainSpec): FilterChain[] {
  if (s.tls && s.mode === 'DISABLE' && s.tls.mode && s.tls.mode !== 'ISTIO_MUTUAL') {
    const o: ChainOption = { transport: 'tls', protocol: s.protocol === 'http' ? 'http' : 'tcp' };
    const alpn = o.protocol === 'http' ? ['h2', 'http/1.1'] : [];
    return [namedChain(s.name, optionMatch(o, { destination_port: s.port }), chainFor(s, o, {}).filters!, { transport_socket: gatewayDownstreamTls(s.tls, alpn) })];
  }
  return chainOptions(s.protocol, s.mode).map((o) => chainFor(s, o, { destination_port: s.port }));
}

/** Passthrough chains (TCP `virtualInbound`, HTTP `virtualInbound-catchall-http`) for a mode. */
function passthroughChains(mode: MtlsMode, port?: number): FilterChain[] {
  const extra: Json = port !== undefined ? { destination_port: port } : {};
  return chainOptions('auto', mode).map((o) => {
    const s: InboundChainSpec = {
      name: o.protocol === 'http' ? VIRTUAL_INBOUND_CATCHALL_HTTP_CHAIN : VIRTUAL_INBOUND_LISTENER,
      port: port ?? 0, cluster: INBOUND_PASSTHROUGH_CLUSTER, protocol: 'auto', mode, grpc: false,
    };
    const fc = chainFor(s, o, { ...extra, prefix_ranges: [{ address_prefix: '0.0.0.0', prefix_len: 0 }] });
    if (o.protocol === 'http') {
      const hcm = fc.filters![0]!.typed_config;
      hcm.route_config.name = VIRTUAL_INBOUND_CATCHALL_HTTP_CHAIN;
      hcm.route_config.virtual_hosts[0].name = INBOUND_PASSTHROUGH_CLUSTER;
    }
    return fc;
  });
}

/** Ports with a workload-level `portLevelMtls` setting (they get their own passthrough chains). */
function portLevelPorts(view: ProxyView): number[] {
  const pa = view.model.peerAuthentications.find((p) => p.namespace === view.proxy.namespace && p.selector && labelsMatch(p.selector, view.proxy.labels));
  return Object.keys(pa?.spec.portLevelMtls ?? {}).map(Number).filter((n) => Number.isInteger(n)).sort((a, b) => a - b);
}

/** The per-port inbound chain specs: Sidecar ingress listeners replace the service-derived ones. */
function inboundSpecs(view: ProxyView): InboundChainSpec[] {
  const ingress = view.sidecarScope.ingress;
  if (ingress.length) {
    return ingress.map((ing) => {
      const port = Number(ing.port?.number);
      const bind = ing.bind || view.proxy.ips[0] || '0.0.0.0';
      const protocol = inboundProtocol(parseProtocol(ing.port?.protocol));
      return { name: listenerName(bind, port), port, cluster: inboundClusterName(port), protocol: ing.port?.protocol?.toUpperCase() === 'HTTPS' ? 'http' : protocol, mode: view.inboundMtlsMode(port), grpc: false, ...(ing.tls ? { tls: ing.tls } : {}) };
    }).sort((a, b) => a.port - b.port);
  }
  const seen = new Set<number>();
  const out: InboundChainSpec[] = [];
  for (const ip of view.inbound) {
    if (seen.has(ip.targetPort) || ip.servicePort.protocol === 'UDP') continue;
    seen.add(ip.targetPort);
    const p = ip.servicePort.protocol;
    out.push({
      name: listenerName('0.0.0.0', ip.targetPort), port: ip.targetPort, cluster: inboundClusterName(ip.targetPort),
      protocol: inboundProtocol(p), mode: view.inboundMtlsMode(ip.targetPort),
      operation: defaultRouteOperation(ip.service.hostname, ip.servicePort.port), grpc: p === 'GRPC' || p === 'GRPC-Web',
    });
  }
  return out;
}

export function buildVirtualInboundListener(view: ProxyView): Listener {
  const chains: FilterChain[] = [
    namedChain(VIRTUAL_INBOUND_BLACKHOLE_CHAIN, { destination_port: VIRTUAL_INBOUND_PORT }, [tcpProxy(BLACKHOLE_CLUSTER, BLACKHOLE_CLUSTER)]),
  ];
  chains.push(...passthroughChains(view.inboundMtlsMode(0)));
  const specs = inboundSpecs(view);
  const covered = new Set(specs.map((s) => s.port));
  for (const port of portLevelPorts(view)) if (!covered.has(port)) chains.push(...passthroughChains(view.inboundMtlsMode(port), port));
  for (const s of specs) chains.push(...specChains(s));
  return {
    name: VIRTUAL_INBOUND_LISTENER,
    address: socketAddress('0.0.0.0', VIRTUAL_INBOUND_PORT),
    filter_chains: chains,
    listener_filters: [
      listenerFilter('envoy.filters.listener.original_dst'),
      listenerFilter('envoy.filters.listener.tls_inspector'),
      listenerFilter('envoy.filters.listener.http_inspector'),
    ],
    listener_filters_timeout: '0s',
    continue_on_listener_filters_timeout: true,
    traffic_direction: 'INBOUND',
  };
}
