import type { Json } from '../../envoy/types.ts';
import { AdminType, InspectError, atoi, g, list, section, type Dump } from './dump.ts';
import { describeManagement, describeMatch, describeRouteDomains, routeCluster } from './describe-helpers.ts';
import { goSortSlice } from '../text/go-sort.ts';
import { table } from '../text/tabwriter.ts';

/** `proxy-config routes` (istioctl/pkg/writer/envoy/configdump/route.go). */
export interface RouteFilter {
  readonly name?: string;
  readonly verbose?: boolean;
}

/** dynamic_route_configs then static_route_configs. */
export function dumpRoutes(dump: Dump): Json[] {
  const sec = section(dump, AdminType.Routes);
  const dyn = list(sec, 'dynamic_route_configs').map((r) => g(r, 'route_config')).filter(Boolean);
  const stat = list(sec, 'static_route_configs').map((r) => g(r, 'route_config')).filter(Boolean);
  return [...dyn, ...stat];
}

/**
 * istioctl sorts by the numeric value of the name; its comparator returns false as soon as either
 * name is not a number, so non-numeric names keep dump order (through Go's sort.Slice behaviour).
 */
export function selectRoutes(dump: Dump, f: RouteFilter): Json[] {
  const routes = dumpRoutes(dump).filter((r) => !f.name || g(r, 'name') === f.name);
  return goSortSlice(routes, (a, b) => {
    const i = atoi(String(g(a, 'name') ?? ''));
    if (i === undefined) return false;
    const j = atoi(String(g(b, 'name') ?? ''));
    if (j === undefined) return false;
    return i < j;
  });
}

export function routeRows(routes: readonly Json[], f: RouteFilter, withName: boolean): string[][] {
  const verbose = f.verbose !== false;
  const rows: string[][] = [verbose ? ['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'] : ['NAME', 'VIRTUAL HOSTS']];
  for (const rc of routes) {
    const name = withName ? `route/${g(rc, 'name') ?? ''}` : String(g(rc, 'name') ?? '');
    const vhs = list(rc, 'virtual_hosts');
    if (!verbose) { rows.push([name, String(vhs.length)]); continue; }
    for (const vh of vhs) {
      const vhName = String(g(vh, 'name') ?? ''), domains = describeRouteDomains(list(vh, 'domains'));
      const rs = list(vh, 'routes');
      for (const r of rs) {
        if (routeCluster(r) === 'PassthroughCluster') continue;
        rows.push([name, vhName, domains, describeMatch(g(r, 'match')), describeManagement(g(r, 'metadata'))]);
      }
      if (rs.length === 0) rows.push([name, vhName, domains, '/*', '404']);
    }
  }
  return rows;
}

export function routesTable(dump: Dump, f: RouteFilter, withName = false): string {
  if (dumpRoutes(dump).length === 0) throw new InspectError('no routes found');
  return table(routeRows(selectRoutes(dump, f), f, withName), 5);
}
