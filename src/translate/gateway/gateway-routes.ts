/**
 * Gateway RDS (`http.<port>`, `https.<port>.<portName>.<gw>.<ns>`) — Istio networking/core/gateway.go
 * `buildGatewayHTTPRouteConfig`: routes of every bound VS whose hosts intersect the server hosts,
 * concatenated per host (catch-alls last), `require_tls` for httpsRedirect, identical vhosts collapsed,
 * `blackhole:<port>` when nothing binds.
 */
import type { Route, RouteConfiguration, VirtualHost } from '../../envoy/types.ts';
import { hostsMatch, isWildcard } from '../../model/hosts.ts';
import type { ProxyView, VirtualServiceEntry } from '../../model/types.ts';
import { blackholeVirtualHostName, virtualHostName } from '../names.ts';
import { mergeDelegates } from '../routes/delegate-merge.ts';
import { proxyRouteContext } from '../routes/proxy-route-context.ts';
import { buildVirtualServiceRoutes, sortVirtualHostRoutes } from '../routes/virtual-service-routes.ts';
import { serverHostName, serverHostsForNamespace, type GatewayServer } from './gateway-servers.ts';

/** `Names.Intersection`: for each matching pair keep the more specific name. */
export function hostIntersection(server: readonly string[], vs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of server) {
    for (const v of vs) {
      if (!hostsMatch(s, v)) continue;
      if (!isWildcard(v)) out.add(v);
      else if (!isWildcard(s)) out.add(s);
      else out.add(s.length >= v.length ? s : v);
    }
  }
  return [...out];
}

interface VhostDraft { hostname: string; port: number; routes: Route[]; requireTls: boolean; key: string }

/** Vhosts with identical route lists (same VS set) collapse into one named after the first host. */
function collapse(drafts: VhostDraft[]): VirtualHost[] {
  const groups = new Map<string, VhostDraft[]>();
  for (const d of drafts) {
    const k = `${d.key}|${d.requireTls}|${d.port}`;
    const g = groups.get(k);
    if (g) g.push(d); else groups.set(k, [d]);
  }
  const out: VirtualHost[] = [];
  for (const g of groups.values()) {
    if (g.length === 1 || !g[0]!.key) { for (const d of g) out.push(vhostOf(d, [d.hostname])); continue; }
    const hosts = g.map((d) => d.hostname).sort();
    out.push(vhostOf(g.find((d) => d.hostname === hosts[0])!, hosts));
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function vhostOf(d: VhostDraft, domains: string[]): VirtualHost {
  // Routes from one VS are already in order (catch-alls truncate); merged VSes move catch-alls last.
  const vh: VirtualHost = { name: virtualHostName(d.hostname, d.port), domains, routes: d.key.includes(',') ? sortVirtualHostRoutes(d.routes) : d.routes };
  if (d.requireTls) vh.require_tls = 'ALL';
  vh.include_request_attempt_count = true;
  return vh;
}

export function buildGatewayRouteConfig(view: ProxyView, name: string, servers: readonly GatewayServer[]): RouteConfiguration {
  const drafts = new Map<string, VhostDraft>();
  const cache = new Map<string, Route[]>();
  for (const s of servers) {
    const redirect = s.kind === 'http' && s.server.tls?.httpsRedirect === true;
    const vses: VirtualServiceEntry[] = view.virtualServices.filter((vs) => vs.gateways.includes(s.gatewayKey));
    const hostsByNs = new Map<string, string[]>();
    const ctx = { ...proxyRouteContext(view, { port: s.serverPort, gateways: [s.gatewayKey] }), isTls: s.server.tls != null };
    for (const vs of vses) {
      let allowed = hostsByNs.get(vs.namespace);
      if (!allowed) hostsByNs.set(vs.namespace, (allowed = serverHostsForNamespace(s.hosts, vs.namespace)));
      const hosts = hostIntersection(allowed, vs.hosts);
      if (!hosts.length) continue;
      const ck = `${vs.namespace}/${vs.name}|${s.gatewayKey}|${s.serverPort}`;
      let routes = cache.get(ck);
      if (!routes) {
        routes = buildVirtualServiceRoutes({ name: vs.name, namespace: vs.namespace, http: mergeDelegates(vs, view), pathSeparatedPrefix: vs.pathSeparatedPrefix }, ctx);
        cache.set(ck, routes);
      }
      for (const h of hosts) {
        const d = drafts.get(h);
        if (d) { d.routes = [...d.routes, ...routes]; d.key += `,${ck}`; if (redirect) d.requireTls = true; }
        else drafts.set(h, { hostname: h, port: s.serverPort, routes, requireTls: redirect, key: ck });
      }
    }
    if (redirect) {
      for (const raw of s.hosts) {
        const h = serverHostName(raw);
        const d = drafts.get(h);
        if (d) d.requireTls = true;
        else drafts.set(h, { hostname: h, port: s.serverPort, routes: [], requireTls: true, key: '' });
      }
    }
  }
  const vhosts: VirtualHost[] = drafts.size
    ? collapse([...drafts.values()])
    : [{ name: blackholeVirtualHostName(servers[0]?.serverPort ?? 0), domains: ['*'], routes: [] }];
  return { name, virtual_hosts: vhosts, validate_clusters: false, ignore_port_in_host_matching: true };
}
