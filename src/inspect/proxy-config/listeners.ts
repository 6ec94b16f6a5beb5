import type { Json } from '../../envoy/types.ts';
import { AdminType, InspectError, g, list, section, type Dump } from './dump.ts';
import { describeMatch } from './describe-helpers.ts';
import { goSortSlice } from '../text/go-sort.ts';
import { table } from '../text/tabwriter.ts';

/** `proxy-config listeners` (istioctl/pkg/writer/envoy/configdump/listener.go). */
export interface ListenerFilter {
  readonly address?: string;
  readonly port?: number;
  readonly type?: string;
  readonly verbose?: boolean;
}

const HCM = 'envoy.filters.network.http_connection_manager';
const TCP_PROXY = 'envoy.filters.network.tcp_proxy';

/** dynamic listeners with an active_state, then static listeners. */
export function dumpListeners(dump: Dump): Json[] {
  const sec = section(dump, AdminType.Listeners);
  const dyn = list(sec, 'dynamic_listeners').map((l) => g(g(l, 'active_state'), 'listener')).filter(Boolean);
  const stat = list(sec, 'static_listeners').map((l) => g(l, 'listener')).filter(Boolean);
  return [...dyn, ...stat];
}

function chains(l: Json): Json[] {
  const def = g(l, 'default_filter_chain');
  return def ? [...list(l, 'filter_chains'), def] : list(l, 'filter_chains');
}

const isBlackHoleTcp = (f: Json): boolean => JSON.stringify(g(f, 'typed_config') ?? {}).includes('BlackHoleCluster');

/** HTTP, TCP, HTTP+TCP or UNKNOWN from the network filters of every chain. */
export function listenerType(l: Json): string {
  let http = 0, tcp = 0;
  for (const fc of chains(l)) {
    for (const f of list(fc, 'filters')) {
      if (f.name === HCM) http++;
      else if (f.name === TCP_PROXY && !isBlackHoleTcp(f)) tcp++;
    }
  }
  if (http > 0) return tcp === 0 ? 'HTTP' : 'HTTP+TCP';
  return tcp > 0 ? 'TCP' : 'UNKNOWN';
}

const socketAddress = (a: unknown): string => String(g(g(a, 'socket_address'), 'address') ?? '');

export function listenerAddresses(l: Json): string[] {
  const a = g(l, 'address');
  const primary = g(a, 'socket_address') ? socketAddress(a) : String(g(g(a, 'pipe'), 'path') ?? '');
  return [primary, ...list(l, 'additional_addresses').map((x) => socketAddress(g(x, 'address')))];
}

export const listenerPort = (l: Json): number => Number(g(g(g(l, 'address'), 'socket_address'), 'port_value') ?? 0);

/** ListenerFilter.Verify. */
export function listenerMatches(l: Json, f: ListenerFilter): boolean {
  if (f.address && !listenerAddresses(l).some((a) => a.toLowerCase() === f.address!.toLowerCase())) return false;
  if (f.port && listenerPort(l) !== f.port) return false;
  if (f.type && listenerType(l).toLowerCase() !== f.type.toLowerCase()) return false;
  return true;
}

const APP_PROTOCOLS: Record<string, string> = {
  'http/1.0,http/1.1,h2c,istio-http/1.0,istio-http/1.1,istio-h2': 'HTTP TLS',
  'istio,istio-http/1.0,istio-http/1.1,istio-h2': 'Istio HTTP Plain',
  'istio-peer-exchange,istio': 'TCP TLS',
  'http/1.0,http/1.1,h2c': 'HTTP',
};

/** A filter_chain_match as `SNI: …; Trans: …; App: …; Addr: …`, or ALL. */
export function describeChainMatch(m: unknown): string {
  const parts: string[] = [];
  const sni = list(m, 'server_names');
  if (sni.length) parts.push(`SNI: ${sni.join(',')}`);
  const trans = g(m, 'transport_protocol');
  if (trans) parts.push(`Trans: ${trans}`);
  const app = list(m, 'application_protocols');
  if (app.length) parts.push(`App: ${APP_PROTOCOLS[app.join(',')] ?? app.join(',')}`);
  const dport = g(m, 'destination_port');
  const port = dport !== undefined && dport !== null ? `:${typeof dport === 'object' ? g(dport, 'value') ?? 0 : dport}` : '';
  const ranges = list(m, 'prefix_ranges');
  if (ranges.length) parts.push(`Addr: ${ranges.map((r) => `${g(r, 'address_prefix') ?? ''}/${prefixLen(g(r, 'prefix_len'))}`).join(',')}${port}`);
  else if (port) parts.push(`Addr: *${port}`);
  return parts.length ? parts.join('; ') : 'ALL';
}

