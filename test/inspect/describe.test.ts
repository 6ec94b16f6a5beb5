// `sluice describe` on translated config (the conformance corpus covers captured dumps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const MESH = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080, targetPort: 9080, protocol: TCP}]}
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v1-abc, namespace: shop, labels: {app: reviews, version: v1}}
spec: {containers: [{name: reviews, ports: [{containerPort: 9080, protocol: TCP}]}, {name: istio-proxy}]}
status: {phase: Running, podIP: 10.0.0.11, containerStatuses: [{name: reviews, ready: true}, {name: istio-proxy, ready: true}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: reviews, subset: v1}, weight: 100}]
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: STRICT}}
`;

async function run(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-describe-'));
  writeFileSync(join(dir, 'mesh.yaml'), MESH);
  const io = captureIO();
  const code = await main(['node', 'sluice', ...args, join(dir, 'mesh.yaml')], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

test('describe service: DestinationRule and VirtualService found through the translated proxy config', async () => {
  const r = await run(['describe', 'service', 'reviews', '-n', 'shop']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, [
    'Service: reviews',
    '   Port: http 9080/HTTP targets pod port 9080',
    'DestinationRule: reviews for "reviews"',
    '   Matching subsets: v1',
    '      (Non-matching subsets v2)',
    '   Traffic Policy TLS Mode: ISTIO_MUTUAL',
    'VirtualService: reviews',
    '   Route to host "reviews" subset "v1" with weight 100%',
    '   Match: /api*',
    'Skipping Gateway information (no ingress gateway pods)',
    '',
  ].join('\n'));
});

test('describe pod: ports, services, effective mTLS mode', async () => {
  const r = await run(['describe', 'pod', 'reviews-v1-abc.shop']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Pod: reviews-v1-abc\.shop\n   Pod Revision: \n   Pod Ports: 9080 \(reviews\)\n--------------------\nService: reviews\.shop\n/);
  assert.match(r.out, /DestinationRule: reviews\.shop for "reviews"\n   Matching subsets: v1\n/);
  assert.match(r.out, /Effective PeerAuthentication:\n   Workload mTLS mode: STRICT\nApplied PeerAuthentication:\n   default\.shop\n/);
});
