/**
 * Istio's proxyless gRPC generator (`pilot/pkg/networking/grpcgen`) for nodes with metadata
 * `GENERATOR: grpc`: LDS = one api_listener per `host:port` target, RDS = `outbound|port||host`,
 * CDS = EDS clusters (default + DR subsets), EDS = localities with weights.
 * Istio builds only the names a client asks for; Sluice builds every visible service (the server
 * then sends what each client subscribed to), so one result serves every client of a namespace.
 */
import type { ConfigSnapshot } from '../../config/snapshot.ts';
import type { ProxyConfig, RouteConfiguration } from '../../envoy/types.ts';
import { buildMeshModel, proxyView } from '../../model/index.ts';
import type { MeshModel, Service } from '../../model/types.ts';
import type { ProxySpec } from '../../model/proxy-spec.ts';
import { buildProxylessCluster, clusterTargets } from './clusters.ts';
import { buildProxylessEndpoints } from './endpoints.ts';
import { buildProxylessListeners } from './listeners.ts';
import { buildProxylessRouteConfig } from './routes.ts';
import { outboundClusterName } from '../names.ts';

const models = new WeakMap<ConfigSnapshot, MeshModel>();

function modelFor(snapshot: ConfigSnapshot): MeshModel {
  let m = models.get(snapshot);
  if (!m) { m = buildMeshModel(snapshot); models.set(snapshot, m); }
  return m;
}

/**
 * Route configurations built on demand: each `outbound|port||host` holds every virtual host of its
 * port (as in Istio), so building all of them up front is quadratic in the number of services.
 */
export interface LazyRoutes {
  readonly names: readonly string[];
  build(name: string): RouteConfiguration | undefined;
}

export interface ProxylessConfig extends ProxyConfig {
  readonly lazyRoutes: LazyRoutes;
}

export function generateProxyless(snapshot: ConfigSnapshot, proxy: ProxySpec): ProxylessConfig {
  const view = proxyView(modelFor(snapshot), proxy);
  const services: Service[] = view.services.filter((s) => !s.hostname.startsWith('*') && s.resolution !== 'Alias');
  const listeners = buildProxylessListeners(view, services);
  const routeNames = new Map<string, { port: number; host: string }>();
  for (const svc of services) for (const p of svc.ports) routeNames.set(outboundClusterName(p.port, svc.hostname), { port: p.port, host: svc.hostname });
  const byPort = new Map<number, RouteConfiguration>();
  const lazyRoutes: LazyRoutes = {
    names: [...routeNames.keys()].sort(),
    build(name) {
      const r = routeNames.get(name);
      if (!r) return undefined;
      let base = byPort.get(r.port);
      if (!base) { base = buildProxylessRouteConfig(view, r.port, services, r.host); byPort.set(r.port, base); }
      return { ...base, name };
    },
  };
  const targets = clusterTargets(view, services);
  const clusters = targets.map((t) => buildProxylessCluster(view, t.target, t.subset));
  const endpoints = targets.map((t) => buildProxylessEndpoints(view, t.target));
  return { listeners, routes: [], lazyRoutes, clusters, endpoints };
}

/** Every route configuration, built (for tests and offline output). */
export function allRoutes(pc: ProxylessConfig): RouteConfiguration[] {
  return pc.lazyRoutes.names.map((n) => pc.lazyRoutes.build(n)!);
}
