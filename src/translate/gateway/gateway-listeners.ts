/**
 * Gateway listeners `0.0.0.0_<targetPort>` (Istio networking/core/gateway.go `buildGatewayListeners`,
 * `createGatewayHTTPFilterChainOpts`, `createGatewayTCPFilterChainOpts`): one HCM chain for plaintext
 * HTTP, one TLS-terminating chain per HTTPS server (server_names = hosts), SNI chains for PASSTHROUGH
 * from VS `tls` routes, AUTO_PASSTHROUGH chains per service/port/subset, tcp_proxy for TCP servers.
 */
import type { FilterChain, Json, Listener } from '../../envoy/types.ts';
import { hostsMatch } from '../../model/hosts.ts';
import type { ProxyView } from '../../model/types.ts';
import { dnsSrvClusterName, listenerName } from '../names.ts';
import { proxyRouteContext } from '../routes/proxy-route-context.ts';
import { staticMatchApplies } from '../routes/route-match.ts';
import { ALL_ISTIO_MTLS_ALPNS } from '../listeners/inbound-chains.ts';
import { gatewayDownstreamTls, httpConnectionManager, listenerFilter, namedChain, socketAddress, tcpProxy } from '../listeners/network-filters.ts';
import { hostIntersection } from './gateway-routes.ts';
import { serverHostName, serverHostsForNamespace, type GatewayListenerPlan, type GatewayServer } from './gateway-servers.ts';

const sniNames = (hosts: readonly string[]): string[] | undefined => {
  const names = [...new Set(hosts.map(serverHostName))].filter((h) => h !== '*').sort();
  return names.length ? names : undefined;
};

/** Destinations of a VS tcp/tls rule → tcp_proxy filter. */
function proxyFor(view: ProxyView, s: GatewayServer, rule: Json, vsNs: string, vsName: string): Json | undefined {
  const ctx = proxyRouteContext(view, { port: s.serverPort, gateways: [s.gatewayKey] });
  const dests = (rule.route ?? []).filter((d: Json) => d?.destination?.host).map((d: Json) => ({
    name: ctx.cluster(ctx.resolveHost(d.destination.host, vsNs), d.destination.subset, d.destination.port?.number !== undefined ? Number(d.destination.port.number) : undefined),
    weight: Number(d.weight ?? 0),
  }));
  if (!dests.length) return undefined;
  return dests.length === 1 ? tcpProxy(dests[0].name, dests[0].name) : tcpProxy(`${vsName}.${vsNs}`, dests.filter((d: Json) => d.weight > 0));
}

function passthroughChains(view: ProxyView, s: GatewayServer, seen: Set<string>): FilterChain[] {
  const out: FilterChain[] = [];
  for (const vs of view.virtualServices.filter((v) => v.gateways.includes(s.gatewayKey) && Array.isArray(v.spec.tls))) {
    const allowed = serverHostsForNamespace(s.hosts, vs.namespace);
    if (!hostIntersection(allowed, vs.hosts).length) continue;
    const ctx = proxyRouteContext(view, { port: s.serverPort, gateways: [s.gatewayKey] });
    for (const rule of vs.spec.tls as Json[]) {
      for (const m of (rule.match ?? []) as Json[]) {
        if (!staticMatchApplies(m, ctx, vs.namespace)) continue;
        const sni = hostIntersection(allowed, m.sniHosts ?? []).sort();
        if (!sni.length) continue;
        const key = sni.join(',');
        if (seen.has(key)) continue; // duplicate SNI on a port: the first wins
        seen.add(key);
        const f = proxyFor(view, s, rule, vs.namespace, vs.name);
        if (f) out.push(namedChain(undefined, { server_names: sni }, [f]));
      }
    }
  }
  return out;
}

function autoPassthroughChains(view: ProxyView, s: GatewayServer): FilterChain[] {
  const out: FilterChain[] = [];
  const hosts = s.hosts.map(serverHostName);
  for (const svc of view.services) {
    if (svc.meshExternal || !hosts.some((h) => hostsMatch(h, svc.hostname))) continue;
    const dr = view.destinationRule(svc.hostname, svc.namespace);
    const subsets: string[] = ['', ...((dr?.spec.subsets ?? []) as Json[]).map((x) => String(x.name ?? '')).filter(Boolean)];
    for (const sp of svc.ports) {
      for (const subset of subsets) {
        const name = dnsSrvClusterName(sp.port, svc.hostname, subset);
        out.push(namedChain(undefined, { server_names: [name], application_protocols: [...ALL_ISTIO_MTLS_ALPNS] }, [tcpProxy(name, name)]));
      }
    }
  }
  return out;
}