const prefixLen = (v: unknown): number => Number(typeof v === 'object' && v !== null ? g(v, 'value') ?? 0 : v ?? 0);

/** An inline route config: its only cluster, or `Inline Route: …`. */
export function describeRouteConfig(rc: Json): string {
  const vhs = list(rc, 'virtual_hosts');
  if (vhs.length === 1) {
    const vh = vhs[0]!, rs = list(vh, 'routes');
    const domains = list(vh, 'domains');
    const cluster = g(g(rs[0], 'route'), 'cluster');
    if (domains.length === 1 && domains[0] === '*' && rs.length === 1 && g(g(rs[0], 'match'), 'prefix') === '/' && typeof cluster === 'string') {
      return cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;
    }
  }
  const described = vhs.map((vh) => {
    const domains = list(vh, 'domains');
    const d = domains.length === 1 && domains[0] === '*' ? '' : domains.join('/');
    const routes = list(vh, 'routes').map((r) => describeMatch(g(r, 'match'))).join(', ');
    return d === '' ? routes : `${d} ${routes}`;
  });
  return `Inline Route: ${described.join('; ')}`;
}

/** What a filter chain does: the first HCM or non-blackhole tcp_proxy decides. */
export function describeChainDestination(filters: readonly Json[]): string {
  for (const f of filters) {
    if (f.name === HCM) {
      const tc = g(f, 'typed_config');
      const rc = g(tc, 'route_config');
      if (rc) return describeRouteConfig(rc);
      const rds = g(g(tc, 'rds'), 'route_config_name');
      if (rds) return `Route: ${rds}`;
      return 'HTTP';
    }
    if (f.name === TCP_PROXY && !isBlackHoleTcp(f)) {
      const cluster = String(g(g(f, 'typed_config'), 'cluster') ?? '');
      return cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;
    }
  }
  return 'Non-HTTP/Non-TCP';
}

export function selectListeners(dump: Dump, f: ListenerFilter): Json[] {
  const keyed = dumpListeners(dump).filter((l) => listenerMatches(l, f))
    .map((l) => ({ l, port: listenerPort(l), addr: socketAddress(g(l, 'address')), type: listenerType(l) }));
  goSortSlice(keyed, (a, b) => (a.port !== b.port ? a.port < b.port : a.addr !== b.addr ? a.addr < b.addr : a.type < b.type));
  return keyed.map((k) => k.l);
}

export function listenerRows(listeners: readonly Json[], f: ListenerFilter, withName: boolean): string[][] {
  const verbose = f.verbose !== false;
  const rows: string[][] = [];
  const head = verbose ? ['ADDRESSES', 'PORT', 'MATCH', 'DESTINATION'] : ['ADDRESSES', 'PORT', 'TYPE'];
  rows.push(withName ? ['NAME', ...head] : head);
  for (const l of listeners) {
    const name = withName ? [`listener/${g(l, 'name') ?? ''}`] : [];
    const addr = listenerAddresses(l).join(','), port = String(listenerPort(l));
    if (!verbose) { rows.push([...name, addr, port, listenerType(l)]); continue; }
    const matches = chains(l).map((fc) => ({ match: describeChainMatch(g(fc, 'filter_chain_match')), dest: describeChainDestination(list(fc, 'filters')) }));
    goSortSlice(matches, (x, y) => x.dest > y.dest);
    for (const m of matches) rows.push([...name, addr, port, m.match, m.dest]);
  }
  return rows;
}

export function listenersTable(dump: Dump, f: ListenerFilter, withName = false): string {
  if (dumpListeners(dump).length === 0) throw new InspectError('no listeners found');
  return table(listenerRows(selectListeners(dump, f), f, withName), 1);
}
