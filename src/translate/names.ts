/**
 * Every Envoy name Istio users know, built and parsed in one place.
 * Istio sources: `pilot/pkg/model/service.go` (BuildSubsetKey, BuildInboundSubsetKey, BuildDNSSrvSubsetKey,
 * ParseSubsetKey), `pilot/pkg/networking/util/util.go` (constants, getListenerName),
 * `pilot/pkg/networking/core/gateway.go` (gatewayRDSRouteName), `pkg/config/schema` (config paths).
 */

export const BLACKHOLE_CLUSTER = 'BlackHoleCluster';
export const PASSTHROUGH_CLUSTER = 'PassthroughCluster';
export const INBOUND_PASSTHROUGH_CLUSTER = 'InboundPassthroughCluster';
/** Mesh `outboundTrafficPolicy.mode: ALLOW_ANY_DYNAMIC_DNS`: the dynamic forward proxy cluster unknown HTTP goes to. */
export const ALLOW_ANY_DYNAMIC_DNS_CLUSTER = 'AllowAnyDynamicDNSCluster';
/** The DNS cache the ALLOW_ANY_DYNAMIC_DNS filter and cluster share (ours; Istio's name is not in our sources). */
export const ALLOW_ANY_DYNAMIC_DNS_CACHE = 'allow_any_dynamic_dns_dfp_dns_cache';
/** Older Istio (< 1.17) split the inbound passthrough cluster by IP family. */
export const INBOUND_PASSTHROUGH_CLUSTER_IPV4 = 'InboundPassthroughClusterIpv4';
export const INBOUND_PASSTHROUGH_CLUSTER_IPV6 = 'InboundPassthroughClusterIpv6';
export const VIRTUAL_OUTBOUND_LISTENER = 'virtualOutbound';
export const VIRTUAL_INBOUND_LISTENER = 'virtualInbound';
export const PASSTHROUGH_FILTER_CHAIN = 'PassthroughFilterChain';
export const VIRTUAL_OUTBOUND_BLACKHOLE_CHAIN = 'virtualOutbound-blackhole';
export const VIRTUAL_OUTBOUND_CATCHALL_TCP_CHAIN = 'virtualOutbound-catchall-tcp';
/** ALLOW_ANY_DYNAMIC_DNS only: sniffed plaintext HTTP on virtualOutbound (our name; Istio's is not in our sources). */
export const VIRTUAL_OUTBOUND_CATCHALL_HTTP_CHAIN = 'virtualOutbound-catchall-http';
export const VIRTUAL_INBOUND_BLACKHOLE_CHAIN = 'virtualInbound-blackhole';
export const VIRTUAL_INBOUND_CATCHALL_HTTP_CHAIN = 'virtualInbound-catchall-http';
/** Sidecar catch-all vhost/route names (ALLOW_ANY / REGISTRY_ONLY). */
export const ALLOW_ANY_VHOST = 'allow_any';
export const BLOCK_ALL_VHOST = 'block_all';
export const DEFAULT_ROUTE = 'default';
export const HTTP_PROXY_ROUTE_CONFIG = 'http_proxy';
export const VIRTUAL_OUTBOUND_PORT = 15001;
export const VIRTUAL_INBOUND_PORT = 15006;
/** Source address InboundPassthroughCluster binds (`127.0.0.6`). */
export const INBOUND_PASSTHROUGH_BIND_IPV4 = '127.0.0.6';
export const INBOUND_PASSTHROUGH_BIND_IPV6 = '::6';

export type TrafficDirection = 'outbound' | 'inbound' | 'inbound-vip';

export interface SubsetKey {
  readonly direction: TrafficDirection;
  readonly subset: string;
  readonly host: string;
  readonly port: number;
}

/** `outbound|9080|v1|reviews.default.svc.cluster.local` (`BuildSubsetKey`). */
export function outboundClusterName(port: number, host: string, subset = ''): string {
  return `outbound|${port}|${subset}|${host}`;
}

/** `inbound|8080||` (`BuildInboundSubsetKey`): only the target port. */
export function inboundClusterName(targetPort: number): string {
  return `inbound|${targetPort}||`;
}

