// End-to-end: real @grpc/grpc-js-xds clients routed by `sluice serve` to plain gRPC backends on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { releaseLibraryTimers, startBackend, xdsBootstrap, xdsEchoClient, type Backend, type EchoClient } from './support/echo.ts';
import { dest, ECHO_TARGET, meshYaml, type MeshPorts } from './support/mesh.ts';
import { startTestServer, waitFor, waitSynced, type TestServer } from './support/server.ts';

const NODE = 'sidecar~10.0.0.7~client-0.test~test.svc.cluster.local';
let backends: Backend[];
let ports: MeshPorts;
let srv: TestServer;
let client: EchoClient;
const mesh = (http: string) => meshYaml(ports, http);

async function tally(n: number, md: Record<string, string> = {}): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const r = await client.call(md);
    const k = r.ok ? r.backend : `code${r.code}`;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

before(async () => {
  backends = await Promise.all(['v1', 'v2', 'v3'].map((n) => startBackend(n)));
  ports = { v1: backends[0].port, v2: backends[1].port, v3: backends[2].port };
  srv = await startTestServer(mesh(`  - route: [${dest('v1')}]\n`), { watch: true });
  client = xdsEchoClient(ECHO_TARGET, xdsBootstrap(`127.0.0.1:${srv.xds.port}`, NODE, { GENERATOR: 'grpc', NAMESPACE: 'test' }));
  // The first call waits for the client's xDS resolution (a cold start can take seconds on a busy machine).
  const first = await client.call({}, 20_000);
  assert.ok(first.ok && first.backend === 'v1', JSON.stringify(first));
  assert.deepEqual(await tally(5), { v1: 5 });
  await waitSynced(srv, NODE);
});

after(async () => {
  // Backends first, then the client: grpc-js-xds starts a 10 s (not unref'd) priority failover timer
  // when endpoints of a live channel go away, and clears it when the channel closes.
  for (const b of backends ?? []) b.close();
  await new Promise((r) => setTimeout(r, 50));
  client?.close();
  await srv?.stop();
  releaseLibraryTimers();
});

test('header-match routing sends x-canary: true to v3, everything else to v1', async () => {
  await srv.apply(mesh(`  - match: [{ headers: { x-canary: { exact: "true" } } }]\n    route: [${dest('v3')}]\n  - route: [${dest('v1')}]\n`), NODE);
  assert.deepEqual(await tally(20, { 'x-canary': 'true' }), { v3: 20 });
  assert.deepEqual(await tally(20, { 'x-canary': 'false' }), { v1: 20 });
  assert.deepEqual(await tally(10), { v1: 10 });
});

test('an 80/20 weighted split holds within ±5% over 1,000 calls', async () => {
  await srv.apply(mesh(`  - route: [${dest('v1', 80)}, ${dest('v2', 20)}]\n`), NODE);
  const c = await tally(1000);
  assert.equal((c.v1 ?? 0) + (c.v2 ?? 0), 1000, JSON.stringify(c));
  assert.ok(Math.abs(c.v1 / 1000 - 0.8) <= 0.05, `v1 got ${c.v1}/1000`);
});

test('fault injection: abort returns the configured status; delay holds the call', async () => {
  await srv.apply(mesh(`  - fault: { abort: { httpStatus: 503, percentage: { value: 100 } } }\n    route: [${dest('v1')}]\n`), NODE);
  const aborted = await tally(10);
  assert.deepEqual(aborted, { code14: 10 }); // HTTP 503 → gRPC UNAVAILABLE
  assert.equal(backends[0].attempts.get('abort') ?? 0, 0);
  await srv.apply(mesh(`  - fault: { delay: { fixedDelay: 300ms, percentage: { value: 100 } } }\n    route: [${dest('v1')}]\n`), NODE);
  const r = await client.call();
  assert.ok(r.ok && r.backend === 'v1');
  assert.ok(r.ms >= 280, `delayed call took ${r.ms} ms`);
});

test('retries: retried on the configured code, not on others', async () => {
  await srv.apply(mesh(`  - retries: { attempts: 3, retryOn: unavailable }\n    route: [${dest('v1')}]\n`), NODE);
  const ok = await client.call({ 'x-call-id': 'retry-1', 'x-fail-times': '2' });
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.equal(backends[0].attempts.get('retry-1'), 3);
  const internal = await client.call({ 'x-call-id': 'retry-2', 'x-fail-times': '1', 'x-fail-code': '13' });
  assert.equal(internal.ok, false);
  assert.equal(backends[0].attempts.get('retry-2'), 1);
  await srv.apply(mesh(`  - retries: { attempts: 0 }\n    route: [${dest('v1')}]\n`), NODE);
  const none = await client.call({ 'x-call-id': 'retry-3', 'x-fail-times': '1' });
  assert.equal(none.ok, false);
  assert.equal(backends[0].attempts.get('retry-3'), 1);
});

test('route timeout: a slow backend gives DEADLINE_EXCEEDED at the VirtualService timeout', async () => {
  await srv.apply(mesh(`  - timeout: 200ms\n    route: [${dest('v1')}]\n`), NODE);
  const r = await client.call({ 'x-sleep-ms': '3000' }, 10_000);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 4);
  assert.ok(r.ms < 3000, `ended by the route timeout, not the backend or the client deadline (${r.ms} ms)`);
});

