/**
 * Sidecar inbound clusters `inbound|<targetPort>||` (Istio `buildInboundClusters`, `buildInboundCluster`):
 * default inbound traffic policy PASSTHROUGH → ORIGINAL_DST binding 127.0.0.6; Sidecar `ingress[]`
 * replaces the service-derived ports (`defaultEndpoint` 127.0.0.1:P → STATIC localhost, 0.0.0.0:P →
 * STATIC pod IP, unix:// → STATIC pipe, empty → ORIGINAL_DST). Connection pool from the service's DR
 * (inbound ignores selector DRs), overridden by the Sidecar's inboundConnectionPool / ingress connectionPool.
 */
import type { Cluster, Json } from '../../envoy/types.ts';
import type { InboundPort, ProxyView, Service } from '../../model/types.ts';
import { isHttp2Protocol, parseProtocol } from '../../model/protocol.ts';
import { lookupDestinationRule } from '../../model/destination-rules.ts';
import { INBOUND_PASSTHROUGH_BIND_IPV4, altStatName, inboundClusterName } from '../names.ts';
import { durationString } from '../routes/durations.ts';
import { clusterMetadata } from './common.ts';
import { applyConnectionPool, finishHttpOptions, type HttpOptions } from './connection-pool.ts';
import { clusterTrafficPolicy } from './traffic-policy.ts';
import { orderKeys } from './outbound.ts';

interface InboundSpec {
  readonly port: number;
  readonly services: readonly Service[];
  readonly h2: boolean;
  readonly sniff: boolean;
  readonly defaultEndpoint?: string;
  readonly connectionPool?: Json;
}

function staticEndpoint(name: string, address: string, port?: number): Json {
  const addr = address.startsWith('unix://') ? { pipe: { path: address.slice('unix://'.length) } } : { socket_address: { address, port_value: port ?? 0 } };
  return { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address: addr } }] }] };
}

function inboundCluster(view: ProxyView, s: InboundSpec): Cluster {
  const name = inboundClusterName(s.port);
  const c: Cluster = { name, connect_timeout: durationString(view.model.meshConfig.connectTimeout) };
  const de = s.defaultEndpoint;
  if (de && de.startsWith('unix://')) {
    Object.assign(c, { type: 'STATIC', lb_policy: 'LEAST_REQUEST', load_assignment: staticEndpoint(name, de) });
  } else if (de) {
    const i = de.lastIndexOf(':');
    const host = de.slice(0, i), port = Number(de.slice(i + 1));
    const addr = host === '0.0.0.0' ? (view.proxy.ips[0] ?? '127.0.0.1') : host;
    Object.assign(c, { type: 'STATIC', lb_policy: 'LEAST_REQUEST', load_assignment: staticEndpoint(name, addr, port) });
  } else {
    Object.assign(c, { type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED', upstream_bind_config: { source_address: { address: INBOUND_PASSTHROUGH_BIND_IPV4, port_value: 0 } } });
  }
  const http: HttpOptions = {};
  if (s.h2) http.protocol = { explicit: 'h2' };
  else if (s.sniff) http.protocol = { downstream: true };
  applyConnectionPool(c, http, s.connectionPool);
  c.common_lb_config = {};
  c.alt_stat_name = altStatName(name);
  const svcs = s.services.map((svc) => clusterMetadata(svc, undefined, undefined).filter_metadata.istio.services[0]);
  c.metadata = { filter_metadata: { istio: svcs.length > 0 ? { services: svcs } : {} } };
  finishHttpOptions(c, http);
  return orderKeys(c);
}

/** Connection pool for an inbound port: the service's DR (no selector DRs), then the Sidecar overrides. */
function inboundPool(view: ProxyView, svc: Service | undefined, servicePort: number, override?: Json): Json | undefined {
  if (override) return override;
  const sidecarPool = view.sidecarScope.sidecar?.spec.inboundConnectionPool;
  if (sidecarPool) return sidecarPool;
  if (!svc) return undefined;
  const dr = lookupDestinationRule(
    { namespaceLocal: view.model.index.drNamespaceLocal, exportedByNamespace: view.model.index.drExportedByNamespace },
    { proxyNamespace: view.proxy.namespace, proxyLabels: view.proxy.labels, rootNamespace: view.model.rootNamespace, hostname: svc.hostname, serviceNamespace: svc.namespace, direction: 'inbound' },
  );
  return clusterTrafficPolicy(dr, servicePort)?.connectionPool;
}

function specsFromServices(view: ProxyView, inbound: readonly InboundPort[]): InboundSpec[] {
  const byPort = new Map<number, InboundPort[]>();
  for (const ip of inbound) {
    const l = byPort.get(ip.targetPort);
    if (l) l.push(ip);
    else byPort.set(ip.targetPort, [ip]);
  }
  return [...byPort.entries()].sort((a, b) => a[0] - b[0]).map(([port, list]) => {
    const first = list[0]!;
    const pool = inboundPool(view, first.service, first.servicePort.port);
    return {
      port,
      services: list.map((l) => l.service),
      h2: isHttp2Protocol(first.servicePort.protocol),
      sniff: first.servicePort.protocol === 'Unsupported',
      ...(pool ? { connectionPool: pool } : {}),
    };
  });
}

function specsFromIngress(view: ProxyView): InboundSpec[] {
  return view.sidecarScope.ingress.map((ing: Json) => {
    const port = Number(ing.port?.number);
    const protocol = parseProtocol(ing.port?.protocol);
    const svcs = view.inbound.filter((i) => i.targetPort === port).map((i) => i.service);
    const pool = inboundPool(view, svcs[0], port, ing.connectionPool);
    return {
      port,
      services: svcs,
      h2: isHttp2Protocol(protocol),
      sniff: protocol === 'Unsupported',
      ...(ing.defaultEndpoint ? { defaultEndpoint: String(ing.defaultEndpoint) } : {}),
      ...(pool ? { connectionPool: pool } : {}),
    };
  });
}

export function buildInboundClusters(view: ProxyView): Cluster[] {
  if (view.isRouter) return [];
  const specs = view.sidecarScope.ingress.length > 0 ? specsFromIngress(view) : specsFromServices(view, view.inbound);
  const seen = new Set<number>();
  return specs.filter((s) => Number.isInteger(s.port) && !seen.has(s.port) && (seen.add(s.port), true)).map((s) => inboundCluster(view, s));
}
