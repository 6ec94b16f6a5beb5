import type { Json } from '../../envoy/types.ts';
import { AdminType, InspectError, g, list, section, type Dump } from './dump.ts';
import { describeManagement, parseClusterName } from './describe-helpers.ts';
import { goSortSlice } from '../text/go-sort.ts';
import { table } from '../text/tabwriter.ts';

/** `proxy-config clusters` (istioctl/pkg/writer/envoy/configdump/cluster.go). */
export interface ClusterFilter {
  readonly fqdn?: string;
  readonly port?: number;
  readonly subset?: string;
  readonly direction?: string;
}

/** dynamic_active_clusters then static_clusters (warming clusters are not shown, as in istioctl). */
export function dumpClusters(dump: Dump): Json[] {
  const sec = section(dump, AdminType.Clusters);
  const dyn = list(sec, 'dynamic_active_clusters').map((c) => g(c, 'cluster')).filter(Boolean);
  const stat = list(sec, 'static_clusters').map((c) => g(c, 'cluster')).filter(Boolean);
  return [...dyn, ...stat];
}

/** ClusterFilter.Verify: every set filter is a substring test on the raw cluster name. */
export function clusterMatches(name: string, f: ClusterFilter): boolean {
  if (f.fqdn && !name.includes(f.fqdn)) return false;
  if (f.direction && !name.includes(f.direction)) return false;
  if (f.subset && !name.includes(f.subset)) return false;
  if (f.port && !name.includes(`|${f.port}|`)) return false;
  return true;
}

export function selectClusters(dump: Dump, f: ClusterFilter): Json[] {
  const clusters = dumpClusters(dump).filter((c) => clusterMatches(String(g(c, 'name') ?? ''), f));
  return sortByClusterName(clusters, (c) => String(g(c, 'name') ?? ''));
}

/** istioctl's cluster order: (FQDN, SUBSET, PORT, DIRECTION) of the parsed name, through Go's sort.Slice. */
export function sortByClusterName<T>(items: readonly T[], nameOf: (t: T) => string): T[] {
  const keyed = items.map((item) => ({ item, k: parseClusterName(nameOf(item)) }));
  goSortSlice(keyed, ({ k: i }, { k: j }) => {
    if (i.fqdn !== j.fqdn) return i.fqdn < j.fqdn;
    if (i.subset !== j.subset) return i.subset < j.subset;
    if (i.port !== j.port) return i.port < j.port;
    return i.direction < j.direction;
  });
  return keyed.map((x) => x.item);
}

/** A cluster with no `type`, or a custom `cluster_type`, prints STATIC (the proto3 oneof default). */
export function clusterType(c: Json): string {
  const t = g(c, 'type');
  return typeof t === 'string' && !g(c, 'cluster_type') ? t : 'STATIC';
}

export function clusterRows(clusters: readonly Json[], withName: boolean): string[][] {
  const rows: string[][] = [];
  rows.push([...(withName ? ['NAME'] : []), 'SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE']);
  for (const c of clusters) {
    const name = String(g(c, 'name') ?? '');
    const k = parseClusterName(name);
    const dr = describeManagement(g(c, 'metadata'));
    const prefixed = withName && name !== '';
    const nameCell = prefixed ? [`cluster/${name}`] : [];
    if (k.istio) rows.push([...nameCell, k.fqdn, String(k.port), k.subset || '-', k.direction, clusterType(c), dr]);
    else rows.push([...nameCell, prefixed ? `cluster/${name}` : name, '-', '-', '-', clusterType(c), dr]);
  }
  return rows;
}

export function clustersTable(dump: Dump, f: ClusterFilter, withName = false): string {
  const clusters = selectClusters(dump, f);
  if (dumpClusters(dump).length === 0) throw new InspectError('no clusters found');
  return table(clusterRows(clusters, withName), 5);
}
