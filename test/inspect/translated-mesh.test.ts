// Acceptance (issue #4): proxy-config on Sluice's own translation agrees with trace, and diff of a
// canary weight change shows exactly the changed weighted cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFromText } from '../../src/config/index.ts';
import { buildMeshModel, resolveProxy } from '../../src/model/index.ts';
import { parseProxySpec } from '../../src/model/proxy-spec.ts';
import { translateProxy } from '../../src/translate/index.ts';
import { toConfigDump } from '../../src/envoy/config-dump.ts';
import { trace } from '../../src/simulate/index.ts';
import { routeRows, selectRoutes } from '../../src/inspect/proxy-config/routes.ts';
import { clusterRows, selectClusters } from '../../src/inspect/proxy-config/clusters.ts';
import { parseClusterName } from '../../src/inspect/proxy-config/describe-helpers.ts';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const pod = (name: string, app: string, version: string, ip: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop, labels: {app: ${app}, version: ${version}}}
spec: {containers: [{name: ${app}, ports: [{containerPort: 9080}]}, {name: istio-proxy}]}
status: {phase: Running, podIP: ${ip}, containerStatuses: [{name: istio-proxy, ready: true}]}
`;
const svc = (name: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec: {selector: {app: ${name}}, ports: [{name: http, port: 9080, targetPort: 9080}]}
`;
const mesh = (w1: number, w2: number) => [
  svc('reviews'), svc('productpage'),
  pod('reviews-v1-abc', 'reviews', 'v1', '10.0.0.11'), pod('reviews-v2-def', 'reviews', 'v2', '10.0.0.12'), pod('productpage-v1-xyz', 'productpage', 'v1', '10.0.0.21'),
  `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]}
`,
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
  - route:
    - {destination: {host: reviews, subset: v1}, weight: ${w1}}
    - {destination: {host: reviews, subset: v2}, weight: ${w2}}
`,
].join('---\n');

const PROXY = 'pod/productpage-v1-xyz.shop';

function translated(text: string) {
  const { snapshot } = loadConfigFromText([{ path: 'mesh.yaml', text }]);
  const proxy = resolveProxy(buildMeshModel(snapshot), parseProxySpec(PROXY));
  const config = translateProxy(snapshot, proxy);
  return { config, dump: { configs: (toConfigDump(config) as any).configs } };
}

test('proxy-config routes/clusters on the translation agree with trace (route config, vhost, domains, clusters)', () => {
  const { config, dump } = translated(mesh(90, 10));
  const t = trace(config, { host: 'reviews', port: 9080, path: '/reviews/0' });
  assert.equal(t.error, null, t.errorMessage ?? '');
  assert.ok(t.routeConfig && t.virtualHost);
  const rows = routeRows(selectRoutes(dump, {}), {}, false);
  const row = rows.find((r) => r[0] === t.routeConfig && r[1] === t.virtualHost);
  assert.ok(row, `routes table has ${t.routeConfig} / ${t.virtualHost}`);
  assert.match(row![2]!, /reviews/, 'DOMAINS names the service');
  assert.equal(rows.filter((r) => r[0] === t.routeConfig && r[1] === t.virtualHost).at(-1)![4], 'reviews.shop', 'VIRTUAL SERVICE column');
  const clusterTable = clusterRows(selectClusters(dump, {}), false).map((r) => r.join(' '));
  assert.ok(t.clusters.length >= 2, 'weighted route to two subsets');
  for (const c of t.clusters) {
    const k = parseClusterName(c.name);
    assert.ok(clusterTable.some((line) => line.startsWith(`${k.fqdn} ${k.port} ${k.subset || '-'} ${k.direction}`)), `clusters table lists ${c.name}`);
  }
});

test('diff of a canary weight change shows exactly the changed weighted cluster, with its VirtualService', async () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-diff-'));
  for (const [rev, w] of [['rev1', [90, 10]], ['rev2', [80, 20]]] as const) {
    mkdirSync(join(root, rev));
    writeFileSync(join(root, rev, 'mesh.yaml'), mesh(w[0], w[1]));
  }
  const io = captureIO();
  const code = await main(['node', 'sluice', 'diff', join(root, 'rev1'), join(root, 'rev2'), '--proxy', PROXY, '--exit-code'], io);
  assert.equal(code, 2, io.stderr());
  const lines = io.stdout().trim().split('\n');
  assert.equal(lines.length, 1, io.stdout());
  assert.match(lines[0]!, /^~ route 9080\/reviews\.shop\.svc\.cluster\.local:9080\/\S+  weighted_clusters: v1 90→80, v2 10→20  \(VirtualService shop\/reviews\)$/);

  const all = captureIO();
  assert.equal(await main(['node', 'sluice', 'diff', join(root, 'rev1'), join(root, 'rev2'), '--all-proxies', '-o', 'json'], all), 0);
  const report = JSON.parse(all.stdout());
  assert.equal(report.summary.proxies, 3);
  for (const p of report.proxies) assert.deepEqual(p.changes.map((c: any) => c.summary), ['weighted_clusters: v1 90→80, v2 10→20']);
});

test('proxy-config CLI on translated config renders every view', async () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-pc-'));
  writeFileSync(join(root, 'mesh.yaml'), mesh(90, 10));
  for (const view of ['clusters', 'listeners', 'routes', 'endpoints', 'eds', 'all']) {
    const io = captureIO();
    const code = await main(['node', 'sluice', 'proxy-config', view, join(root, 'mesh.yaml'), '--proxy', PROXY], io);
    assert.equal(code, 0, `${view}: ${io.stderr()}`);
    assert.ok(io.stdout().length > 0);
    if (view === 'all') assert.match(io.stdout(), /^NAME +SERVICE FQDN/, 'translation has no bootstrap: that section is left out');
  }
});
