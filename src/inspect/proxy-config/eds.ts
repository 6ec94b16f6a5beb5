import type { Json } from '../../envoy/types.ts';
import { AdminType, g, list, optionalSection, type Dump } from './dump.ts';
import { sortByClusterName } from './clusters.ts';
import { table } from '../text/tabwriter.ts';

/** `proxy-config eds` and the ENDPOINTS part of `all` (istioctl/pkg/writer/envoy/configdump/endpoint.go). */
export interface EndpointFilter {
  readonly address?: string;
  readonly port?: number;
  readonly cluster?: string;
  readonly status?: string;
}

/** dynamic then static endpoint configs; a dump without an Endpoints section has none (not an error). */
export function dumpEndpointConfigs(dump: Dump): Json[] {
  const sec = optionalSection(dump, AdminType.Endpoints);
  const dyn = list(sec, 'dynamic_endpoint_configs').map((e) => g(e, 'endpoint_config')).filter(Boolean);
  const stat = list(sec, 'static_endpoint_configs').map((e) => g(e, 'endpoint_config')).filter(Boolean);
  return [...dyn, ...stat];
}

/** Every address of an lb_endpoint: `addr:port`, a pipe's bare path, or `envoy://listener/id`. */
export function lbEndpointAddresses(lbe: Json): string[] {
  const ep = g(lbe, 'endpoint');
  const addrs = [g(ep, 'address'), ...list(ep, 'additional_addresses').map((a) => g(a, 'address'))];
  return addrs.filter(Boolean).map(renderAddress);
}

function renderAddress(a: Json): string {
  const sa = g(a, 'socket_address');
  if (sa) return `${g(sa, 'address') ?? ''}:${g(sa, 'port_value') ?? 0}`;
  const pipe = g(a, 'pipe');
  if (pipe) return String(g(pipe, 'path') ?? '');
  const internal = g(a, 'envoy_internal_address');
  if (internal) return `envoy://${g(internal, 'server_listener_name') ?? ''}/${g(internal, 'endpoint_id') ?? ''}`;
  return '';
}

const portOf = (lbe: Json): number => Number(g(g(g(g(lbe, 'endpoint'), 'address'), 'socket_address'), 'port_value') ?? 0);
const healthOf = (lbe: Json): string => String(g(lbe, 'health_status') ?? 'UNKNOWN');

function lbEndpointMatches(cla: Json, lbe: Json, f: EndpointFilter): boolean {
  if (f.address && !lbEndpointAddresses(lbe).some((a) => a.toLowerCase() === f.address!.toLowerCase())) return false;
  if (f.port && portOf(lbe) !== f.port) return false;
  if (f.cluster && String(g(cla, 'cluster_name') ?? '').toLowerCase() !== f.cluster.toLowerCase()) return false;
  if (f.status && healthOf(lbe).toLowerCase() !== f.status.toLowerCase()) return false;
  return true;
}

/** The filtered ClusterLoadAssignments (non-matching lb_endpoints removed, empty CLAs dropped), sorted like clusters. */
export function selectEndpointConfigs(dump: Dump, f: EndpointFilter): Json[] {
  const out: Json[] = [];
  for (const cla of dumpEndpointConfigs(dump)) {
    let kept = 0;
    const localities = list(cla, 'endpoints').map((loc) => {
      const lbes = list(loc, 'lb_endpoints').filter((lbe) => lbEndpointMatches(cla, lbe, f));
      kept += lbes.length;
      return replaceField(loc, 'lb_endpoints', lbes);
    });
    if (kept > 0) out.push(replaceField(cla, 'endpoints', localities.filter((loc) => list(loc, 'lb_endpoints').length > 0)));
  }
  return sortByClusterName(out, (cla) => String(g(cla, 'cluster_name') ?? ''));
}

/** Replace a repeated field under whichever spelling the object uses (keeping key order). */
function replaceField(o: Json, snake: string, value: Json[]): Json {
  const camel = snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  const key = snake in o ? snake : camel in o ? camel : snake;
  return { ...o, [key]: value };
}

function locality(loc: Json): string {
  const l = g(loc, 'locality');
  const region = g(l, 'region'), zone = g(l, 'zone'), sub = g(l, 'sub_zone');
  if (!region) return '';
  let s = String(region);
  if (zone) { s += `/${zone}`; if (sub) s += `/${sub}`; }
  return s;
}

export function edsRows(clas: readonly Json[], withName: boolean): string[][] {
  const rows: string[][] = [['NAME', 'STATUS', 'LOCALITY', 'CLUSTER']];
  for (const cla of clas) {
    for (const loc of list(cla, 'endpoints')) {
      for (const lbe of list(loc, 'lb_endpoints')) {
        const name = lbEndpointAddresses(lbe).join(',');
        rows.push([withName ? `endpoint/${name}` : name, healthOf(lbe), locality(loc), String(g(cla, 'cluster_name') ?? '')]);
      }
    }
  }
  return rows;
}

export function edsTable(dump: Dump, f: EndpointFilter, withName = false): string {
  return table(edsRows(selectEndpointConfigs(dump, f), withName), 5);
}
