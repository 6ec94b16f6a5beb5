import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { XdsEvents } from './control-plane.ts';

/**
 * Prometheus metrics for the xDS server (prom-client), named after istiod's where one exists:
 * pilot_xds (connected proxies), pilot_xds_pushes (by type), pilot_xds_push_time,
 * pilot_proxy_convergence_time, pilot_total_xds_rejects (NACKs).
 */
export interface XdsMetrics { readonly registry: Registry; readonly events: XdsEvents }

export function createXdsMetrics(): XdsMetrics {
  const registry = new Registry();
  const connected = new Gauge({ name: 'pilot_xds', help: 'Number of connected xDS streams (proxies).', labelNames: ['stream'] as const, registers: [registry] });
  const pushes = new Counter({ name: 'pilot_xds_pushes', help: 'xDS responses sent, by type.', labelNames: ['type'] as const, registers: [registry] });
  const pushTime = new Histogram({ name: 'pilot_xds_push_time', help: 'Time to build and write one xDS response (seconds).', labelNames: ['type'] as const, buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1], registers: [registry] });
  const convergence = new Histogram({ name: 'pilot_proxy_convergence_time', help: 'Time from a config change to a proxy ACKing it (seconds).', labelNames: ['type'] as const, buckets: [0.01, 0.05, 0.1, 0.2, 0.5, 1, 3, 5, 10, 20, 30], registers: [registry] });
  const nacks = new Counter({ name: 'pilot_total_xds_rejects', help: 'NACKs received, by type.', labelNames: ['type'] as const, registers: [registry] });
  const encodeErrors = new Counter({ name: 'sluice_xds_encode_problems', help: 'Resources (or fields) that could not be encoded for the wire.', labelNames: ['type', 'fatal'] as const, registers: [registry] });
  return {
    registry,
    events: {
      connected: (c) => connected.inc({ stream: c.kind }),
      disconnected: (c) => connected.dec({ stream: c.kind }),
      pushed: (type, ms) => { pushes.inc({ type }); pushTime.observe({ type }, ms / 1000); },
      nacked: (type) => nacks.inc({ type }),
      converged: (type, ms) => convergence.observe({ type }, ms / 1000),
      encodeProblem: (p) => encodeErrors.inc({ type: p.type, fatal: String(p.fatal) }),
    },
  };
}
