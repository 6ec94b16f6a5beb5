/**
 * DR `connectionPool` → circuit breakers, connect timeout, TCP keepalive and HTTP protocol options
 * (Istio `applyConnectionPool`, `applyTCPKeepalive` in `networking/core/cluster_traffic_policy.go`).
 * Zero keeps the default (Istio cannot tell unset from 0 for these int fields).
 */
import type { Cluster, Json } from '../../envoy/types.ts';
import { durationSeconds, durationString } from '../routes/durations.ts';
import { defaultThresholds } from './common.ts';

/** Mutable HttpProtocolOptions being assembled for one cluster. */
export interface HttpOptions {
  common?: Json;
  upstreamHttp?: Json;
  /** `explicit_http_config` / `use_downstream_protocol_config` choice. */
  protocol?: { explicit?: 'h1' | 'h2'; downstream?: boolean };
  http2?: Json;
}

function keepalive(ka: Json | undefined): Json | undefined {
  if (!ka) return undefined;
  const out: Json = {};
  if (ka.probes) out.keepalive_probes = Number(ka.probes);
  const t = durationSeconds(ka.time);
  if (t) out.keepalive_time = Math.floor(t);
  const i = durationSeconds(ka.interval);
  if (i) out.keepalive_interval = Math.floor(i);
  return out;
}

/** Apply `settings` (already the merged connectionPool) and the retry budget to `c` and `http`. */
export function applyConnectionPool(c: Cluster, http: HttpOptions, settings: Json | undefined, retryBudget?: Json, meshKeepalive?: Json): void {
  const t = defaultThresholds();
  if (retryBudget) {
    t.retry_budget = {
      budget_percent: { value: Number(retryBudget.percent?.value ?? retryBudget.percent ?? 20) },
      min_retry_concurrency: Number(retryBudget.minRetryConcurrency ?? 3),
    };
  }
  const h = settings?.http, tcp = settings?.tcp;
  let idle: unknown, maxReqPerConn = 0, maxStreams = 0, maxDuration: unknown;
  if (h) {
    if (Number(h.http2MaxRequests) > 0) t.max_requests = Number(h.http2MaxRequests);
    if (Number(h.http1MaxPendingRequests) > 0) t.max_pending_requests = Number(h.http1MaxPendingRequests);
    if (Number(h.maxRetries) > 0) t.max_retries = Number(h.maxRetries);
    idle = h.idleTimeout;
    maxReqPerConn = Number(h.maxRequestsPerConnection ?? 0);
    maxStreams = Number(h.maxConcurrentStreams ?? 0);
    if (h.useClientProtocol) http.protocol = { downstream: true };
  }
  if (tcp) {
    if (tcp.connectTimeout) c.connect_timeout = durationString(tcp.connectTimeout);
    if (Number(tcp.maxConnections) > 0) t.max_connections = Number(tcp.maxConnections);
    if (tcp.maxConnectionDuration) maxDuration = tcp.maxConnectionDuration;
    idle ??= tcp.idleTimeout;
  }
  const ka = { ...(keepalive(meshKeepalive) ?? {}), ...(keepalive(tcp?.tcpKeepalive) ?? {}) };
  if (meshKeepalive || tcp?.tcpKeepalive) c.upstream_connection_options = { tcp_keepalive: ka };
  c.circuit_breakers = { thresholds: [t] };
  if (idle || maxReqPerConn > 0 || maxDuration || maxStreams > 0) {
    const common: Json = { ...(http.common ?? {}) };
    if (idle) common.idle_timeout = durationString(idle);
    if (maxReqPerConn > 0) common.max_requests_per_connection = maxReqPerConn;
    if (maxDuration) common.max_connection_duration = durationString(maxDuration);
    if (Object.keys(common).length > 0) http.common = common;
    if (maxStreams > 0) http.http2 = { ...(http.http2 ?? {}), max_concurrent_streams: maxStreams };
  }
  if (h?.http2KeepAlive?.time || h?.http2KeepAlive?.interval) {
    const ck: Json = {};
    if (h.http2KeepAlive.interval) ck.interval = durationString(h.http2KeepAlive.interval);
    if (h.http2KeepAlive.timeout) ck.timeout = durationString(h.http2KeepAlive.timeout);
    http.http2 = { ...(http.http2 ?? {}), connection_keepalive: ck };
  }
}

/** Write the assembled HttpProtocolOptions into `typed_extension_protocol_options`, if anything was set. */
export function finishHttpOptions(c: Cluster, http: HttpOptions): void {
  if (!http.common && !http.upstreamHttp && !http.protocol) return;
  const opts: Json = { '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions' };
  if (http.common) opts.common_http_protocol_options = http.common;
  if (http.upstreamHttp) opts.upstream_http_protocol_options = http.upstreamHttp;
  const h2 = http.http2 ?? {};
  if (http.protocol?.downstream) opts.use_downstream_protocol_config = { http_protocol_options: {}, http2_protocol_options: h2 };
  else if (http.protocol?.explicit === 'h2') opts.explicit_http_config = { http2_protocol_options: h2 };
  // Envoy requires a protocol choice; Istio defaults to explicit HTTP/1.1.
  else opts.explicit_http_config = { http_protocol_options: {} };
  c.typed_extension_protocol_options = { 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': opts };
}
