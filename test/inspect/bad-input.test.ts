// Bad input never produces a stack trace: a clear message and a documented exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-pc-'));
const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };
const CLUSTERS = JSON.stringify({ configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', static_clusters: [{ cluster: { name: 'agent', type: 'STATIC' } }] }] });

async function run(args: string[], stdin?: string) {
  const io = captureIO(stdin);
  const code = await main(['node', 'sluice', ...args], io);
  const err = io.stderr();
  assert.doesNotMatch(err, /internal error|\n\s+at /, `no stack trace: ${err}`);
  return { code, out: io.stdout(), err };
}

test('truncated and non-JSON dumps: exit 1 with the file named', async () => {
  const truncated = file('truncated.json', CLUSTERS.slice(0, 60));
  let r = await run(['proxy-config', 'clusters', '-f', truncated]);
  assert.equal(r.code, 1);
  assert.match(r.err, /truncated\.json is not valid JSON .*truncated/);
  r = await run(['proxy-config', 'routes', '-f', file('text.json', 'hello: world\n')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /not valid JSON/);
  r = await run(['proxy-config', 'listeners', '-f', file('array.json', '[1,2]')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /not an Envoy config dump/);
});

test('a v2 dump or a dump missing the section: istioctl\'s message, plus what the dump has', async () => {
  const v2 = file('v2.json', JSON.stringify({ configs: [{ '@type': 'type.googleapis.com/envoy.admin.v2alpha.ClustersConfigDump', static_clusters: [] }] }));
  const r = await run(['proxy-config', 'clusters', '-f', v2]);
  assert.equal(r.code, 1);
  assert.match(r.err, /config dump has no configuration type type\.googleapis\.com\/envoy\.admin\.v3\.ClustersConfigDump \(the dump has type\.googleapis\.com\/envoy\.admin\.v2alpha\.ClustersConfigDump/);
});

test('unknown @types are ignored; the known sections still render', async () => {
  const dump = JSON.parse(CLUSTERS);
  dump.configs.push({ '@type': 'type.googleapis.com/envoy.admin.v9.FutureConfigDump', stuff: [1] });
  const r = await run(['proxy-config', 'clusters', '-f', file('unknown.json', JSON.stringify(dump))]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^SERVICE FQDN {5}PORT/);
  assert.match(r.out, /agent {12}-/);
});

test('missing file and missing source are clear errors', async () => {
  let r = await run(['proxy-config', 'clusters', '-f', join(dir, 'nope.json')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot read .*nope\.json: no such file/);
  r = await run(['proxy-config', 'clusters']);
  assert.equal(r.code, 64);
  assert.match(r.err, /exactly one source/);
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', res));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((res) => s.close(() => res()));
  return port;
}

test('unreachable admin URL: exit 1, says so, quickly', async () => {
  const port = await closedPort();
  const r = await run(['proxy-config', 'clusters', '--admin', `http://127.0.0.1:${port}`, '--timeout', '2000']);
  assert.equal(r.code, 1);
  assert.match(r.err, new RegExp(`cannot reach Envoy admin at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
});

test('live admin endpoint: fetches /config_dump?include_eds and /clusters?format=json', async () => {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(req.url?.startsWith('/clusters') ? JSON.stringify({ cluster_statuses: [{ name: 'agent', host_statuses: [{ address: { socket_address: { address: '127.0.0.1', port_value: 15020 } }, health_status: { eds_health_status: 'HEALTHY' } }] }] }) : CLUSTERS);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let r = await run(['proxy-config', 'clusters', '--admin', url]);
    assert.equal(r.code, 0);
    assert.match(r.out, /agent/);
    r = await run(['proxy-config', 'endpoints', '--admin', url]);
    assert.equal(r.code, 0);
    assert.equal(r.out, 'ENDPOINT            STATUS      OUTLIER CHECK     CLUSTER\n127.0.0.1:15020     HEALTHY     OK                agent\n');
    assert.deepEqual(seen, ['/config_dump?include_eds', '/clusters?format=json']);
  } finally {
    await new Promise<void>((res) => server.close(() => res()));
  }
});

test('--proxy matching nothing: exit 1 naming the pod', async () => {
  const mesh = file('mesh.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\nspec: {ports: [{name: http, port: 80}]}\n');
  const r = await run(['proxy-config', 'routes', mesh, '--proxy', 'pod/nope.shop']);
  assert.equal(r.code, 1);
  assert.match(r.err, /--proxy pod\/nope\.shop: pod "nope" not found in namespace "shop"/);
  const d = await run(['diff', mesh, mesh, '--proxy', 'pod/nope.shop']);
  assert.equal(d.code, 1);
  const s = await run(['describe', 'service', 'missing.shop', mesh]);
  assert.equal(s.code, 1);
  assert.match(s.err, /services "missing" not found in namespace "shop"/);
});

test('diff of bad dumps: exit 1; usage mistakes: 64', async () => {
  const good = file('good.json', CLUSTERS);
  let r = await run(['diff', '--old-dump', good, '--new-dump', file('bad.json', '{"configs": [')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.json is not valid JSON/);
  r = await run(['diff', '--old-dump', good]);
  assert.equal(r.code, 64);
  r = await run(['diff', '--old-dump', good, '--new-dump', good, '--exit-code']);
  assert.equal(r.code, 0);
  assert.equal(r.out, 'no changes\n');
});
