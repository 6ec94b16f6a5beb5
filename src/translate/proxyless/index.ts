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

const models = new WeakMap<ConfigSnapshot, MeshModel>();

function modelFor(snapshot: ConfigSnapshot): MeshModel {
  let m = models.get(snapshot);
  if (!m) { m = buildMeshModel(snapshot); models.set(snapshot, m); }
  return m;
}

export function generateProxyless(snapshot: ConfigSnapshot, proxy: ProxySpec): ProxyConfig {
  const view = proxyView(modelFor(snapshot), proxy);
  const services: Service[] = view.services.filter((s) => !s.hostname.startsWith('*') && s.resolution !== 'Alias');
  const listeners = buildProxylessListeners(view, services);
  const routes: RouteConfiguration[] = [];
  for (const svc of services) for (const p of svc.ports) routes.push(buildProxylessRouteConfig(view, p.port, services, svc.hostname));
  const targets = clusterTargets(view, services);
  const clusters = targets.map((t) => buildProxylessCluster(view, t.target, t.subset));
  const endpoints = targets.map((t) => buildProxylessEndpoints(view, t.target));
  return { listeners, routes, clusters, endpoints };
}
