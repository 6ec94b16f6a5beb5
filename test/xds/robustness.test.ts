// Misbehaving clients must not hurt the others: connect/disconnect storms, clients that never ACK,
// a client that NACKs everything, a slow reader. Memory returns to baseline after they leave.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TypeUrl } from '../../src/envoy/types.ts';
import { adsClient, node, sotwStream, stalledSotwStream, type RawStream } from './support/ads-client.ts';
import { startTestServer, waitFor, type TestServer } from './support/server.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** N ServiceEntries (big CDS/EDS responses), one of them with `port` varied per revision. */
function bigMesh(n: number, revision: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: svc-${i}, namespace: test }
spec:
  hosts: [svc-${i}.test.svc.cluster.local]
  location: MESH_INTERNAL
  resolution: STATIC
  ports: [{ number: 7070, name: grpc, protocol: GRPC }]
  endpoints:${Array.from({ length: 16 }, (_, e) => e).map((e) => `\n  - { address: 10.${e}.${Math.floor(i / 250)}.${i % 250}, ports: { grpc: ${i === 0 ? 20000 + revision : 8080} } }`).join('')}`);
  }
  return docs.join('\n---\n') + '\n';
}

const META = { GENERATOR: 'grpc', NAMESPACE: 'test' };
const ALL_CLUSTERS = (n: number) => Array.from({ length: n }, (_, i) => `outbound|7070||svc-${i}.test.svc.cluster.local`);
let srv: TestServer;
let addr: string;
let revision = 0;
const N = 100;

async function change(): Promise<void> { await srv.apply(bigMesh(N, ++revision)); }

/** A well-behaved client: subscribes to every CLA and ACKs everything. */
function goodClient(id: string): RawStream<any, any> & { acked: () => number } {
  const s = sotwStream(addr);
  let acked = 0;
  s.send({ node: node(id, META), type_url: TypeUrl.ClusterLoadAssignment, resource_names: ALL_CLUSTERS(N) });
  (async () => {
    for (;;) {
      let r;
      try { r = await s.next(60_000); } catch { return; }
      s.send({ type_url: r.type_url, resource_names: ALL_CLUSTERS(N), response_nonce: r.nonce, version_info: r.version_info });
      acked++;
    }
  })();
  return Object.assign(s, { acked: () => acked });
}

function heapMB(): number { gc(); gc(); return process.memoryUsage().heapUsed / 1048576; }

before(async () => {
  srv = await startTestServer(bigMesh(N, 0));
  addr = `127.0.0.1:${srv.xds.port}`;
});
after(async () => { await srv?.stop(); });

test('connect/disconnect storm: the server keeps serving a steady client and forgets the storm', async () => {
  const good = goodClient('sidecar~10.1.0.1~good.test~test.svc.cluster.local');
  await waitFor(() => good.acked() >= 1, 'first ACK');
  const base = heapMB();
  for (let round = 0; round < 5; round++) {
    const client = adsClient(addr);
    const streams = Array.from({ length: 40 }, (_, i) => {
      const s = sotwStream(addr, { client });
      s.send({ node: node(`sidecar~10.2.${round}.${i}~storm-${i}.test~test.svc.cluster.local`, META), type_url: TypeUrl.ClusterLoadAssignment, resource_names: ALL_CLUSTERS(20) });
      return s;
    });
    await Promise.all(streams.map((s) => s.next()));
    for (const s of streams) s.close();
  }
  const before = good.acked();
  await change();
  await waitFor(() => good.acked() > before, 'the steady client gets the change');
  await waitFor(() => srv.cp.connections.size === 1, 'storm connections to be gone');
  assert.ok(heapMB() < base + 25, `heap ${heapMB().toFixed(1)} MB vs baseline ${base.toFixed(1)} MB`);
  good.close();
  await waitFor(() => srv.cp.connections.size === 0, 'all gone');
});

test('clients that never ACK still get each change once, show STALE, and do not hold up the others', async () => {
  const good = goodClient('sidecar~10.1.0.2~good2.test~test.svc.cluster.local');
  await waitFor(() => good.acked() >= 1, 'first ACK');
  const base = heapMB();
  const silent = Array.from({ length: 30 }, (_, i) => {
    const s = sotwStream(addr);
    s.send({ node: node(`sidecar~10.3.0.${i}~mute-${i}.test~test.svc.cluster.local`, META), type_url: TypeUrl.ClusterLoadAssignment, resource_names: ALL_CLUSTERS(N) });
    return s;
  });
  await waitFor(() => silent.every((s) => s.responses.length === 1), 'initial responses');
  for (let i = 0; i < 3; i++) {
    const before = good.acked();
    await change();
    await waitFor(() => good.acked() > before, 'the good client follows every change');
  }
  await waitFor(() => silent.every((s) => s.responses.length === 4), 'non-ACKing clients still get each change once');
  assert.equal(await silent[0].quiet(200), true, 'nothing is re-sent to a client that does not ACK');
  assert.equal(srv.cp.syncz().find((p) => p.proxy.includes('mute-0'))!.types.eds!.status, 'STALE');
  for (const s of silent) s.close();
  await waitFor(() => srv.cp.connections.size === 1, 'silent clients gone');
  assert.ok(heapMB() < base + 25, `heap ${heapMB().toFixed(1)} MB vs baseline ${base.toFixed(1)} MB`);
  good.close();
  await waitFor(() => srv.cp.connections.size === 0, 'all gone');
});

test('a client that NACKs everything gets one response per change, never a re-send, and is reported NACKED', async () => {
  const good = goodClient('sidecar~10.1.0.4~good4.test~test.svc.cluster.local');
  await waitFor(() => good.acked() >= 1, 'first ACK');
  const base = heapMB();
  const nacker = sotwStream(addr);
  nacker.send({ node: node('sidecar~10.4.0.1~nacker.test~test.svc.cluster.local', META), type_url: TypeUrl.ClusterLoadAssignment, resource_names: ALL_CLUSTERS(N) });
  let nacked = 0;
  (async () => {
    for (;;) {
      let r;
      try { r = await nacker.next(60_000); } catch { return; }
      nacker.send({ type_url: r.type_url, resource_names: ALL_CLUSTERS(N), response_nonce: r.nonce, version_info: '', error_detail: { code: 3, message: 'I reject everything' } });
      nacked++;
    }
  })();
  await waitFor(() => nacked === 1, 'initial response');
  for (let i = 0; i < 3; i++) {
    const before = good.acked();
    await change();
    await waitFor(() => good.acked() > before, 'the good client follows every change');
  }
  await waitFor(() => nacked === 4, 'one response per change for the NACKer');
  assert.equal(await nacker.quiet(300), true, 'a NACKed version is never re-sent');
  assert.equal(nacked, 4);
  const eds = () => srv.cp.syncz().find((p) => p.proxy.includes('nacker'))!.types.eds!;
  await waitFor(() => eds().nacks === 4, 'the server to record 4 NACKs');
  assert.equal(eds().status, 'NACKED');
  assert.equal(eds().error, 'I reject everything');
  nacker.close();
  await waitFor(() => srv.cp.connections.size === 1, 'the NACKer gone');
  assert.ok(heapMB() < base + 25, `heap ${heapMB().toFixed(1)} MB vs baseline ${base.toFixed(1)} MB`);
  good.close();
  await waitFor(() => srv.cp.connections.size === 0, 'all gone');
});

test('a slow reader gets coalesced pushes (bounded memory) while a fast client keeps up', async () => {
  const good = goodClient('sidecar~10.1.0.3~good3.test~test.svc.cluster.local');
  await waitFor(() => good.acked() >= 1, 'first ACK');
  const base = heapMB();
  const slow = await stalledSotwStream(addr, { node: node('sidecar~10.5.0.1~slow.test~test.svc.cluster.local', META), type_url: TypeUrl.ClusterLoadAssignment, resource_names: ALL_CLUSTERS(N) });
  await waitFor(() => [...srv.cp.connections].some((c) => c.node?.id.includes('slow')), 'the slow reader to connect');
  const changes = 14;
  for (let i = 0; i < changes; i++) {
    const before = good.acked();
    await change();
    await waitFor(() => good.acked() > before, `fast client ACK ${i}`);
  }
  const slowConn = [...srv.cp.connections].find((c) => c.node?.id.includes('slow'))!;
  const sent = Number.parseInt(slowConn.sync().eds!.sentNonce!, 36);
  assert.ok(sent <= 4, `slow reader was sent ${sent} responses for ${changes + 1} states: pushes must coalesce while it does not read`);
  slow.close();
  await waitFor(() => srv.cp.connections.size === 1, 'slow reader gone');
  assert.ok(heapMB() < base + 25, `heap ${heapMB().toFixed(1)} MB vs baseline ${base.toFixed(1)} MB`);
  good.close();
});
