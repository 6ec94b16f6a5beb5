/**
 * Sidecar outbound RDS: route configuration `"<port>"` (or `<fqdn>:<port>` for a sniffed VIP listener)
 * — Istio `buildSidecarOutboundHTTPRouteConfig`, `BuildSidecarOutboundVirtualHosts`,
 * `BuildSidecarVirtualHostWrapper`, `separateVSHostsAndServices` (networking/core/httproute.go,
 * route/route.go).
 */
import type { Json, Route, RouteConfiguration, VirtualHost } from '../../envoy/types.ts';
import { hostsMatch, isWildcard } from '../../model/hosts.ts';
import { isHttpProtocol } from '../../model/protocol.ts';
import type { EgressListener, ProxyView, Service, ServicePort, VirtualServiceEntry } from '../../model/types.ts';
import { ALLOW_ANY_VHOST, BLOCK_ALL_VHOST, DEFAULT_ROUTE, PASSTHROUGH_CLUSTER, outboundClusterName, virtualHostName } from '../names.ts';
import { ALLOW_ANY_DYNAMIC_DNS_CLUSTER } from '../names.ts';
import { usesAllowAnyDynamicDns } from '../clusters/dynamic-forward-proxy.ts';
import { mergeDelegates } from './delegate-merge.ts';
import { hashPolicyFor } from './hash-policy.ts';
import { proxyRouteContext } from './proxy-route-context.ts';
import { convertRetryPolicy } from './retry-policy.ts';
import { buildVirtualServiceRoutes } from './virtual-service-routes.ts';
import { DomainDeduper } from './virtual-host-domains.ts';
import { defaultCandidates, portEntry, portRegistry, type PortEntry, type ServicePortNames } from './service-vhost-cache.ts';

export const MAX_DIRECT_RESPONSE_BODY = 1048576;

const httpOrSniffed = (p: ServicePort): boolean => isHttpProtocol(p.protocol) || p.protocol === 'Unsupported';

/** Istio `GetEgressListenerForRDS`: the listener for the port, else the catch-all. */
export function egressListenerFor(view: ProxyView, port: number): EgressListener | undefined {
  const eg = view.sidecarScope.egress;
  return eg.find((e) => e.port?.number === port) ?? eg.find((e) => !e.port);
}

interface VhostWrapper {
  port: number;
  services: Service[];
  /** Per service: its cached domains and per-port names. */
  entries: PortEntry[];
  vsHosts: string[];
  routes: Route[];
}

/**
 * Istio `computeWildcardHostVirtualServiceIndex`: for each service host, the VS that most specifically
 * matches it — an exact host first (the oldest VS naming it), else the longest wildcard. A wildcard VS
 * only claims services it is the most specific match for.
 */
function mostSpecificWildcardIndex(vses: readonly VirtualServiceEntry[], services: readonly Service[]): Map<string, VirtualServiceEntry> {
  const exact = new Map<string, VirtualServiceEntry>(), wild = new Map<string, VirtualServiceEntry>();
  for (const vs of vses) for (const h of vs.hosts) {
    const idx = isWildcard(h) ? wild : exact;
    if (!idx.has(h)) idx.set(h, vs);
  }
  const out = new Map<string, VirtualServiceEntry>();
  for (const svc of services) {
    const e = exact.get(svc.hostname);
    if (e) { out.set(svc.hostname, e); continue; }
    let best: string | undefined;
    for (const h of wild.keys()) if (hostsMatch(h, svc.hostname) && (best === undefined || h.length > best.length)) best = h;
    if (best !== undefined) out.set(svc.hostname, wild.get(best)!);
  }
  return out;
}

