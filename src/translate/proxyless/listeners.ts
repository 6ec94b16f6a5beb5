/**
 * Proxyless gRPC listeners (Istio `grpcgen/lds.go` buildOutboundListeners): one Listener per
 * `host:port` target, carrying an `api_listener` HttpConnectionManager that points at the RDS config
 * `outbound|port||host`, with the fault and router filters (router last). Short names resolve like
 * Istio's `tryFindFQDN`: `name`, `name.ns` and `name.ns.svc` for services in the client's namespace.
 */
import type { Json, Listener } from '../../envoy/types.ts';
import { TypeUrl } from '../../envoy/types.ts';
import type { ProxyView, Service } from '../../model/types.ts';
import { outboundClusterName } from '../names.ts';
import { altVirtualHosts } from '../routes/virtual-host-domains.ts';
import { contentFingerprint } from './fingerprint.ts';

export const FAULT_FILTER = 'envoy.filters.http.fault';
export const ROUTER_FILTER = 'envoy.filters.http.router';

const HTTP_FILTERS: readonly Json[] = [
  { name: FAULT_FILTER, typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault' } },
  { name: ROUTER_FILTER, typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
];

export const ADS_CONFIG_SOURCE: Json = { ads: {}, resource_api_version: 'V3' };

/** Names a gRPC client may dial for this service (`xds:///NAME:PORT`), FQDN first. */
export function targetHosts(svc: Service, view: ProxyView): string[] {
  const sameNamespace = svc.hostname.endsWith(`.${view.dnsDomain}`);
  return sameNamespace ? [svc.hostname, ...altVirtualHosts(svc.hostname, view.dnsDomain)] : [svc.hostname];
}

export function buildProxylessListener(target: string, svc: Service, port: number): Listener {
  const body: Listener = {
    name: `${target}:${port}`,
    address: { socket_address: { address: svc.addresses[0] && !svc.addresses[0].includes('/') ? svc.addresses[0] : '0.0.0.0', port_value: port } },
    api_listener: {
      api_listener: {
        '@type': TypeUrl.HttpConnectionManager,
        rds: { config_source: ADS_CONFIG_SOURCE, route_config_name: outboundClusterName(port, svc.hostname) },
        http_filters: HTTP_FILTERS,
      },
    },
  };
  // grpc-js misses some listener changes unless a compared scalar changes (grpc-xds.md §4.2).
  return { ...body, stat_prefix: contentFingerprint(body) };
}

export function buildProxylessListeners(view: ProxyView, services: readonly Service[]): Listener[] {
  const out: Listener[] = [];
  for (const svc of services) {
    for (const p of svc.ports) for (const target of targetHosts(svc, view)) out.push(buildProxylessListener(target, svc, p.port));
  }
  return out;
}
