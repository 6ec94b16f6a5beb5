/**
 * DR `loadBalancer` → cluster lb_policy / lb_config (Istio `applyLoadBalancer`, `ApplyRingHashLoadBalancer`
 * in `networking/core/cluster_traffic_policy.go`). The route-side `hash_policy` lives in routes/hash-policy.ts.
 */
import type { Cluster, Json } from '../../envoy/types.ts';
import type { Protocol } from '../../model/types.ts';
import { durationString } from '../routes/durations.ts';

function slowStart(lb: Json | undefined): Json | undefined {
  const w = lb?.warmup;
  const window = w?.duration ?? lb?.warmupDurationSecs;
  if (!window) return undefined;
  const cfg: Json = { slow_start_window: durationString(window) };
  if (w?.aggression !== undefined) cfg.aggression = { default_value: Number(w.aggression), runtime_key: 'upstream.slow_start_aggression' };
  if (w?.minimumPercent !== undefined) cfg.min_weight_percent = { value: Number(w.minimumPercent) };
  return cfg;
}

function applyConsistentHash(c: Cluster, ch: Json): void {
  if (ch.maglev) {
    c.lb_policy = 'MAGLEV';
    if (Number(ch.maglev.tableSize)) c.maglev_lb_config = { table_size: String(ch.maglev.tableSize) };
    return;
  }
  c.lb_policy = 'RING_HASH';
  const size = Number(ch.ringHash?.minimumRingSize ?? 0) || (ch.ringHash ? 0 : Number(ch.minimumRingSize ?? 0) || 1024);
  if (size) c.ring_hash_lb_config = { minimum_ring_size: String(size) };
}

/**
 * Apply `lb` to a cluster already typed. ORIGINAL_DST always gets CLUSTER_PROVIDED; Redis ports MAGLEV
 * (when Istio's Redis filter is on — off by default, so not applied); simple → lb_policy (unset → LEAST_REQUEST);
 * PASSTHROUGH turns the cluster into ORIGINAL_DST; consistentHash → RING_HASH / MAGLEV.
 */
export function applyLoadBalancer(c: Cluster, lb: Json | undefined, _protocol?: Protocol): void {
  if (c.type === 'ORIGINAL_DST') {
    c.lb_policy = 'CLUSTER_PROVIDED';
    return;
  }
  const ss = slowStart(lb);
  switch (lb?.simple) {
    case 'RANDOM':
      c.lb_policy = 'RANDOM';
      break;
    case 'ROUND_ROBIN':
      c.lb_policy = 'ROUND_ROBIN';
      if (ss) c.round_robin_lb_config = { slow_start_config: ss };
      break;
    case 'PASSTHROUGH':
      c.lb_policy = 'CLUSTER_PROVIDED';
      c.type = 'ORIGINAL_DST';
      delete c.eds_cluster_config;
      delete c.load_assignment;
      break;
    default: // LEAST_REQUEST, LEAST_CONN, unset
      c.lb_policy = 'LEAST_REQUEST';
      if (ss) c.least_request_lb_config = { slow_start_config: ss };
  }
  if (lb?.consistentHash) applyConsistentHash(c, lb.consistentHash);
}
