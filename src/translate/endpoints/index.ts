/**
 * EDS for one proxy: one ClusterLoadAssignment per EDS cluster of its CDS (subset clusters filtered by
 * subset labels). Istio: `xds/endpoints/endpoint_builder.go`, `xds/eds.go`.
 */
import type { ClusterLoadAssignment } from '../../envoy/types.ts';
import type { ProxyView } from '../../model/types.ts';
import { parseClusterName } from '../names.ts';
import { clusterSpecsForPort, discoveryType, hasAutoPassthrough, sniDnatSpecsForPort } from '../clusters/outbound.ts';
import { clusterTrafficPolicy } from '../clusters/traffic-policy.ts';
import { loadAssignment, selectEndpoints, type LbEndpointCache } from './load-assignment.ts';
import { applyLocalityFailover } from './locality-priority.ts';
import type { ClusterSpec } from '../clusters/outbound.ts';

/** Locality failover applies when mesh locality LB is on (default) and the cluster has outlierDetection. */
function withLocality(view: ProxyView, spec: Pick<ClusterSpec, 'dr' | 'subset'>, port: number, cla: ClusterLoadAssignment): ClusterLoadAssignment {
  if (!view.locality || view.model.meshConfig.localityLbSetting?.enabled === false || !spec.dr) return cla;
  if (!clusterTrafficPolicy(spec.dr, port, spec.subset)?.outlierDetection) return cla;
  return applyLocalityFailover(cla, view.locality);
}

export { loadAssignment, selectEndpoints, localityLbEndpoints } from './load-assignment.ts';

/** Endpoints for one cluster name (`outbound|port|subset|host` or `outbound_.port_.subset_.host`) as this proxy sees it. */
export function endpointsForCluster(view: ProxyView, clusterName: string): ClusterLoadAssignment | undefined {
  const key = parseClusterName(clusterName);
  if (!key || key.direction !== 'outbound') return undefined;
  const svc = view.serviceForHost(key.host);
  const port = svc?.ports.find((p) => p.port === key.port);
  if (!svc || !port) return undefined;
  const spec = clusterSpecsForPort(view, svc, port).find((s) => (s.subset ?? '') === key.subset);
  if (!spec) return undefined;
  const labels = spec.subsetLabels;
  const mtlsOnly = clusterName.startsWith('outbound_.');
  const eps = selectEndpoints(view.endpoints(svc, port.port), { ...(labels ? { subsetLabels: labels } : {}), mtlsOnly });
  return withLocality(view, spec, port.port, loadAssignment(clusterName, eps));
}

/** EDS for every EDS-typed outbound cluster of the proxy's scope (SNI-DNAT ones after each port's), in CDS order of names. */
export function buildEndpoints(view: ProxyView): ClusterLoadAssignment[] {
  const out = new Map<string, ClusterLoadAssignment>();
  const cache: LbEndpointCache = new Map();
  const sniDnat = hasAutoPassthrough(view);
  for (const svc of view.services) {
    if (svc.resolution === 'Alias' || discoveryType(view, svc) !== 'EDS') continue;
    for (const port of svc.ports) {
      if (port.protocol === 'UDP') continue;
      const healthy = selectEndpoints(view.endpoints(svc, port.port));
      const specs = clusterSpecsForPort(view, svc, port);
      if (sniDnat && !svc.meshExternal) specs.push(...sniDnatSpecsForPort(view, svc, port));
      for (const spec of specs) {
        if (out.has(spec.name)) continue;
        // A DR `simple: PASSTHROUGH` turns the cluster into ORIGINAL_DST: no EDS for it.
        if (spec.dr && clusterTrafficPolicy(spec.dr, port.port, spec.subset)?.loadBalancer?.simple === 'PASSTHROUGH') continue;
        const eps = spec.subsetLabels || spec.sniDnat ? selectEndpoints(healthy, { ...(spec.subsetLabels ? { subsetLabels: spec.subsetLabels } : {}), mtlsOnly: !!spec.sniDnat }) : healthy;
        out.set(spec.name, withLocality(view, spec, port.port, loadAssignment(spec.name, eps, cache)));
      }
    }
  }
  return [...out.values()];
}
