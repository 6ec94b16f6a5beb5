/**
 * The translator's single entry point: the Envoy config istiod would send to one proxy.
 * snapshot → MeshModel (cached per snapshot) → resolved proxy → ProxyView → LDS/RDS (this package's
 * listeners/routes/gateway builders) + CDS/EDS (clusters/endpoints). Output is deterministic; parts of
 * it (route matches, retry policies) are shared frozen objects — treat the result as immutable.
 *
 * Deliberate differences from istiod (routing-neutral):
 * - Istio-only HTTP/network filters (istio.metadata_exchange, istio.stats, istio.alpn, grpc_stats) and
 *   access logs / tracing are not emitted: they are not Envoy API types and do not change routing.
 * - Outbound listeners are sorted by name (istiod emits them in service iteration order).
 * Kubernetes Ingresses arrive as derived Gateways/VirtualServices (src/config/ingress, via the model);
 * ALLOW_ANY_DYNAMIC_DNS is in clusters/dynamic-forward-proxy.ts (+ listeners/virtual-outbound-dfp.ts).
 * Not implemented yet: HTTP_PROXY egress ports (`http_proxy` RDS), the Mongo/MySQL well-known-port
 * conflict rule, proxyless-gRPC variants (see translate/proxyless), Gateway API generated VirtualServices.
 */
import type { ConfigSnapshot } from '../config/snapshot.ts';
import type { ProxySpec } from '../model/proxy-spec.ts';
import type { Listener, ProxyConfig, RouteConfiguration } from '../envoy/types.ts';
import { buildMeshModel, proxyView, resolveProxy, type MeshModel, type ProxyView } from '../model/index.ts';
import { buildClusters } from './clusters/index.ts';
import { buildEndpoints } from './endpoints/index.ts';
import { buildSidecarOutboundListeners, outboundRouteConfigNames } from './listeners/sidecar-outbound.ts';
import { buildVirtualInboundListener } from './listeners/virtual-inbound.ts';
import { buildVirtualOutboundListener } from './listeners/virtual-outbound.ts';
import { buildSidecarRouteConfig, buildSniffedRouteConfig } from './routes/sidecar-route-config.ts';
import { buildGatewayListener, gatewayRouteServers } from './gateway/gateway-listeners.ts';
import { buildGatewayRouteConfig } from './gateway/gateway-routes.ts';
import { planGatewayListeners } from './gateway/gateway-servers.ts';
import { parseRouteConfigName } from './names.ts';

const models = new WeakMap<ConfigSnapshot, MeshModel>();

/** The mesh model of a snapshot, built once and cached (snapshots are immutable). */
export function meshModelFor(snapshot: ConfigSnapshot): MeshModel {
  let m = models.get(snapshot);
  if (!m) models.set(snapshot, (m = buildMeshModel(snapshot)));
  return m;
}

/** The proxy view for a snapshot and a (possibly `pod/…`) proxy spec. */
export function viewFor(snapshot: ConfigSnapshot, proxy: ProxySpec | { readonly pod: string; readonly namespace: string }): ProxyView {
  const model = meshModelFor(snapshot);
  return proxyView(model, resolveProxy(model, proxy));
}

function sidecarRoutes(view: ProxyView, listeners: readonly Listener[]): RouteConfiguration[] {
  return outboundRouteConfigNames(listeners).map((name) => {
    const k = parseRouteConfigName(name);
    if (k.kind === 'sniffed') return buildSniffedRouteConfig(view, k.host, k.port);
    return buildSidecarRouteConfig(view, Number(name));
  });
}

/** LDS + RDS for a sidecar. */
export function buildSidecarListenersAndRoutes(view: ProxyView): { listeners: Listener[]; routes: RouteConfiguration[] } {
  const outbound = buildSidecarOutboundListeners(view);
  const routes = sidecarRoutes(view, outbound);
  const listeners = [...outbound, buildVirtualOutboundListener(view), buildVirtualInboundListener(view)];
  return { listeners, routes };
}

/** LDS + RDS for a gateway (router). */
export function buildGatewayListenersAndRoutes(view: ProxyView): { listeners: Listener[]; routes: RouteConfiguration[] } {
  const plans = planGatewayListeners(view);
  const listeners = plans.map((p) => buildGatewayListener(view, p)).filter((l): l is Listener => !!l)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const used = new Set<string>();
  for (const l of listeners) for (const c of l.filter_chains ?? []) for (const f of c.filters ?? []) {
    const n = f.typed_config?.rds?.route_config_name;
    if (typeof n === 'string') used.add(n);
  }
  const routes = [...gatewayRouteServers(plans)].filter(([name]) => used.has(name))
    .map(([name, servers]) => buildGatewayRouteConfig(view, name, servers))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { listeners, routes };
}

/** Full xDS for one proxy view. */
export function translateView(view: ProxyView): ProxyConfig {
  const { listeners, routes } = view.isRouter ? buildGatewayListenersAndRoutes(view) : buildSidecarListenersAndRoutes(view);
  return { listeners, routes, clusters: buildClusters(view), endpoints: buildEndpoints(view) };
}

/**
 * The translator's single entry point: the Envoy config istiod would send to `proxy`.
 * Throws ProxySpecError (from resolveProxy) for a `pod/…` spec naming an unknown Pod.
 */
export function translateProxy(snapshot: ConfigSnapshot, proxy: ProxySpec | { readonly pod: string; readonly namespace: string }): ProxyConfig {
  return translateView(viewFor(snapshot, proxy));
}
