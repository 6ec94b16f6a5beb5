/**
 * EDS for one proxy: one ClusterLoadAssignment per EDS cluster of its CDS (subset clusters filtered by
 * subset labels). Istio: `xds/endpoints/endpoint_builder.go`, `xds/eds.go`.
 */
import type { ClusterLoadAssignment } from '../../envoy/types.ts';
import type { ProxyView } from '../../model/types.ts';
import { parseClusterName } from '../names.ts';
import { clusterSpecsForPort, discoveryType } from '../clusters/outbound.ts';
import { clusterTrafficPolicy } from '../clusters/traffic-policy.ts';
import { loadAssignment, selectEndpoints } from './load-assignment.ts';

export { loadAssignment, selectEndpoints, localityLbEndpoints } from './load-assignment.ts';

/** Endpoints for one cluster name (`outbound|port|subset|host` or `outbound_.port_.subset_.host`) as this proxy sees it. */
export function endpointsForCluster(view: ProxyView, clusterName: string): ClusterLoadAssignment | undefined {
  const key = parseClusterName(clusterName);
  if (!key || key.direction !== 'outbound') return undefined;
  const svc = view.serviceForHost(key.host);
  const port = svc?.ports.find((p) => p.port === key.port);
  if (!svc || !port) return undefined;
  let labels: Readonly<Record<string, string>> | undefined;
  if (key.subset) {
    const spec = clusterSpecsForPort(view, svc, port).find((s) => s.subset === key.subset);
    if (!spec) return undefined;
    labels = spec.subsetLabels;
  }
  const mtlsOnly = clusterName.startsWith('outbound_.');
  const eps = selectEndpoints(view.endpoints(svc, port.port), { ...(labels ? { subsetLabels: labels } : {}), mtlsOnly });
  return loadAssignment(clusterName, eps);
}

/** EDS for every EDS-typed outbound cluster of the proxy's scope, in CDS order. */
export function buildEndpoints(view: ProxyView): ClusterLoadAssignment[] {
  const out = new Map<string, ClusterLoadAssignment>();
  for (const svc of view.services) {
    if (svc.resolution === 'Alias' || discoveryType(view, svc) !== 'EDS') continue;
    for (const port of svc.ports) {
      if (port.protocol === 'UDP') continue;
      for (const spec of clusterSpecsForPort(view, svc, port)) {
        if (out.has(spec.name)) continue;
        // A DR `simple: PASSTHROUGH` turns the cluster into ORIGINAL_DST: no EDS for it.
        if (clusterTrafficPolicy(spec.dr, port.port, spec.subset)?.loadBalancer?.simple === 'PASSTHROUGH') continue;
        const eps = selectEndpoints(view.endpoints(svc, port.port), spec.subsetLabels ? { subsetLabels: spec.subsetLabels } : {});
        out.set(spec.name, loadAssignment(spec.name, eps));
      }
    }
  }
  return [...out.values()];
}
