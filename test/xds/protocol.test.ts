// xDS protocol over real gRPC: SotW ACK/NACK/stale-nonce handling, delta, per-type services, TLS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { TypeUrl } from '../../src/envoy/types.ts';
import { startXdsGrpc } from '../../src/xds/grpc.ts';
import { adsClient, decodeAll, deltaStream, node, sotwStream } from './support/ads-client.ts';
import { dest, ECHO_HOST, ECHO_TARGET, meshYaml } from './support/mesh.ts';
import { startTestServer, waitFor, type TestServer } from './support/server.ts';

const PORTS = { v1: 50001, v2: 50002, v3: 50003 };
const mesh = (http: string) => meshYaml(PORTS, http);
const GRPC_META = { GENERATOR: 'grpc', NAMESPACE: 'test' };
const RDS_NAME = `outbound|7070||${ECHO_HOST}`;
const V1 = `outbound|7070|v1|${ECHO_HOST}`, V2 = `outbound|7070|v2|${ECHO_HOST}`;
let srv: TestServer;
let addr: string;

before(async () => {
  srv = await startTestServer(mesh(`  - route: [${dest('v1')}]\n`));
  addr = `127.0.0.1:${srv.xds.port}`;
});
after(async () => { await srv?.stop(); });

test('SotW: init → response, ACK → silence, stale nonce ignored, resubscribe answered, NACK recorded and not re-sent', async () => {
  const s = sotwStream(addr);
  try {
    s.send({ node: node('sidecar~10.0.0.1~a.test~test.svc.cluster.local', GRPC_META), type_url: TypeUrl.ClusterLoadAssignment, resource_names: [V1] });
    const r1 = await s.next();
    assert.deepEqual(decodeAll(r1).map((c) => c.cluster_name), [V1]);
    // the client subscribes to V2 before it has seen r1: its request carries no nonce (stale)
    s.send({ type_url: TypeUrl.ClusterLoadAssignment, resource_names: [V1, V2], response_nonce: '' });
    assert.equal(await s.quiet(150), true, 'stale request ignored');
    // ACK of r1 with names [V1, V2]: compared with what r1 covered ([V1]), so it is answered
    s.send({ type_url: TypeUrl.ClusterLoadAssignment, resource_names: [V1, V2], response_nonce: r1.nonce, version_info: r1.version_info });
    const r2 = await s.next();
    assert.deepEqual(decodeAll(r2).map((c) => c.cluster_name), [V1, V2]);
    s.send({ type_url: TypeUrl.ClusterLoadAssignment, resource_names: [V1, V2], response_nonce: r2.nonce, version_info: r2.version_info });
    assert.equal(await s.quiet(150), true, 'ACK gets no response');
    // NACK: recorded, and the same version is never sent again
    s.send({ type_url: TypeUrl.ClusterLoadAssignment, resource_names: [V1, V2], response_nonce: r2.nonce, version_info: r1.version_info, error_detail: { code: 14, message: 'bad endpoints' } });
    await waitFor(() => srv.cp.syncz().find((p) => p.proxy.startsWith('sidecar~10.0.0.1~a'))?.types.eds?.status === 'NACKED', 'NACK state');
    assert.equal(srv.cp.syncz().find((p) => p.proxy.startsWith('sidecar~10.0.0.1~a'))!.types.eds!.error, 'bad endpoints');
    srv.cp.apply(srv.cp.cache.snapshot!); // a push with unchanged content
    assert.equal(await s.quiet(150), true, 'the rejected version is not re-sent');
  } finally { s.close(); }
});