/** `outbound_.9080_.v1_.reviews.default.svc.cluster.local` (`BuildDNSSrvSubsetKey`; ISTIO_MUTUAL SNI). */
export function dnsSrvClusterName(port: number, host: string, subset = '', direction: 'outbound' | 'inbound' = 'outbound'): string {
  return `${direction}_.${port}_.${subset}_.${host}`;
}

/**
 * Parse any subset key (`outbound|p|s|h`, `inbound|p||`, `outbound_.p_.s_.h`). Istio's ParseSubsetKey;
 * returns undefined for names that are not subset keys (PassthroughCluster, …) or a non-numeric port.
 */
export function parseClusterName(name: string): SubsetKey | undefined {
  let parts: string[];
  if (name.includes('|')) {
    parts = name.split('|');
    if (parts.length < 4) return undefined;
    parts = [parts[0]!, parts[1]!, parts[2]!, parts.slice(3).join('|')];
  } else {
    const m = /^(outbound|inbound)_\.(\d+)_\.([^_]*)_\.(.*)$/.exec(name); // fixed internal name format, not user regex
    if (!m) return undefined;
    parts = [m[1]!, m[2]!, m[3]!, m[4]!];
  }
  const [dir, portText, subset, host] = parts as [string, string, string, string];
  if (dir !== 'outbound' && dir !== 'inbound' && dir !== 'inbound-vip') return undefined;
  const port = Number(portText);
  if (!Number.isInteger(port) || portText === '') return undefined;
  return { direction: dir, port, subset, host };
}

/** Listener name `<bind>_<port>` (`getListenerName`), e.g. `0.0.0.0_9080`, `10.0.0.1_9080`. */
export function listenerName(bind: string, port: number): string {
  return `${bind}_${port}`;
}

/** Parse `0.0.0.0_9080` / `udp_0.0.0.0_53` back to its bind and port. */
export function parseListenerName(name: string): { bind: string; port: number; udp: boolean } | undefined {
  const udp = name.startsWith('udp_');
  const rest = udp ? name.slice(4) : name;
  const i = rest.lastIndexOf('_');
  if (i <= 0) return undefined;
  const port = Number(rest.slice(i + 1));
  if (!Number.isInteger(port) || rest.slice(i + 1) === '') return undefined;
  return { bind: rest.slice(0, i), port, udp };
}

/** Sidecar outbound RDS name for an HTTP port: `"9080"`. */
export function sidecarRouteConfigName(port: number): string {
  return String(port);
}

/** Sidecar RDS name for an auto-detected port bound to a VIP: `<fqdn>:<port>`. */
export function sniffedRouteConfigName(host: string, port: number): string {
  return `${host}:${port}`;
}

/** Gateway RDS names (`gatewayRDSRouteName`): `http.<targetPort>` or `https.<serverPort>.<portName>.<gw>.<ns>`, plus `.<bind>`. */
export function gatewayRouteConfigName(opts: {
  readonly https: boolean; readonly port: number; readonly portName?: string;
  readonly gatewayName?: string; readonly gatewayNamespace?: string; readonly bind?: string;
}): string {
  const base = opts.https
    ? `https.${opts.port}.${opts.portName ?? ''}.${opts.gatewayName ?? ''}.${opts.gatewayNamespace ?? ''}`
    : `http.${opts.port}`;
  return opts.bind ? `${base}.${opts.bind}` : base;
}

export type RouteConfigNameKind =
  | { kind: 'sidecar'; port: number }
  | { kind: 'sniffed'; host: string; port: number }
  | { kind: 'gateway-http'; port: number; bind?: string }
  | { kind: 'gateway-https'; port: number; portName: string; gatewayName: string; gatewayNamespace: string; bind?: string }
  | { kind: 'inbound'; port: number }
  | { kind: 'other'; name: string };

