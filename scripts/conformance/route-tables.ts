// Conformance: TestSidecarRoutes (istio-simulation/route-tables.json): the virtual hosts of one RDS route
// configuration. For every domain of every vhost of `routeName`, the sorted `route.cluster` values of that vhost
// must equal the expected list; `null` = the domain is absent or its vhost routes to no cluster; an
// expectedVirtualHosts of null = the route configuration must not exist. Upstream-skipped variants are not run.
// Upstream feeds the same YAML to the Kubernetes and the Istio store; we load it once (loading it twice would duplicate objects).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateCase } from './simulation.ts';
import type { ProxyConfig } from '../../src/envoy/types.ts';

type Obj = Record<string, any>;

function domainClusters(config: ProxyConfig, routeName: string): Map<string, string[]> | null {
  const rc = config.routes.find((r) => r.name === routeName);
  if (!rc) return null;
  const out = new Map<string, string[]>();
  for (const vh of rc.virtual_hosts ?? []) {
    const clusters = (vh.routes ?? []).map((r) => r.route?.cluster).filter((c): c is string => typeof c === 'string').sort();
    for (const d of vh.domains ?? []) out.set(d, clusters);
  }
  return out;
}

export function checkRouteTable(e: Obj, config: ProxyConfig): string | null {
  const got = domainClusters(config, e.routeName);
  if (e.expectedVirtualHosts === null) return got === null ? null : `route config ${e.routeName} exists but should not`;
  if (!got) return `no route config ${e.routeName}`;
  for (const [domain, want] of Object.entries(e.expectedVirtualHosts as Record<string, string[] | null>)) {
    const have = got.get(domain);
    if (want === null) {
      if (have && have.length) return `${domain}: want no cluster routes, got ${JSON.stringify(have)}`;
      continue;
    }
    const w = [...want].sort();
    if (JSON.stringify(have ?? null) !== JSON.stringify(w)) return `${domain}: want ${JSON.stringify(w)}, got ${JSON.stringify(have ?? null)}`;
  }
  return null;
}

export function runRouteTables(dir: string, verbose: boolean, print: (s: string) => void = console.log): { passed: number; total: number; failed: string[] } {
  if (!existsSync(join(dir, 'route-tables.json'))) { print(`route-tables: ${join(dir, 'route-tables.json')} not found; skipped`); return { passed: 0, total: 0, failed: [] }; }
  const entries: Obj[] = JSON.parse(readFileSync(join(dir, 'route-tables.json'), 'utf8'));
  let passed = 0, total = 0, skipped = 0;
  const failed: string[] = [];
  const rows: string[][] = [];
  for (const e of entries) {
    if (e.skipped) { skipped++; continue; }
    total++;
    let reason: string | null;
    try {
      reason = checkRouteTable(e, translateCase(e, false).config);
    } catch (err) {
      reason = `translate failed: ${(err as Error).message.split('\n')[0]}`;
    }
    if (reason === null) passed++;
    else failed.push(e.name);
    rows.push([e.name, reason === null ? 'pass' : 'FAIL', reason ?? '']);
  }
  const w = Math.min(90, Math.max(...rows.map((r) => r[0].length)));
  print(`${'ROUTE TABLE'.padEnd(w)}  RESULT  REASON`);
  for (const r of rows) if (verbose || r[1] !== 'pass') print(`${r[0].padEnd(w)}  ${r[1].padEnd(6)}  ${r[2]}`);
  print(`route-tables: ${passed}/${total} passed (${skipped} skipped upstream)`);
  return { passed, total, failed };
}

export default { key: 'routeTables', dir: 'istio-simulation', run: (dir: string, verbose: boolean) => runRouteTables(dir, verbose) };
