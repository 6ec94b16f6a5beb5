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

const egress = (meshAttempts: number, gwAttempts: number) => `
apiVersion: v1
kind: Service
metadata: {name: istio-egressgateway, namespace: istio-system}
spec: {selector: {istio: egressgateway}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: istio-egressgateway-1, namespace: istio-system, labels: {istio: egressgateway}}
spec: {containers: [{name: istio-proxy, image: proxyv2}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: egress, namespace: istio-system}
spec: {selector: {istio: egressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [api.example.com]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api-via-egress, namespace: shop}
spec:
  hosts: [api.example.com]
  gateways: [mesh]
  http:
  - retries: {attempts: ${meshAttempts}}
    route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api-out, namespace: istio-system}
spec:
  hosts: [api.example.com]
  gateways: [egress]
  http:
  - retries: {attempts: ${gwAttempts}}
    route: [{destination: {host: api.example.com}}]`;

test('SLU0002: mesh route to the egress gateway and the gateway route compound', () => {
  const d = run(egress(3, 3));
  assert.deepEqual(pairs(d), ['SLU0002 VirtualService shop/api-via-egress']);
  assert.match(d[0].message, /16 upstream attempts/);
  assert.deepEqual(run(egress(1, 2)), []);
});
