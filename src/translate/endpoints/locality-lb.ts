/**
 * Locality load balancing on EDS (Istio `networking/core/loadbalancer/loadbalancer.go`
 * ApplyLocalityLoadBalancer, applyLocalityWeights, applyLocalityFailover; `GetLocalityLbSetting`).
 * - The DR's `loadBalancer.localityLbSetting` replaces the mesh's; `enabled: false` turns it off.
 * - `distribute`: the first entry whose `from` matches the proxy locality re-weights locality groups
 *   (weight × group's share of the matching groups, rounded up); groups matching no `to` get no endpoints.
 * - Otherwise, with outlierDetection on the cluster: failover priorities — same region+zone+subzone 0,
 *   region+zone 1, region 2, other 3; a `failover {from: proxyRegion, to: R}` entry pushes regions other
 *   than R to 4 — then priorities are renumbered to be consecutive.
 * Not implemented: `failoverPriority` (label-based priorities).
 */
import type { ClusterLoadAssignment, Json } from '../../envoy/types.ts';
import type { Locality } from '../../model/types.ts';

/** The effective locality LB setting, or undefined when disabled (`GetLocalityLbSetting`). */
export function localityLbSetting(mesh: Json | undefined, dr: Json | undefined): Json | undefined {
  if (dr) return dr.enabled === false ? undefined : dr;
  if (mesh && mesh.enabled === false) return undefined;
  return mesh ?? { enabled: true };
}

/** `region/zone/subzone` pattern with `*` wildcards against a locality (`util.LocalityMatch`). */
export function localityMatches(l: { region?: string; zone?: string; sub_zone?: string; subzone?: string }, pattern: string): boolean {
  const parts = pattern.split('/');
  const have = [l.region ?? '', l.zone ?? '', l.sub_zone ?? l.subzone ?? ''];
  for (let i = 0; i < parts.length && i < 3; i++) {
    if (parts[i] === '*') return true;
    if (parts[i] !== have[i]) return false;
  }
  return true;
}

function matchLevel(proxy: Locality, l: Json): number {
  const region = l?.region ?? '', zone = l?.zone ?? '', sub = l?.sub_zone ?? '';
  if (proxy.region !== region) return 3;
  if (proxy.zone !== zone) return 2;
  if (proxy.subzone !== sub) return 1;
  return 0;
}

function applyWeights(cla: ClusterLoadAssignment, proxy: Locality, distribute: readonly Json[]): ClusterLoadAssignment {
  const rule = distribute.find((d) => typeof d?.from === 'string' && localityMatches(proxy, d.from));
  if (!rule) return cla;
  const groups: Json[] = (cla.endpoints ?? []).map((g: Json) => ({ ...g }));
  const unmatched = new Set(groups.map((_, i) => i));
  for (const [pattern, weight] of Object.entries((rule.to ?? {}) as Record<string, number>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const hit = [...unmatched].filter((i) => localityMatches(groups[i]!.locality ?? {}, pattern));
    const total = hit.reduce((s, i) => s + Number(groups[i]!.load_balancing_weight ?? 1), 0);
    for (const i of hit) {
      unmatched.delete(i);
      const w = Math.ceil((Number(groups[i]!.load_balancing_weight ?? 1) * Number(weight)) / total);
      if (w > 0) groups[i]!.load_balancing_weight = w;
    }
  }
  for (const i of unmatched) groups[i]!.lb_endpoints = [];
  return { ...cla, endpoints: groups };
}

function applyFailover(cla: ClusterLoadAssignment, proxy: Locality, failover: readonly Json[]): ClusterLoadAssignment {
  const groups = cla.endpoints ?? [];
  const levels = groups.map((g: Json) => {
    let p = matchLevel(proxy, g.locality);
    if (p === 3) {
      const f = failover.find((x) => x?.from === proxy.region);
      if (f && (g.locality?.region ?? '') !== f.to) p = 4;
    }
    return p;
  });
  const ranks = [...new Set(levels)].sort((a, b) => a - b);
  const endpoints = groups.map((g: Json, i: number) => {
    const p = ranks.indexOf(levels[i]!);
    return p === 0 ? g : { ...g, priority: p };
  });
  return { ...cla, endpoints };
}

/** Apply the locality setting to one assignment for a proxy at `proxy`; `outlier` = the cluster has outlierDetection. */
export function applyLocalityLb(cla: ClusterLoadAssignment, proxy: Locality, setting: Json | undefined, outlier: boolean): ClusterLoadAssignment {
  if (!setting || !(cla.endpoints ?? []).length) return cla;
  if (Array.isArray(setting.distribute) && setting.distribute.length > 0) return applyWeights(cla, proxy, setting.distribute);
  if (outlier) return applyFailover(cla, proxy, Array.isArray(setting.failover) ? setting.failover : []);
  return cla;
}