test('SotW: a config change pushes only the types whose content changed', async () => {
  const s = sotwStream(addr);
  try {
    s.send({ node: node('sidecar~10.0.0.2~b.test~test.svc.cluster.local', GRPC_META), type_url: TypeUrl.Listener, resource_names: [ECHO_TARGET] });
    const l = await s.next();
    s.send({ type_url: TypeUrl.Listener, resource_names: [ECHO_TARGET], response_nonce: l.nonce, version_info: l.version_info });
    s.send({ type_url: TypeUrl.RouteConfiguration, resource_names: [RDS_NAME] });
    const r = await s.next();
    assert.equal(r.type_url, TypeUrl.RouteConfiguration);
    s.send({ type_url: TypeUrl.RouteConfiguration, resource_names: [RDS_NAME], response_nonce: r.nonce, version_info: r.version_info });
    assert.equal(await s.quiet(100), true);
    await srv.apply(mesh(`  - route: [${dest('v2')}]\n`));
    const pushed = await s.next();
    assert.equal(pushed.type_url, TypeUrl.RouteConfiguration, 'only RDS changed');
    assert.equal(decodeAll(pushed)[0].virtual_hosts[0].routes[0].route.cluster, V2);
    assert.equal(await s.quiet(150), true, 'no LDS push: the listener did not change');
    s.send({ type_url: TypeUrl.RouteConfiguration, resource_names: [RDS_NAME], response_nonce: pushed.nonce, version_info: pushed.version_info });
    await waitFor(() => srv.cp.syncz().find((p) => p.proxy.includes('10.0.0.2'))?.types.rds?.ackedNonce === pushed.nonce, 'the ACK');
    const metrics = await (await fetch(`http://127.0.0.1:${srv.debug!.port}/metrics`)).text();
    assert.match(metrics, /^pilot_proxy_convergence_time_count\{type="rds"\} 1$/m, 'one convergence observed: the pushed RDS, not the requested ones');
    await srv.apply(mesh(`  - route: [${dest('v1')}]\n`));
  } finally { s.close(); }
});

test('Envoy nodes: LDS/CDS without names on the first request are wildcard subscriptions', async () => {
  const s = sotwStream(addr);
  try {
    s.send({ node: node('sidecar~10.0.0.3~c.test~test.svc.cluster.local'), type_url: TypeUrl.Cluster, resource_names: [] });
    const r = await s.next();
    assert.equal(r.type_url, TypeUrl.Cluster);
    assert.equal(srv.cp.syncz().find((p) => p.proxy.includes('10.0.0.3'))!.types.cds!.subscribed, '*');
  } finally { s.close(); }
});

test('delta: versions per resource, only changes re-sent, removals announced, known versions not re-sent', async () => {
  const d = deltaStream(addr);
  try {
    d.send({ node: node('sidecar~10.0.0.4~d.test~test.svc.cluster.local', GRPC_META), type_url: TypeUrl.Cluster, resource_names_subscribe: [V1, V2] });
    const r1 = await d.next();
    assert.deepEqual(r1.resources.map((x: any) => x.name).sort(), [V1, V2]);
    const versions = Object.fromEntries(r1.resources.map((x: any) => [x.name, x.version]));
    d.send({ type_url: TypeUrl.Cluster, response_nonce: r1.nonce });
    assert.equal(await d.quiet(100), true);
    // DR without subset v2: V2 disappears → removed_resources
    await srv.apply(mesh(`  - route: [${dest('v1')}]\n`).replace('  - { name: v2, labels: { version: v2 } }\n', ''));
    const r2 = await d.next();
    assert.deepEqual(r2.removed_resources, [V2]);
    assert.deepEqual(r2.resources, []);
    await srv.apply(mesh(`  - route: [${dest('v1')}]\n`));
    const r3 = await d.next();
    assert.deepEqual(r3.resources.map((x: any) => x.name), [V2]);
    // a new stream that already holds these versions gets nothing re-sent
    const d2 = deltaStream(addr);
    d2.send({ node: node('sidecar~10.0.0.5~e.test~test.svc.cluster.local', GRPC_META), type_url: TypeUrl.Cluster, resource_names_subscribe: [V1, V2], initial_resource_versions: versions });
    const r4 = await d2.next();
    assert.deepEqual(r4.resources, []);
    d2.close();
  } finally { d.close(); }
});

