import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, pairs } from '../testing.ts';
import { configNotVisibleAnalyzer } from './config-not-visible.ts';

const mesh = `
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: productpage-v1, namespace: shop, labels: {app: productpage}}
spec: {containers: [{name: productpage, image: productpage}]}
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v1, namespace: shop, labels: {app: reviews}}
spec: {containers: [{name: reviews, image: reviews}]}
`;
const vs = (ns: string, exportTo: string) => `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews-routes, namespace: ${ns}}
spec:
  hosts: [reviews.shop.svc.cluster.local]
  ${exportTo}
  http: [{route: [{destination: {host: reviews.shop.svc.cluster.local}}]}]
`;
const sidecar = `---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec: {egress: [{hosts: ["./*", "istio-system/*"]}]}
`;
const run = (y: string) => analyzeYaml(y, [configNotVisibleAnalyzer]);

test('SLU0008: exportTo hides the VirtualService from the namespace that calls reviews', () => {
  const d = run(mesh + vs('shop', 'exportTo: [istio-system]'));
  assert.deepEqual(pairs(d), ['SLU0008 VirtualService shop/reviews-routes']);
  assert.match(d[0].message, /hides it from namespace shop.*productpage-v1/);
});

test('SLU0008: the caller\'s Sidecar egress does not import the namespace holding the VirtualService', () => {
  const d = run(mesh + vs('ops', '') + sidecar);
  assert.deepEqual(pairs(d), ['SLU0008 VirtualService ops/reviews-routes']);
  assert.match(d[0].message, /Sidecar shop\/default/);
});

test('SLU0008 negative: exported to the caller, and imported by its Sidecar', () => {
  assert.deepEqual(run(mesh + vs('shop', 'exportTo: ["."]') + sidecar), []);
  assert.deepEqual(run(mesh + vs('ops', '') + sidecar.replace('"./*"', '"./*", "ops/*"')), []);
});
