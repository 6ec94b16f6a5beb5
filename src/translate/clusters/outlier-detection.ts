/**
 * DR `outlierDetection` → Envoy outlier_detection + healthy_panic_threshold (Istio `applyOutlierDetection`).
 * Only emitted when the DR sets it; success-rate ejection is always disabled.
 */
import type { Cluster, Json } from '../../envoy/types.ts';
import { durationString } from '../routes/durations.ts';

export function applyOutlierDetection(c: Cluster, od: Json | undefined): void {
  if (!od) return;
  const out: Json = { enforcing_success_rate: 0 };
  const five = od.consecutive5xxErrors;
  const gw = od.consecutiveGatewayErrors;
  if (five !== undefined && five !== null) {
    const v = Number(five);
    out.consecutive_5xx = v;
    out.enforcing_consecutive_5xx = v > 0 ? 100 : 0;
  }
  if (gw !== undefined && gw !== null) {
    const v = Number(gw);
    out.consecutive_gateway_failure = v;
    out.enforcing_consecutive_gateway_failure = v > 0 ? 100 : 0;
  }
  if ((five === undefined || five === null) && (gw === undefined || gw === null) && Number(od.consecutiveErrors) > 0) {
    // Deprecated `consecutiveErrors`: gateway errors only (istio/api#617).
    out.consecutive_gateway_failure = Number(od.consecutiveErrors);
    out.enforcing_consecutive_gateway_failure = 100;
    out.enforcing_consecutive_5xx = 0;
  }
  if (od.interval) out.interval = durationString(od.interval);
  if (od.baseEjectionTime) out.base_ejection_time = durationString(od.baseEjectionTime);
  if (Number(od.maxEjectionPercent) > 0) out.max_ejection_percent = Number(od.maxEjectionPercent);
  if (od.splitExternalLocalOriginErrors) {
    out.split_external_local_origin_errors = true;
    if (Number(od.consecutiveLocalOriginFailures) > 0) {
      out.consecutive_local_origin_failure = Number(od.consecutiveLocalOriginFailures);
      out.enforcing_consecutive_local_origin_failure = 100;
    }
    out.enforcing_local_origin_success_rate = 0;
  }
  c.outlier_detection = out;
  // Panic threshold off by default (0) — set even when unset, as Istio does.
  const min = Number(od.minHealthPercent ?? 0);
  c.common_lb_config = { ...(c.common_lb_config ?? {}), healthy_panic_threshold: { value: min >= 0 ? min : 0 } };
}
