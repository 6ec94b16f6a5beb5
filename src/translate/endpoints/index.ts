/**
 * EDS for one proxy: one ClusterLoadAssignment per EDS cluster of its CDS (subset clusters filtered by
 * subset labels). Istio: `xds/endpoints/endpoint_builder.go`, `xds/eds.go`.
 */
import type { ClusterLoadAssignment } from '../../envoy/types.ts';
import type { ProxyView } from '../../model/types.ts';
import { parseClusterName } from '../names.ts';
import { clusterSpecsForPort, discoveryType, hasAutoPassthrough, sniDnatSpecsForPort } from '../clusters/outbound.ts';
import { clusterTrafficPolicy } from '../clusters/traffic-policy.ts';
import { isIpAddress, loadAssignment, selectEndpoints, type LbEndpointCache } from './load-assignment.ts';
import { applyLocalityLb, localityLbSetting } from './locality-lb.ts';
import type { ClusterSpec } from '../clusters/outbound.ts';

/** Locality LB (distribute, or failover when the cluster has outlierDetection) for a proxy whose locality is known. */
function withLocality(view: ProxyView, spec: Pick<ClusterSpec, 'dr' | 'subset'>, port: number, cla: ClusterLoadAssignment): ClusterLoadAssignment {
  if (!view.locality) return cla;
  const policy = clusterTrafficPolicy(spec.dr, port, spec.subset);
  const setting = localityLbSetting(view.model.meshConfig.localityLbSetting, policy?.loadBalancer?.localityLbSetting);
  return applyLocalityLb(cla, view.locality, setting, !!policy?.outlierDetection);
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
  const eps = selectEndpoints(view.endpoints(svc, port.port), { ...(labels ? { subsetLabels: labels } : {}), mtlsOnly }).filter((e) => isIpAddress(e.address));
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
      // EDS only carries IP endpoints (Istio drops host names here; DNS clusters keep them inline).
      const healthy = selectEndpoints(view.endpoints(svc, port.port)).filter((e) => isIpAddress(e.address));
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
