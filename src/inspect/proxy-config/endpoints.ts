import type { Json } from '../../envoy/types.ts';
import { InspectError, g, list } from './dump.ts';
import { goSortSlice } from '../text/go-sort.ts';
import { table } from '../text/tabwriter.ts';
import type { EndpointFilter } from './eds.ts';

/**
 * `proxy-config endpoints`: Envoy admin `/clusters?format=json` (envoy.admin.v3.Clusters), as
 * istioctl/pkg/writer/envoy/clusters/clusters.go renders it.
 */
export interface ClustersStatus { readonly cluster_statuses: Json[] }

export function parseClustersStatus(text: string, file = '/clusters output'): ClustersStatus {
  let json: unknown;
  try { json = JSON.parse(text); } catch (e) {
    throw new InspectError(`${file} is not valid JSON (${(e as Error).message}); expected Envoy's /clusters?format=json`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new InspectError(`${file}: expected a JSON object from Envoy's /clusters?format=json`);
  if ('configs' in json) throw new InspectError(`${file} is a /config_dump, not /clusters?format=json output; use \`proxy-config eds\` for endpoints from a config dump`);
  return { cluster_statuses: list(json, 'cluster_statuses') };
}

interface HostRow { readonly address: string; readonly port: number; readonly endpoint: string; readonly status: string; readonly outlier: string; readonly cluster: string }

function hostRow(cluster: string, host: Json): HostRow {
  const a = g(host, 'address');
  const sa = g(a, 'socket_address'), pipe = g(a, 'pipe'), internal = g(a, 'envoy_internal_address');
  let address = '', port = 0, endpoint = 'unknown';
  if (sa) {
    address = String(g(sa, 'address') ?? ''); port = Number(g(sa, 'port_value') ?? 0);
    endpoint = port ? `${address}:${port}` : address;
  } else if (pipe) {
    address = `unix://${g(pipe, 'path') ?? ''}`; endpoint = address;
  } else if (internal) {
    address = `envoy://${g(internal, 'server_listener_name') ?? ''}/${g(internal, 'endpoint_id') ?? ''}`; endpoint = address;
  }
  const hs = g(host, 'health_status');
  return {
    address, port, endpoint, cluster,
    status: String(g(hs, 'eds_health_status') ?? 'UNKNOWN'),
    outlier: g(hs, 'failed_outlier_check') ? 'FAILED' : 'OK',
  };
}

function rowMatches(r: HostRow, f: EndpointFilter): boolean {
  if (f.address && r.address.toLowerCase() !== f.address.toLowerCase()) return false;
  if (f.port && r.port !== f.port) return false;
  if (f.cluster && r.cluster.toLowerCase() !== f.cluster.toLowerCase()) return false;
  if (f.status && r.status.toLowerCase() !== f.status.toLowerCase()) return false;
  return true;
}

export function endpointsTable(cs: ClustersStatus, f: EndpointFilter): string {
  const rows: HostRow[] = [];
  for (const c of cs.cluster_statuses) for (const h of list(c, 'host_statuses')) {
    const r = hostRow(String(g(c, 'name') ?? ''), h);
    if (rowMatches(r, f)) rows.push(r);
  }
  goSortSlice(rows, (a, b) => {
    if (a.address !== b.address) return a.address < b.address;
    if (a.port !== b.port) return a.port < b.port;
    return a.cluster < b.cluster;
  });
  return table([['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'], ...rows.map((r) => [r.endpoint, r.status, r.outlier, r.cluster])], 5);
}

/** `-o json|yaml`: the whole ClusterStatus of every cluster with at least one host passing the filter. */
export function selectClusterStatuses(cs: ClustersStatus, f: EndpointFilter): Json[] {
  return cs.cluster_statuses.filter((c) => list(c, 'host_statuses').some((h) => rowMatches(hostRow(String(g(c, 'name') ?? ''), h), f)));
}