test('per-type services: CDS over ClusterDiscoveryService.StreamClusters', async () => {
  const protoLoader = await import('@grpc/proto-loader');
  const { PROTO_INCLUDE_DIRS } = await import('../../src/xds/proto-root.ts');
  const def = protoLoader.loadSync(['envoy/service/cluster/v3/cds.proto'], { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: PROTO_INCLUDE_DIRS });
  const Ctor = (grpc.loadPackageDefinition(def) as any).envoy.service.cluster.v3.ClusterDiscoveryService;
  const client = new Ctor(addr, grpc.credentials.createInsecure());
  const call = client.StreamClusters();
  const resp: any = await new Promise((resolve, reject) => {
    call.on('data', resolve); call.on('error', reject);
    call.write({ node: node('sidecar~10.0.0.6~f.test~test.svc.cluster.local', GRPC_META), resource_names: [V1] });
  });
  assert.equal(resp.type_url, TypeUrl.Cluster);
  assert.deepEqual(decodeAll(resp).map((c) => c.name), [V1]);
  call.cancel(); client.close();
});

test('a first request without node.id ends the stream with INVALID_ARGUMENT', async () => {
  const client = adsClient(addr);
  const call = (client as any).StreamAggregatedResources();
  const err: any = await new Promise((resolve) => { call.on('error', resolve); call.on('data', () => {}); call.write({ type_url: TypeUrl.Cluster }); });
  assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
  client.close();
});

test('TLS: with --tls-cert/--tls-key the xDS port speaks TLS only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const cert = readFileSync(join(dir, 'cert.pem')), key = readFileSync(join(dir, 'key.pem'));
  const tls = await startXdsGrpc(srv.cp, '127.0.0.1:0', { cert, key });
  try {
    const ok = sotwStream(`127.0.0.1:${tls.port}`, { creds: grpc.credentials.createSsl(cert) });
    ok.send({ node: node('sidecar~10.0.0.8~g.test~test.svc.cluster.local', GRPC_META), type_url: TypeUrl.Cluster, resource_names: [V1] });
    assert.equal((await ok.next()).type_url, TypeUrl.Cluster);
    ok.close();
    const plain = sotwStream(`127.0.0.1:${tls.port}`);
    plain.send({ node: node('sidecar~10.0.0.9~h.test~test.svc.cluster.local', GRPC_META), type_url: TypeUrl.Cluster, resource_names: [V1] });
    await assert.rejects(plain.next(500));
    plain.close();
  } finally { await tls.close(); }
});

test('TLS with --tls-client-ca: clients must present a certificate signed by that CA', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-mtls-'));
  const gen = (name: string, cn: string, san: string) => execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.pem`), '-days', '1', '-subj', `/CN=${cn}`, '-addext', `subjectAltName=${san}`], { stdio: 'ignore' });
  gen('server', 'localhost', 'IP:127.0.0.1,DNS:localhost');
  gen('client', 'client', 'URI:spiffe://cluster.local/ns/test/sa/client');
  const f = (n: string) => readFileSync(join(dir, n));
  // The client's self-signed certificate is its own CA.
  const tls = await startXdsGrpc(srv.cp, '127.0.0.1:0', { cert: f('server.pem'), key: f('server.key'), clientCa: f('client.pem') });
  try {
    const withCert = sotwStream(`127.0.0.1:${tls.port}`, { creds: grpc.credentials.createSsl(f('server.pem'), f('client.key'), f('client.pem')) });
    withCert.send({ node: node('sidecar~10.0.1.8~m.test~test.svc.cluster.local', GRPC_META), type_url: TypeUrl.Cluster, resource_names: [V1] });
    assert.equal((await withCert.next()).type_url, TypeUrl.Cluster);
    withCert.close();
    const noCert = sotwStream(`127.0.0.1:${tls.port}`, { creds: grpc.credentials.createSsl(f('server.pem')) });
    noCert.send({ node: node('sidecar~10.0.1.9~n.test~test.svc.cluster.local', GRPC_META), type_url: TypeUrl.Cluster, resource_names: [V1] });
    await assert.rejects(noCert.next(1000));
    noCert.close();
  } finally { await tls.close(); }
});