function separateHostsAndServices(vs: VirtualServiceEntry, registry: ReadonlyMap<string, Service>, wildcardIndex: Map<string, VirtualServiceEntry>): { hosts: string[]; services: Service[] } {
  const hosts: string[] = [], services: Service[] = [];
  for (const h of vs.hosts) {
    if (isWildcard(h)) continue;
    const svc = registry.get(h);
    if (svc) services.push(svc); else hosts.push(h);
  }
  for (const h of vs.hosts) {
    if (!isWildcard(h)) continue;
    let found = false;
    for (const [svcHost, svc] of registry) {
      if (hostsMatch(h, svcHost) && wildcardIndex.get(svcHost) === vs) { services.push(svc); found = true; }
    }
    if (!found) hosts.push(h);
  }
  return { hosts, services };
}

/** `BuildDefaultHTTPOutboundRoute`: route `default` to the service cluster. */
export function defaultOutboundRoute(view: ProxyView, svc: Service, port: number): Route {
  return defaultRouteFor(view, svc, port, portEntry(view, svc, port).names);
}

function defaultRouteFor(view: ProxyView, svc: Service, port: number, names: ServicePortNames): Route {
  // The DR lookup and policies depend only on the (frozen) view, service and port: computed once.
  if (!names.defaults) {
    const h = hashPolicyFor(view.destinationRule(svc.hostname, svc.namespace), undefined, port);
    const r = convertRetryPolicy(undefined, view.model.meshConfig.defaultHttpRetryPolicy as Json | undefined, Boolean(h));
    names.defaults = { hash: h && Object.freeze(h.map((x) => Object.freeze(x))) as Json[], retry: r };
  }
  const { hash, retry } = names.defaults;
  const action: Json = { cluster: names.cluster, timeout: '0s' };
  if (retry) action.retry_policy = retry;
  if (hash) action.hash_policy = hash;
  action.max_grpc_timeout = '0s';
  return { name: DEFAULT_ROUTE, match: { prefix: '/' }, route: action, decorator: { operation: names.operation } };
}

function buildWrappers(view: ProxyView, egress: EgressListener, listenerPort: number): VhostWrapper[] {
  const { registry, sorted } = portRegistry(egress, listenerPort);
  let vses = egress.virtualServices.filter((vs) => vs.gateways.includes('mesh') && !vs.delegate);
  // A hack kept from istiod: on port 80, VSes naming only unknown hosts still get vhosts.
  if (listenerPort !== 80) vses = vses.filter((vs) => vs.hosts.some((h) => (isWildcard(h) ? sorted.some((s) => hostsMatch(h, s.hostname)) : registry.has(h))));
  const wildcardIndex = mostSpecificWildcardIndex(vses, sorted);
  const ctx = proxyRouteContext(view, { port: listenerPort, gateways: ['mesh'] });
  const out: VhostWrapper[] = [];
  const covered = new Set<string>();
  for (const vs of vses) {
    const http = mergeDelegates(vs, view);
    const routes = buildVirtualServiceRoutes({ name: vs.name, namespace: vs.namespace, http, pathSeparatedPrefix: vs.pathSeparatedPrefix, gatewaySemantics: vs.gatewaySemantics }, ctx);
    if (routes.length === 0) continue;
    const { hosts, services } = separateHostsAndServices(vs, registry, wildcardIndex);
    // Only wrappers for the listener port are kept (istiod builds all ports, then picks this one).
    let anyHttpPort = false;
    const svcs: Service[] = [];
    for (const svc of services) {
      covered.add(svc.hostname);
      for (const p of svc.ports) {
        if (!httpOrSniffed(p)) continue;
        anyHttpPort = true;
        if (p.port === listenerPort) svcs.push(svc);
      }
    }
    if (svcs.length) out.push({ port: listenerPort, services: svcs, entries: svcs.map((x) => portEntry(view, x, listenerPort)), vsHosts: hosts, routes });
    else if (!anyHttpPort && listenerPort === 80) out.push({ port: 80, services: [], entries: [], vsHosts: hosts, routes });
  }
  // Services no VS claims: one vhost each with the default route (one per matching HTTP port entry).
  for (const c of defaultCandidates(view, egress, sorted, listenerPort, httpOrSniffed)) {
    if (covered.has(c.svc.hostname)) continue;
    out.push({ port: listenerPort, services: [c.svc], entries: [c], vsHosts: [], routes: [defaultRouteFor(view, c.svc, listenerPort, c.names)] });
  }
  return out;
}

