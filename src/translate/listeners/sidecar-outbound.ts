/**
 * Sidecar outbound listeners, one per bind:port (Istio networking/core/listener.go
 * `buildSidecarOutboundListeners`): HTTP ports share `0.0.0.0_<port>` (RDS `"<port>"`), TCP/TLS ports
 * bind `<VIP>_<port>`, auto (sniffed) ports get an HCM chain plus a TCP chain, headless TCP ports one
 * listener per endpoint IP.
 */
import type { FilterChain, Json, Listener } from '../../envoy/types.ts';
import { isHttpProtocol } from '../../model/protocol.ts';
import type { EgressListener, Protocol, ProxyView, Service } from '../../model/types.ts';
import { BLACKHOLE_CLUSTER, PASSTHROUGH_CLUSTER, PASSTHROUGH_FILTER_CHAIN, listenerName, outboundClusterName, sniffedRouteConfigName } from '../names.ts';
import { proxyRouteContext } from '../routes/proxy-route-context.ts';
import { outboundDfpHttpFilters } from '../clusters/dynamic-forward-proxy.ts';
import { cidrRange } from './cidr.ts';
import { tcpChainsFor, tlsChainsFor } from './tcp-routes.ts';
import { httpConnectionManager, listenerFilter, namedChain, socketAddress, tcpProxy } from './network-filters.ts';

export const PLAINTEXT_HTTP_ALPNS = ['http/1.1', 'h2c'];

type Kind = 'http' | 'tcp' | 'tls' | 'auto';

interface Pending {
  bind: string;
  port: number;
  http: boolean;
  /** An auto (sniffed) port or HTTP merged with TCP: the HCM chain is selected by ALPN only. */
  sniffed: boolean;
  /** RDS of the HCM chain: `"<port>"` or `<fqdn>:<port>`. */
  rds?: string;
  chains: FilterChain[];
  sni: boolean;
  /** Protocols of the service ports merged here (for the well-known-port conflict rule). */
  protocols: Set<Protocol>;
  /** Sidecar egress listener with `bind` / `captureMode: NONE`: the listener binds its port. */
  bound: boolean;
}

const WELL_KNOWN: ReadonlySet<Protocol> = new Set<Protocol>(['Mongo', 'MySQL']);

/** Istio `isConflictWithWellKnownPort`: Mongo/MySQL ports never share a listener with another protocol. */
function conflictsWithWellKnown(existing: ReadonlySet<Protocol>, incoming: Protocol): boolean {
  if (existing.size === 0 || existing.has(incoming)) return false;
  return WELL_KNOWN.has(incoming) || [...existing].some((p) => WELL_KNOWN.has(p));
}

function kindOf(p: Protocol): Kind | undefined {
  if (p === 'UDP') return undefined;
  if (isHttpProtocol(p)) return 'http';
  if (p === 'HTTPS' || p === 'TLS') return 'tls';
  if (p === 'Unsupported') return 'auto';
  return 'tcp';
}

const isIp = (a: string): boolean => /^[0-9.]+$/.test(a) || (a.includes(':') && !a.includes('/'));

/** Where a service port binds: VIP, 0.0.0.0 (+ prefix ranges for CIDRs). */
function bindsFor(view: ProxyView, svc: Service, port: number, kind: Kind): { bind: string; ranges?: Json[] }[] {
  if (kind === 'http') return [{ bind: '0.0.0.0' }];
  if (svc.headless && svc.kind === 'Service') {
    const own = new Set(view.proxy.ips);
    const ips = [...new Set(view.endpoints(svc, port).map((e) => e.address))].filter((ip) => isIp(ip) && !own.has(ip)).sort();
    return ips.map((ip) => ({ bind: ip }));
  }
  const addr = svc.addresses[0];
  if (!addr || addr === '0.0.0.0') return [{ bind: '0.0.0.0' }];
  if (addr.includes('/')) return [{ bind: '0.0.0.0', ranges: [cidrRange(addr)] }];
  return [{ bind: addr }];
}

function passthroughChain(view: ProxyView): FilterChain {
  const cluster = view.sidecarScope.outboundTrafficPolicy.mode === 'REGISTRY_ONLY' ? BLACKHOLE_CLUSTER : PASSTHROUGH_CLUSTER;
  return namedChain(PASSTHROUGH_FILTER_CHAIN, undefined, [tcpProxy(cluster, cluster)]);
}