function tcpServerChains(view: ProxyView, s: GatewayServer, extra: Json): FilterChain[] {
  // A TLS-terminating server also takes `tls` rules (TLSRoute-generated VSes); plain TCP only `tcp`.
  const field = (v: Json): Json[] => [...(v.spec.tcp ?? []), ...(s.kind === 'tls-terminate' ? v.spec.tls ?? [] : [])];
  for (const vs of view.virtualServices.filter((v) => v.gateways.includes(s.gatewayKey) && field(v).length)) {
    if (!hostIntersection(serverHostsForNamespace(s.hosts, vs.namespace), vs.hosts).length) continue;
    const ctx = proxyRouteContext(view, { port: s.serverPort, gateways: [s.gatewayKey] });
    for (const rule of field(vs)) {
      const blocks: Json[] = rule.match ?? [];
      if (blocks.length && !blocks.some((m) => staticMatchApplies(m, ctx, vs.namespace))) continue;
      const f = proxyFor(view, s, rule, vs.namespace, vs.name);
      if (f) return [namedChain(undefined, undefined, [f], extra)];
    }
  }
  return [];
}

function chainsFor(view: ProxyView, plan: GatewayListenerPlan, s: GatewayServer, name: string, seen: Set<string>): FilterChain[] {
  const statPrefix = `outbound_${name}`;
  switch (s.kind) {
    case 'http':
      return [];
    case 'https': {
      const alpn = ['h2', 'http/1.1'];
      const sni = sniNames(s.hosts);
      // Two terminating servers with the same hosts on one port give identical chain matches: istiod
      // emits both (Envoy then rejects the listener; TestGatewayConflicts/duplicate tls gateway), so do we.
      return [namedChain(undefined, sni ? { server_names: sni } : undefined,
        [httpConnectionManager({ statPrefix, rds: s.rds!, useRemoteAddress: true })],
        { transport_socket: gatewayDownstreamTls(s.server.tls ?? {}, alpn) })];
    }
    case 'tls-passthrough':
      return passthroughChains(view, s, seen);
    case 'auto-passthrough':
      return autoPassthroughChains(view, s);
    case 'tls-terminate': {
      const sni = sniNames(s.hosts);
      return tcpServerChains(view, s, { transport_socket: gatewayDownstreamTls(s.server.tls ?? {}, []) }).map((c) => (sni ? { ...c, filter_chain_match: { server_names: sni } } : c));
    }
    case 'tcp':
      return plan.servers[0] === s ? tcpServerChains(view, s, {}) : [];
  }
}

export function buildGatewayListener(view: ProxyView, plan: GatewayListenerPlan): Listener | undefined {
  const name = listenerName(plan.bind, plan.port);
  const chains: FilterChain[] = [];
  const http = plan.servers.filter((s) => s.kind === 'http');
  if (http.length) chains.push(namedChain(undefined, undefined, [httpConnectionManager({ statPrefix: `outbound_${name}`, rds: http[0]!.rds!, useRemoteAddress: true })]));
  const seen = new Set<string>();
  for (const s of plan.servers) chains.push(...chainsFor(view, plan, s, name, seen));
  if (!chains.length) return undefined;
  const l: Listener = { name, address: socketAddress(plan.bind, plan.port), filter_chains: chains };
  if (!plan.plaintext) l.listener_filters = [listenerFilter('envoy.filters.listener.tls_inspector')];
  l.traffic_direction = 'OUTBOUND';
  return l;
}

/** Route config names the gateway listeners reference, with their servers. */
export function gatewayRouteServers(plans: readonly GatewayListenerPlan[]): Map<string, GatewayServer[]> {
  const out = new Map<string, GatewayServer[]>();
  for (const p of plans) for (const s of p.servers) if (s.rds) out.set(s.rds, [...(out.get(s.rds) ?? []), s]);
  return out;
}
