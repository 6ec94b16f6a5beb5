/**
 * Locality failover priorities (Istio `networking/core/loadbalancer/loadbalancer.go` applyLocalityFailover):
 * with mesh locality LB enabled (default) and outlierDetection on the cluster, each locality group gets a
 * priority by how much of the proxy's locality it shares — region+zone+subzone 0, region+zone 1, region 2,
 * none 3 — then priorities are renumbered to be consecutive from 0. No proxy locality → unchanged.
 * Not implemented: DR/mesh `failover`, `failoverPriority` and `distribute` settings.
 */
import type { ClusterLoadAssignment, Json } from '../../envoy/types.ts';
import type { Locality } from '../../model/types.ts';

function matchLevel(proxy: Locality, l: Json): number {
  const region = l?.region ?? '', zone = l?.zone ?? '', sub = l?.sub_zone ?? '';
  if (proxy.region !== region) return 3;
  if (proxy.zone !== zone) return 2;
  if (proxy.subzone !== sub) return 1;
  return 0;
}

export function applyLocalityFailover(cla: ClusterLoadAssignment, proxy: Locality): ClusterLoadAssignment {
  const groups = cla.endpoints ?? [];
  if (groups.length === 0) return cla;
  const levels = groups.map((g: Json) => matchLevel(proxy, g.locality));
  const ranks = [...new Set(levels)].sort((a, b) => a - b);
  const endpoints = groups.map((g: Json, i: number) => {
    const p = ranks.indexOf(levels[i]!);
    if (p === 0) return g;
    return { ...g, priority: p };
  });
  return { ...cla, endpoints };
}
