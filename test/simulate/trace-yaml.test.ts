// `sluice trace` / `sluice test` on Istio YAML: load -> translate for the proxy -> trace (the whole pipeline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const MESH = `
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  clusterIP: 10.96.0.20
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: v1
kind: Pod
metadata: {name: productpage-1, namespace: shop, labels: {app: productpage}}
spec: {containers: [{name: app, image: x}]}
status: {podIP: 10.0.0.9, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v1-1, namespace: shop, labels: {app: reviews, version: v1}}
spec: {containers: [{name: app, image: x}]}
status: {podIP: 10.0.0.11, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v2-1, namespace: shop, labels: {app: reviews, version: v2}}
spec: {containers: [{name: app, image: x}]}
status: {podIP: 10.0.0.12, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - name: jason
    match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
  - name: everyone
    route:
    - {destination: {host: reviews, subset: v1}, weight: 90}
    - {destination: {host: reviews, subset: v2}, weight: 10}
`;

const C = (s: string) => `outbound|9080|${s}|reviews.shop.svc.cluster.local`;

test('trace on YAML through a pod proxy: header route, then the weighted split; port from the service', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-trace-'));
  try {
    writeFileSync(join(dir, 'mesh.yaml'), MESH);
    const io = captureIO();
    const code = await main(['node', 'sluice', 'trace', join(dir, 'mesh.yaml'), '--proxy', 'pod/productpage-1.shop', '--host', 'reviews', '-H', 'end-user: jason', '-o', 'json'], io);
    assert.equal(code, 0, io.stderr());
    const j = JSON.parse(io.stdout());
    assert.equal(j.request.port, 9080, 'port comes from the only port of the service');
    assert.equal(j.route?.virtualService, 'reviews.shop');
    assert.deepEqual(j.clusters, [{ name: C('v2'), weight: 100, found: true }]);
    const io2 = captureIO();
    assert.equal(await main(['node', 'sluice', 'trace', join(dir, 'mesh.yaml'), '--proxy', 'sidecar:shop', '--host', 'reviews', '-o', 'json'], io2), 0);
    assert.deepEqual(JSON.parse(io2.stdout()).clusters, [{ name: C('v1'), weight: 90, found: true }, { name: C('v2'), weight: 10, found: true }]);
    const missing = captureIO();
    assert.equal(await main(['node', 'sluice', 'trace', join(dir, 'mesh.yaml'), '--proxy', 'pod/nope.shop', '--host', 'reviews'], missing), 1, 'a pod the input does not have is a failure (1), as in proxy-config; a malformed --proxy is 64');
    assert.match(missing.stderr(), /pod "nope" not found/);

    writeFileSync(join(dir, 'tests.yaml'), `config: [mesh.yaml]
proxy: pod/productpage-1.shop
tests:
- name: jason
  request: {host: reviews, headers: {end-user: jason}}
  expect: {cluster: "${C('v2')}", virtualService: reviews.shop}
`);
    const t1 = captureIO();
    assert.equal(await main(['node', 'sluice', 'test', join(dir, 'tests.yaml'), '--fail-under', '100'], t1), 1, 'half the rules are covered');
    assert.match(t1.stdout(), /route coverage: 1\/2 VirtualService http routes \(50%\)/);
    assert.match(t1.stdout(), /not covered: VirtualService reviews.shop http\[1\] everyone \(any request\)/);
    const t2 = captureIO();
    assert.equal(await main(['node', 'sluice', 'test', join(dir, 'tests.yaml'), '--fail-under', '50'], t2), 0, t2.stdout());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('trace says when a Sidecar hides the service a request falls through for', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-trace-'));
  try {
    writeFileSync(join(dir, 'mesh.yaml'), MESH + `
---
apiVersion: v1
kind: Service
metadata: {name: invoices, namespace: billing}
spec:
  selector: {app: invoices}
  ports: [{name: http, port: 8000}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec:
  egress: [{hosts: [./*]}]
`);
    const io = captureIO();
    assert.equal(await main(['node', 'sluice', 'trace', join(dir, 'mesh.yaml'), '--proxy', 'pod/productpage-1.shop', '--host', 'invoices.billing', '--port', '8000', '-o', 'json'], io), 0, io.stderr());
    const j = JSON.parse(io.stdout());
    assert.equal(j.clusters[0]?.name, 'PassthroughCluster');
    const scope = j.steps.find((s: { stage: string }) => s.stage === 'scope');
    assert.match(scope?.summary ?? '', /invoices.billing.svc.cluster.local is hidden from this proxy by Sidecar shop\/default/);
    assert.match(scope.details.join('\n'), /import only: shop\/\*/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on a gateway, a 404 names the Gateway servers and hosts for the port', async () => {
  const io = captureIO();
  const code = await main(['node', 'sluice', 'trace', 'examples/shop', '--proxy', 'pod/istio-ingressgateway-7f8d6c9d4b-5xq2n.istio-system', '--host', 'www.example.com', '--port', '80', '-o', 'json'], io);
  assert.equal(code, 0, io.stderr());
  const j = JSON.parse(io.stdout());
  assert.equal(j.error, 'no_virtual_host');
  assert.equal(j.listener, '0.0.0.0_8080', 'the Service port 80 is served on target port 8080');
  const scope = j.steps.find((s: { stage: string }) => s.stage === 'scope');
  assert.equal(scope?.summary, 'no Gateway server on port 80 lists host www.example.com');
  assert.deepEqual(scope.details, ['Gateway shop/shop-gateway port 80 hosts: shop.example.com']);
});
