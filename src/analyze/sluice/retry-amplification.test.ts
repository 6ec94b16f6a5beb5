import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, pairs } from '../testing.ts';
import { retryAmplificationAnalyzer } from './retry-amplification.ts';

const run = (y: string, budget = 10) => analyzeYaml(y, [retryAmplificationAnalyzer], { retryBudget: budget });

const postRoute = (retryOn: string) => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: orders, namespace: shop}
spec:
  hosts: [orders]
  http:
  - match: [{method: {exact: POST}, uri: {prefix: /orders}}]
    retries: {attempts: 3, retryOn: "${retryOn}"}
    route: [{destination: {host: orders}}]`;

test('SLU0002: POST retried on 5xx', () => {
  const d = run(postRoute('5xx,connect-failure'));
  assert.deepEqual(pairs(d), ['SLU0002 VirtualService shop/orders']);
  assert.match(d[0].message, /POST requests.*5xx/);
});

test('SLU0002 negative: POST retried only on connection failures', () => {
  assert.deepEqual(run(postRoute('connect-failure,refused-stream')), []);
});

const chain = (gwAttempts: number, meshAttempts: number) => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: edge, namespace: shop}
spec:
  hosts: [shop.example.com]
  gateways: [shop-gw]
  http:
  - retries: {attempts: ${gwAttempts}}
    route: [{destination: {host: productpage}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: productpage, namespace: shop}
spec:
  hosts: [productpage]
  http:
  - retries: {attempts: ${meshAttempts}}
    route: [{destination: {host: productpage}}]`;

test('SLU0002: gateway and mesh retries compound beyond the budget', () => {
  const d = run(chain(3, 4));
  assert.deepEqual(pairs(d), ['SLU0002 VirtualService shop/edge']);
  assert.match(d[0].message, /20 upstream attempts.*budget of 10/);
});

test('SLU0002 negative: within the budget, or a larger --retry-budget', () => {
  assert.deepEqual(run(chain(1, 3)), []);
  assert.deepEqual(run(chain(3, 4), 20), []);
});