/** Virtual hosts of RDS `"<port>"` (before the catch-all), Istio order and dedupe. */
export function sidecarVirtualHosts(view: ProxyView, listenerPort: number): VirtualHost[] {
  const egress = egressListenerFor(view, listenerPort);
  if (!egress) return [];
  const wrappers = buildWrappers(view, egress, listenerPort);
  const names = new Set<string>();
  const dd = new DomainDeduper();
  for (const w of wrappers) for (const e of w.entries) { dd.knownFqdn.add(e.names.name); dd.knownFqdn.add(e.svc.hostname); }
  const out: VirtualHost[] = [];
  const build = (host: string, w: VhostWrapper, e?: PortEntry): void => {
    const name = e ? e.names.name : virtualHostName(host, w.port);
    if (names.has(name)) return;
    names.add(name);
    const kept = e ? dd.dedupeFlagged(e.info.domains, e.info.altFlags) : dd.dedupe([host], []);
    if (kept.length) out.push({ name, domains: kept, routes: w.routes, include_request_attempt_count: true });
  };
  for (const w of wrappers) {
    if (w.routes.length === 0) continue;
    for (const h of w.vsHosts) build(h, w);
    for (const e of w.entries) build(e.svc.hostname, w, e);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The `allow_any` (ALLOW_ANY) or `block_all` (REGISTRY_ONLY) catch-all vhost. */
export function catchAllVirtualHost(view: ProxyView): VirtualHost {
  const otp = view.sidecarScope.outboundTrafficPolicy;
  if (otp.mode === 'REGISTRY_ONLY') {
    return { name: BLOCK_ALL_VHOST, domains: ['*'], routes: [{ name: BLOCK_ALL_VHOST, match: { prefix: '/' }, direct_response: { status: 502 } }], include_request_attempt_count: true };
  }
  const egp = otp.egressProxy;
  // ALLOW_ANY_DYNAMIC_DNS: unknown HTTP goes to the dynamic forward proxy (the HCM carries its filter).
  const fallback = usesAllowAnyDynamicDns(view) ? ALLOW_ANY_DYNAMIC_DNS_CLUSTER : PASSTHROUGH_CLUSTER;
  const cluster = egp ? outboundClusterName(egp.port?.number ?? 0, egp.host, egp.subset ?? '') : fallback;
  return {
    name: ALLOW_ANY_VHOST,
    domains: ['*'],
    routes: [{ name: ALLOW_ANY_VHOST, match: { prefix: '/' }, route: { cluster, timeout: '0s', max_grpc_timeout: '0s' } }],
    include_request_attempt_count: true,
  };
}

/** RDS `"<port>"`. */
export function buildSidecarRouteConfig(view: ProxyView, port: number): RouteConfiguration {
  return {
    name: String(port),
    virtual_hosts: [...sidecarVirtualHosts(view, port), catchAllVirtualHost(view)],
    validate_clusters: false,
    max_direct_response_body_size_bytes: MAX_DIRECT_RESPONSE_BODY,
    ignore_port_in_host_matching: true,
  };
}

/** RDS `<fqdn>:<port>` of a sniffed (auto-protocol) listener bound to a VIP: only that host, domains `*`. */
export function buildSniffedRouteConfig(view: ProxyView, host: string, port: number): RouteConfiguration {
  const name = virtualHostName(host, port);
  const vh = sidecarVirtualHosts(view, port).filter((v) => v.name === name).map((v) => ({ ...v, domains: ['*'] }));
  return { name, virtual_hosts: vh, validate_clusters: false, max_direct_response_body_size_bytes: MAX_DIRECT_RESPONSE_BODY, ignore_port_in_host_matching: true };
}