test('a NACKed resource is recorded and leaves traffic on the last good config', async () => {
  await srv.apply(mesh(`  - route: [${dest('v2')}]\n`), NODE);
  assert.deepEqual(await tally(5), { v2: 5 });
  // gRPC clients reject redirect routes: the RouteConfiguration is NACKed.
  await srv.apply(mesh(`  - match: [{ uri: { prefix: /old } }]\n    redirect: { uri: /new }\n  - route: [${dest('v1')}]\n`));
  await waitSynced(srv, NODE, ['SYNCED', 'NACKED']);
  await waitFor(() => srv.cp.syncz().find((p) => p.proxy === NODE)?.types.rds?.status === 'NACKED', 'RDS NACK');
  const rds = srv.cp.syncz().find((p) => p.proxy === NODE)!.types.rds!;
  assert.match(rds.error ?? '', /redirect/);
  assert.deepEqual(await tally(20), { v2: 20 });
  const sent = rds.sentNonce;
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(srv.cp.syncz().find((p) => p.proxy === NODE)!.types.rds!.sentNonce, sent, 'the rejected version is not re-sent');
  await srv.apply(mesh(`  - route: [${dest('v1')}]\n`), NODE);
  assert.deepEqual(await tally(5), { v1: 5 });
});

test('--watch: a weight change applies live while calls continue, with no failed call', async () => {
  await srv.apply(mesh(`  - route: [${dest('v1', 100)}, ${dest('v2', 0)}]\n`), NODE);
  const results: string[] = [];
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const r = await client.call();
      results.push(r.ok ? r.backend : `code${r.code}`);
      await new Promise((res) => setTimeout(res, 2));
    }
  })();
  await waitFor(() => results.length >= 20, 'calls before the change');
  srv.write(mesh(`  - route: [${dest('v1', 0)}, ${dest('v2', 100)}]\n`));
  await waitFor(() => results.slice(-10).length === 10 && results.slice(-10).every((b) => b === 'v2'), 'traffic to move to v2');
  stop = true;
  await loop;
  assert.deepEqual(results.filter((r) => r.startsWith('code')), []);
});

test('--watch: a change that makes the config invalid is not applied; the last good config keeps serving', async () => {
  await srv.apply(mesh(`  - route: [${dest('v2')}]\n`), NODE);
  const rejectedBefore = srv.logs.filter((l) => l.includes('config change rejected')).length;
  await new Promise((r) => setTimeout(r, 200)); // let the watcher see the previous write first
  srv.write(mesh(`  - route: [${dest('v1')}]\n    timeout: not-a-duration\n`));
  await waitFor(() => srv.logs.filter((l) => l.includes('config change rejected')).length > rejectedBefore, 'the rejection to be logged');
  assert.ok(srv.logs.some((l) => l.startsWith('error') && /mesh\.yaml:\d+/.test(l)), 'the diagnostic names file and line');
  const syncz = (await (await fetch(`http://127.0.0.1:${srv.debug!.port}/debug/syncz`)).json()) as { config: { configErrors: string[] } };
  assert.ok(syncz.config.configErrors.length > 0);
  assert.deepEqual(await tally(10), { v2: 10 });
  await srv.apply(mesh(`  - route: [${dest('v1')}]\n`), NODE);
  assert.deepEqual(await tally(5), { v1: 5 });
});

test('short names resolve in the client namespace, as with istiod: xds:///echo:7070', async () => {
  await srv.apply(mesh(`  - route: [${dest('v3')}]\n`), NODE);
  const shortId = 'sidecar~10.0.0.8~client-1.test~test.svc.cluster.local';
  const short = xdsEchoClient('echo:7070', xdsBootstrap(`127.0.0.1:${srv.xds.port}`, shortId, { GENERATOR: 'grpc', NAMESPACE: 'test' }));
  try {
    const first = await short.call({}, 20_000);
    assert.ok(first.ok && first.backend === 'v3', JSON.stringify(first));
    assert.equal(srv.cp.syncz().find((p) => p.proxy === shortId)!.types.lds!.status, 'SYNCED');
  } finally { short.close(); }
});

test('consistent hashing: DestinationRule consistentHash on a header pins each user to one backend', async () => {
  const yaml = mesh(`  - route: [{ destination: { host: echo.test.svc.cluster.local } }]\n`)
    .replace('  subsets:\n', '  trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: x-user } } }\n  subsets:\n');
  await srv.apply(yaml, NODE);
  // gRPC's ring_hash connects endpoints lazily and sends a pick to the next ring entry while the
  // hashed one connects: warm every endpoint up before checking stickiness.
  for (let u = 0; u < 30; u++) await client.call({ 'x-user': `warm-${u}` });
  await new Promise((r) => setTimeout(r, 200));
  const seen = new Map<string, Set<string>>();
  for (let u = 0; u < 12; u++) {
    for (let i = 0; i < 5; i++) {
      const r = await client.call({ 'x-user': `user-${u}` });
      assert.ok(r.ok, JSON.stringify(r));
      if (r.ok) seen.set(`user-${u}`, (seen.get(`user-${u}`) ?? new Set()).add(r.backend));
    }
  }
  assert.ok([...seen.values()].every((s) => s.size === 1), 'every user sticks to one backend');
  assert.ok(new Set([...seen.values()].map((s) => [...s][0])).size > 1, 'users spread over backends');
});