function addServicePort(view: ProxyView, egress: EgressListener, svc: Service, port: number, protocol: Protocol, acc: Map<string, Pending>): void {
  const kind = kindOf(protocol);
  if (!kind || svc.resolution === 'Alias') return;
  const ctx = proxyRouteContext(view, { port, gateways: ['mesh'] });
  const cluster = outboundClusterName(port, svc.hostname);
  for (const { bind: b, ranges } of bindsFor(view, svc, port, kind)) {
    const bind = egress.bind ?? b;
    const key = listenerName(bind, port);
    let p = acc.get(key);
    if (!p) acc.set(key, (p = { bind, port, http: false, sniffed: false, chains: [], sni: false, protocols: new Set(), bound: !!egress.bind || egress.captureMode === 'NONE' }));
    if (conflictsWithWellKnown(p.protocols, protocol)) continue;
    p.protocols.add(protocol);
    const match = ranges ? { prefix_ranges: ranges } : undefined;
    if (kind === 'http' || kind === 'auto') {
      p.http = true;
      if (!p.rds) p.rds = bind === '0.0.0.0' || kind === 'http' ? String(port) : sniffedRouteConfigName(svc.hostname, port);
    }
    if (kind === 'auto') p.sniffed = true;
    if (kind === 'tcp' || kind === 'auto') {
      const chains = tcpChainsFor(svc, port, egress.virtualServices, ctx, cluster, match);
      addChains(p, chains);
    } else if (kind === 'tls') {
      const chains = tlsChainsFor(svc, egress.virtualServices, ctx, cluster, bind === '0.0.0.0', match);
      addChains(p, chains);
      p.sni = true;
    }
  }
}

/** A later chain with the same match as an earlier one is dropped (first service wins). */
function addChains(p: Pending, chains: FilterChain[]): void {
  for (const c of chains) {
    const key = JSON.stringify(c.filter_chain_match ?? {});
    if (p.chains.some((x) => JSON.stringify(x.filter_chain_match ?? {}) === key)) continue;
    if (c.filter_chain_match?.server_names) p.sni = true;
    p.chains.push(c);
  }
}

function finish(view: ProxyView, p: Pending): Listener {
  const name = listenerName(p.bind, p.port);
  const chains: FilterChain[] = [];
  const filters: Json[] = [];
  const sniffed = p.http && (p.sniffed || p.chains.length > 0);
  if (p.http) {
    const hcm = httpConnectionManager({ statPrefix: `outbound_${name}`, rds: p.rds!, extraHttpFilters: outboundDfpHttpFilters(view) });
    // Sniffed listeners pick the HCM chain by the ALPN http_inspector sets; TLS is not inspected there.
    const match: Json = sniffed ? { application_protocols: PLAINTEXT_HTTP_ALPNS } : { transport_protocol: 'raw_buffer', application_protocols: PLAINTEXT_HTTP_ALPNS };
    chains.push(namedChain(undefined, match, [hcm]));
    if (!sniffed || p.sni) filters.push(listenerFilter('envoy.filters.listener.tls_inspector'));
    filters.push(listenerFilter('envoy.filters.listener.http_inspector'));
  } else if (p.sni) {
    filters.push(listenerFilter('envoy.filters.listener.tls_inspector'));
  }
  chains.push(...p.chains);
  const l: Listener = { name, address: socketAddress(p.bind, p.port), filter_chains: chains };
  const catchAll = chains.some((c) => !c.filter_chain_match || Object.keys(c.filter_chain_match).length === 0);
  if (!catchAll && p.bind === '0.0.0.0') l.default_filter_chain = passthroughChain(view);
  if (filters.length) { l.listener_filters = filters; l.listener_filters_timeout = '0s'; l.continue_on_listener_filters_timeout = true; }
  l.traffic_direction = 'OUTBOUND';
  if (!p.bound) l.bind_to_port = false;
  return l;
}

/** Outbound listeners of a sidecar, sorted by name. */
export function buildSidecarOutboundListeners(view: ProxyView): Listener[] {
  const acc = new Map<string, Pending>();
  const egress = view.sidecarScope.egress;
  const claimed = new Set(egress.filter((e) => e.port).map((e) => e.port!.number));
  for (const e of [...egress.filter((x) => x.port), ...egress.filter((x) => !x.port)]) {
    for (const svc of e.services) {
      for (const sp of svc.ports) {
        if (e.port ? sp.port !== e.port.number : claimed.has(sp.port)) continue;
        addServicePort(view, e, svc, sp.port, e.port && e.port.protocol !== 'Unsupported' ? e.port.protocol : sp.protocol, acc);
      }
    }
  }
  return [...acc.values()].map((p) => finish(view, p)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Route configs the outbound listeners reference. */
export function outboundRouteConfigNames(listeners: readonly Listener[]): string[] {
  const names = new Set<string>();
  for (const l of listeners) for (const c of l.filter_chains ?? []) for (const f of c.filters ?? []) {
    const n = f.typed_config?.rds?.route_config_name;
    if (typeof n === 'string') names.add(n);
  }
  return [...names].sort();
}
