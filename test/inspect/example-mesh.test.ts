// Acceptance on the example mesh (examples/shop): proxy-config of Sluice's translation agrees with
// trace, and a canary weight change (revision 2 generated here) diffs as exactly that weighted cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.ts';
import { buildMeshModel, resolveProxy } from '../../src/model/index.ts';
import { parseProxySpec } from '../../src/model/proxy-spec.ts';
import { translateProxy } from '../../src/translate/index.ts';
import { toConfigDump } from '../../src/envoy/config-dump.ts';
import { trace } from '../../src/simulate/index.ts';
import { routeRows, selectRoutes } from '../../src/inspect/proxy-config/routes.ts';
import { clusterRows, selectClusters } from '../../src/inspect/proxy-config/clusters.ts';
import { describeRouteDomains, parseClusterName } from '../../src/inspect/proxy-config/describe-helpers.ts';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const SHOP = join(import.meta.dirname, '..', '..', 'examples', 'shop');
const PROXY = 'pod/productpage-v1-6b746f74dc-9stvs.shop';
const skip = !existsSync(join(SHOP, '40-routing.yaml')) && 'examples/shop not present';

test('example mesh: proxy-config routes/clusters agree with trace for productpage → reviews', { skip }, () => {
  const { snapshot } = loadConfig([SHOP]);
  const config = translateProxy(snapshot, resolveProxy(buildMeshModel(snapshot), parseProxySpec(PROXY)));
  const dump = { configs: (toConfigDump(config) as any).configs };
  const t = trace(config, { host: 'reviews', port: 9080, path: '/reviews/0' });
  assert.equal(t.error, null, t.errorMessage ?? '');
  const vh = config.routes.find((r) => r.name === t.routeConfig)!.virtual_hosts!.find((v) => v.name === t.virtualHost)!;
  const rows = routeRows(selectRoutes(dump, {}), {}, false).filter((r) => r[0] === t.routeConfig && r[1] === t.virtualHost);
  assert.ok(rows.length > 0, `routes table lists ${t.routeConfig} / ${t.virtualHost}`);
  for (const r of rows) assert.equal(r[2], describeRouteDomains(vh.domains), 'DOMAINS column = the traced vhost domains');
  assert.ok(rows.some((r) => r[4] === 'reviews.shop'), 'VIRTUAL SERVICE reviews.shop');
  const clusters = clusterRows(selectClusters(dump, {}), false).map((r) => r.slice(0, 4).join(' '));
  assert.ok(t.clusters.length > 0);
  for (const c of t.clusters) {
    const k = parseClusterName(c.name);
    assert.ok(clusters.includes(`${k.fqdn} ${k.port} ${k.subset || '-'} ${k.direction}`), `clusters table lists ${c.name}`);
  }
});

test('example mesh: a canary weight change diffs as exactly the changed weighted cluster', { skip }, async () => {
  const rev2 = mkdtempSync(join(tmpdir(), 'sluice-shop-rev2-'));
  cpSync(SHOP, rev2, { recursive: true });
  const file = join(rev2, '40-routing.yaml');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('name: canary'), end = text.indexOf('---', start);
  assert.ok(start > 0, 'the reviews VirtualService has a canary route');
  writeFileSync(file, text.slice(0, start) + text.slice(start, end).replace('weight: 90', 'weight: 80').replace('weight: 10', 'weight: 20') + text.slice(end));

  const io = captureIO();
  assert.equal(await main(['node', 'sluice', 'diff', SHOP, rev2, '--proxy', PROXY, '-o', 'json'], io), 0, io.stderr());
  const changes = JSON.parse(io.stdout()).proxies[0].changes;
  assert.ok(changes.length > 0);
  for (const c of changes) {
    assert.equal(c.type, 'route');
    assert.equal(c.op, 'changed');
    assert.match(c.resource, /\/reviews\.shop\.svc\.cluster\.local:\d+\/canary$/);
    assert.equal(c.summary, 'weighted_clusters: v1 90→80, v3 10→20');
    assert.deepEqual(c.istio, { kind: 'VirtualService', namespace: 'shop', name: 'reviews' });
    assert.deepEqual(c.fields.map((f: any) => f.path.replace(/\[outbound\|\d+\|(v\d)\|.*\]/, '[$1]')), ['route.weighted_clusters.clusters[v1].weight', 'route.weighted_clusters.clusters[v3].weight']);
  }
});
