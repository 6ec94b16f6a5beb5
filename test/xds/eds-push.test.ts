// The endpoint-only push over real gRPC (sluice serve on 127.0.0.1): an Envoy sidecar subscribed to
// LDS, CDS and EDS gets only a new EDS response when a Pod moves, and CDS again when clusters change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TypeUrl } from '../../src/envoy/types.ts';
import { decodeAll, node, sotwStream, type RawStream } from './support/ads-client.ts';
import { startTestServer, waitFor, type TestServer } from './support/server.ts';

const POD = (name: string, ip: string) => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: { app: web, version: v1, security.istio.io/tlsMode: istio }
spec:
  containers: [{ name: app, ports: [{ containerPort: 8080 }] }]
status:
  podIP: ${ip}
  podIPs: [{ ip: ${ip} }]
  conditions: [{ type: Ready, status: "True" }]
`;
const MESH = (ips: string[], extra = '') => `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 8080, targetPort: 8080 }]
${ips.map((ip, i) => POD(`web-${i}`, ip)).join('')}${extra}`;
const WEB = 'outbound|8080||web.shop.svc.cluster.local';
const PROXY = 'sidecar~10.9.0.1~client-1.shop~shop.svc.cluster.local';
let srv: TestServer;

before(async () => { srv = await startTestServer(MESH(['10.1.0.1'])); });
after(async () => { await srv?.stop(); });

const addresses = (resp: any): string[] => decodeAll(resp).flatMap((c: any) => c.endpoints.flatMap((l: any) => l.lb_endpoints.map((e: any) => e.endpoint.address.socket_address.address))).sort();
async function ack(s: RawStream<any, any>, type: string, names: string[] = []): Promise<any> {
  const r = await s.next();
  assert.equal(r.type_url, type);
  s.send({ type_url: type, resource_names: names, response_nonce: r.nonce, version_info: r.version_info });
  return r;
}

test('a moved Pod: EDS-only push (no LDS/CDS), then a new ServiceEntry: full push with CDS', async () => {
  const s = sotwStream(`127.0.0.1:${srv.xds.port}`);
  try {
    s.send({ node: node(PROXY, { NAMESPACE: 'shop' }), type_url: TypeUrl.Cluster, resource_names: [] });
    const cds = await ack(s, TypeUrl.Cluster);
    assert.ok(decodeAll(cds).some((c: any) => c.name === WEB));
    s.send({ type_url: TypeUrl.Listener, resource_names: [] });
    await ack(s, TypeUrl.Listener);
    s.send({ type_url: TypeUrl.ClusterLoadAssignment, resource_names: [WEB] });
    assert.deepEqual(addresses(await ack(s, TypeUrl.ClusterLoadAssignment, [WEB])), ['10.1.0.1']);
    const proxy = [...srv.cp.connections].find((c) => c.node?.id === PROXY)!.node!;
    const lds = srv.cp.cache.resources(proxy).lds;

    await srv.apply(MESH(['10.1.0.1', '10.1.0.2']));
    assert.equal(srv.cp.cache.change.kind, 'eds');
    assert.deepEqual(addresses(await ack(s, TypeUrl.ClusterLoadAssignment, [WEB])), ['10.1.0.1', '10.1.0.2']);
    assert.equal(await s.quiet(200), true, 'only EDS was pushed');
    assert.equal(srv.cp.cache.resources(proxy).lds, lds, 'listeners were not rebuilt');
    await waitFor(() => srv.cp.syncz().find((p) => p.proxy === PROXY)?.types.eds?.status === 'SYNCED', 'EDS ACKed');
    assert.ok(srv.logs.some((l) => l.includes('"push":"eds"')));

    await srv.apply(MESH(['10.1.0.1', '10.1.0.2'], `---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: api, namespace: shop }
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{ number: 443, name: tls, protocol: TLS }]
`));
    assert.equal(srv.cp.cache.change.kind, 'full');
    const pushed = new Map<string, any>();
    for (let i = 0; i < 2; i++) { const r = await s.next(); pushed.set(r.type_url, r); }
    assert.ok(decodeAll(pushed.get(TypeUrl.Cluster)).some((c: any) => c.name === 'outbound|443||api.example.com'));
    assert.ok(pushed.has(TypeUrl.Listener), 'the new TLS port gets a listener');
  } finally { s.close(); }
});
