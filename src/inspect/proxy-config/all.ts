import { InspectError, type Dump } from './dump.ts';
import { versionSummary } from './bootstrap.ts';
import { clustersTable, type ClusterFilter } from './clusters.ts';
import { listenersTable, type ListenerFilter } from './listeners.ts';
import { routesTable, type RouteFilter } from './routes.ts';
import { secretsTable } from './secrets.ts';
import { edsTable, type EndpointFilter } from './eds.ts';

/**
 * `proxy-config all` short output (istioctl/pkg/proxyconfig: `all`): every section with a NAME
 * column / `kind/` prefix; `--port` applies to clusters, listeners and endpoints, `--address` to
 * listeners and endpoints. Any section error aborts the whole command, as in istioctl.
 */
export interface AllFilter extends ClusterFilter, ListenerFilter, RouteFilter {
  readonly address?: string;
  readonly withHeaders?: boolean;
}

/**
 * `lenient` (Sluice's own translation, which has no bootstrap and usually no secrets): sections the
 * dump does not have are left out instead of failing the command.
 */
export function allSummary(dump: Dump, f: AllFilter, now: Date, lenient = false): string {
  const sections: [string, () => string][] = [
    ['BOOTSTRAP INFO', () => versionSummary(dump)],
    ['CLUSTER INFO', () => clustersTable(dump, { fqdn: f.fqdn, port: f.port, subset: f.subset, direction: f.direction }, true)],
    ['LISTENER INFO', () => listenersTable(dump, { address: f.address, port: f.port, type: f.type, verbose: f.verbose }, true)],
    ['ROUTE INFO', () => routesTable(dump, { name: f.name, verbose: f.verbose }, true)],
    ['SECRET INFO', () => secretsTable(dump, now, true)],
    ['ENDPOINTS INFO', () => edsTable(dump, { address: f.address, port: f.port } as EndpointFilter, true)],
  ];
  const rendered: string[] = [];
  for (const [title, render] of sections) {
    let body: string;
    try { body = render(); } catch (e) {
      if (lenient && e instanceof InspectError && e.message.startsWith('config dump has no configuration type')) continue;
      throw e;
    }
    rendered.push((f.withHeaders ? `------ ${title} ------\n\n` : '') + body);
  }
  return rendered.join('\n');
}