/** Classify a route config name. */
export function parseRouteConfigName(name: string): RouteConfigNameKind {
  if (/^\d+$/.test(name)) return { kind: 'sidecar', port: Number(name) };
  const inbound = parseClusterName(name);
  if (inbound && inbound.direction === 'inbound') return { kind: 'inbound', port: inbound.port };
  const parts = name.split('.');
  if (parts[0] === 'http' && parts.length >= 2 && /^\d+$/.test(parts[1]!)) {
    const bind = parts.slice(2).join('.');
    return bind ? { kind: 'gateway-http', port: Number(parts[1]), bind } : { kind: 'gateway-http', port: Number(parts[1]) };
  }
  if (parts[0] === 'https' && parts.length >= 5 && /^\d+$/.test(parts[1]!)) {
    const bind = parts.slice(5).join('.');
    const r = { kind: 'gateway-https' as const, port: Number(parts[1]), portName: parts[2]!, gatewayName: parts[3]!, gatewayNamespace: parts[4]! };
    return bind ? { ...r, bind } : r;
  }
  const hp = parseHostPort(name);
  if (hp) return { kind: 'sniffed', host: hp.host, port: hp.port };
  return { kind: 'other', name };
}

/** Virtual host name `host:port` (Go's JoinHostPort: IPv6 hosts bracketed). */
export function virtualHostName(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Gateway vhost for a server with no VirtualService: `blackhole:<port>`. */
export function blackholeVirtualHostName(port: number): string {
  return `blackhole:${port}`;
}

/** Sidecar inbound inline route config vhost: `inbound|http|<port>`. */
export function inboundVirtualHostName(port: number): string {
  return `inbound|http|${port}`;
}

/** Parse `host:port` / `[v6]:port`. */
export function parseHostPort(name: string): { host: string; port: number } | undefined {
  const i = name.lastIndexOf(':');
  if (i <= 0) return undefined;
  const portText = name.slice(i + 1);
  if (!/^\d+$/.test(portText)) return undefined;
  let host = name.slice(0, i);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host, port: Number(portText) };
}

/** Istio config kinds as they appear in `filter_metadata.istio.config` paths. */
const CONFIG_PLURALS: Readonly<Record<string, string>> = {
  VirtualService: 'virtual-service',
  DestinationRule: 'destination-rule',
  Gateway: 'gateway',
  ServiceEntry: 'service-entry',
  Sidecar: 'sidecar',
  EnvoyFilter: 'envoy-filter',
};
const GROUP_BY_PLURAL: Readonly<Record<string, string>> = {
  'virtual-service': 'networking.istio.io', 'destination-rule': 'networking.istio.io', gateway: 'networking.istio.io',
  'service-entry': 'networking.istio.io', sidecar: 'networking.istio.io', 'envoy-filter': 'networking.istio.io',
};

/** Provenance path `/apis/networking.istio.io/v1/namespaces/<ns>/virtual-service/<name>` (`config.Meta.ToConfigPath`-like). */
export function configPath(kind: string, namespace: string, name: string): string {
  const plural = CONFIG_PLURALS[kind] ?? kind.toLowerCase();
  const group = GROUP_BY_PLURAL[plural] ?? 'networking.istio.io';
  return `/apis/${group}/v1/namespaces/${namespace}/${plural}/${name}`;
}

const KIND_BY_PLURAL: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CONFIG_PLURALS).map(([k, p]) => [p, k]));

/** Parse a provenance path back to kind/namespace/name (any version segment). */
export function parseConfigPath(path: string): { kind: string; namespace: string; name: string } | undefined {
  const p = path.split('/');
  // ['', 'apis', group, version, 'namespaces', ns, plural, name]
  if (p.length !== 8 || p[0] !== '' || p[1] !== 'apis' || p[4] !== 'namespaces') return undefined;
  const kind = KIND_BY_PLURAL[p[6]!];
  if (!kind) return undefined;
  return { kind, namespace: p[5]!, name: p[7]! };
}

/** Route decorator operation for a default route: `<fqdn>:<port>/*`. */
export function defaultRouteOperation(host: string, port: number): string {
  return `${host}:${port}/*`;
}

/** `alt_stat_name` Istio sets on outbound clusters: the name followed by `;`. */
export function altStatName(clusterName: string): string {
  return `${clusterName};`;
}
