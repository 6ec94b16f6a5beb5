/**
 * Which DestinationRule traffic policy applies to one cluster — Istio's `MergeTrafficPolicy`
 * (`networking/core/cluster_traffic_policy.go`): a port-level entry replaces connectionPool,
 * loadBalancer, outlierDetection and tls wholesale (unset → defaults, not the top level); a subset's
 * components replace the parent's; a subset port-level entry replaces all four again.
 */
import type { Json } from '../../envoy/types.ts';
import type { MergedDestinationRule } from '../../model/types.ts';

export interface TrafficPolicy {
  readonly connectionPool?: Json;
  readonly loadBalancer?: Json;
  readonly outlierDetection?: Json;
  readonly tls?: Json;
  readonly tunnel?: Json;
  readonly proxyProtocol?: Json;
  readonly retryBudget?: Json;
}

const FOUR = ['connectionPool', 'loadBalancer', 'outlierDetection', 'tls'] as const;
const OTHERS = ['tunnel', 'proxyProtocol', 'retryBudget'] as const;

const ALL = [...FOUR, ...OTHERS];

/** `MergeTrafficPolicy(original, policy, port)`. */
export function mergeTrafficPolicy(original: TrafficPolicy | undefined, policy: Json | undefined, port: number | undefined): TrafficPolicy | undefined {
  if (!policy) return original;
  const merged: Record<string, Json> = {};
  for (const k of ALL) {
    const v = policy[k] ?? (original as Record<string, Json> | undefined)?.[k];
    if (v != null) merged[k] = v;
  }
  const levels: Json[] | undefined = port === undefined ? undefined : policy.portLevelSettings;
  const pl = levels?.find((p: Json) => Number(p?.port?.number) === port);
  if (pl) {
    for (const k of FOUR) {
      if (pl[k] != null) merged[k] = pl[k];
      else delete merged[k];
    }
  }
  return merged;
}

/** The policy for `outbound|port|subset|host` under `dr`. */
export function clusterTrafficPolicy(dr: MergedDestinationRule | undefined, port: number | undefined, subset?: string): TrafficPolicy | undefined {
  if (!dr) return undefined;
  const top = mergeTrafficPolicy(undefined, dr.spec.trafficPolicy, port);
  if (!subset) return top;
  const sub = (dr.spec.subsets ?? []).find((s: Json) => s?.name === subset);
  return mergeTrafficPolicy(top, sub?.trafficPolicy, port);
}
