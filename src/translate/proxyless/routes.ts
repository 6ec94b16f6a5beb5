/**
 * Proxyless gRPC route configurations (Istio `grpcgen/rds.go`): one RouteConfiguration per
 * `outbound|port||host`, holding the sidecar-style outbound virtual hosts for that port. gRPC
 * differences Istio applies (`SidecarIgnorePort` is false for proxyless): domains include `:port`
 * variants, and route timeouts become `max_stream_duration` (gRFC A31: gRPC ignores `timeout`).
 * VirtualService → route conversion is the shared one in ../routes.
 */
import type { Json, Route, RouteConfiguration, VirtualHost } from '../../envoy/types.ts';
import { hostsMatch } from '../../model/hosts.ts';
import type { ProxyView, Service, VirtualServiceEntry } from '../../model/types.ts';
import { defaultRouteOperation, outboundClusterName, virtualHostName } from '../names.ts';
import { proxyRouteContext } from '../routes/proxy-route-context.ts';
import { serviceDomains } from '../routes/virtual-host-domains.ts';
import { buildVirtualServiceRoutes } from '../routes/virtual-service-routes.ts';
import { defaultRetryPolicy } from '../routes/retry-policy.ts';
import { contentFingerprint } from './fingerprint.ts';

/** The VirtualService that routes `host` for this proxy: the first in Istio order naming it. */
export function virtualServiceFor(view: ProxyView, host: string): VirtualServiceEntry | undefined {
  return view.virtualServices.find((vs) => vs.hosts.some((h) => h === host)) ?? view.virtualServices.find((vs) => vs.hosts.some((h) => hostsMatch(h, host)));
}

/** Istio's default route for a service without a VirtualService (`BuildDefaultHTTPOutboundRoute`), gRPC form. */
function defaultRoute(svc: Service, port: number): Json {
  return {
    name: 'default',
    match: { prefix: '/' },
    route: { cluster: outboundClusterName(port, svc.hostname), retry_policy: defaultRetryPolicy() },
    decorator: { operation: defaultRouteOperation(svc.hostname, port) },
  };
}

/** Envoy-sidecar route → what Istio sends a proxyless client: timeout as max_stream_duration. */
export function grpcRoute(r: Json): Route {
  const out = { ...r } as Route;
  if (r.route) {
    const { timeout, max_grpc_timeout: _mgt, ...action } = r.route;
    if (typeof timeout === 'string' && timeout !== '0s') action.max_stream_duration = { max_stream_duration: timeout, grpc_timeout_header_max: timeout };
    out.route = action;
  }
  // A compared scalar that changes with the route's content (grpc-xds.md §4.2).
  const meta = out.metadata?.filter_metadata ?? {};
  out.metadata = { filter_metadata: { ...meta, sluice: { content: contentFingerprint(r) } } };
  return out;
}

function virtualHost(view: ProxyView, svc: Service, port: number, used: Set<string>): VirtualHost {
  const vs = virtualServiceFor(view, svc.hostname);
  const ctx = proxyRouteContext(view, { port, gateways: ['mesh'] });
  const routes = vs ? buildVirtualServiceRoutes({ name: vs.name, namespace: vs.namespace, http: vs.spec.http ?? [] }, ctx) : [defaultRoute(svc, port)];
  const { domains } = serviceDomains(svc, view.dnsDomain);
  const withPorts = [...new Set(domains.flatMap((d) => [d, `${d}:${port}`]))].filter((d) => !used.has(d));
  for (const d of withPorts) used.add(d);
  return { name: virtualHostName(svc.hostname, port), domains: withPorts, routes: routes.map(grpcRoute) };
}

export function buildProxylessRouteConfig(view: ProxyView, port: number, services: readonly Service[], forHost: string): RouteConfiguration {
  const used = new Set<string>();
  const vhosts = services.filter((s) => s.ports.some((p) => p.port === port)).map((s) => virtualHost(view, s, port, used));
  return { name: outboundClusterName(port, forHost), virtual_hosts: vhosts, validate_clusters: false };
}
