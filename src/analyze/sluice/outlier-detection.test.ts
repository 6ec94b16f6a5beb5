import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, pairs } from '../testing.ts';
import { outlierDetectionAnalyzer } from './outlier-detection.ts';

const mesh = (pods: number, od: string) => `
apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: shop}
spec: {selector: {app: ratings}, ports: [{name: http, port: 9080}]}
${Array.from({ length: pods }, (_, i) => `---
apiVersion: v1
kind: Pod
metadata: {name: ratings-${i}, namespace: shop, labels: {app: ratings}}
spec: {containers: [{name: ratings, image: ratings}]}
`).join('')}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ratings, namespace: shop}
spec: {host: ratings, trafficPolicy: {outlierDetection: {${od}}}}`;

const run = (y: string) => analyzeYaml(y, [outlierDetectionAnalyzer]);

test('SLU0005: maxEjectionPercent 100 with two endpoints, and consecutive5xxErrors 1', () => {
  const d = run(mesh(2, 'consecutive5xxErrors: 1, interval: 10s, maxEjectionPercent: 100'));
  assert.deepEqual(pairs(d), ['SLU0005 DestinationRule shop/ratings', 'SLU0005 DestinationRule shop/ratings']);
  assert.ok(d.some((x) => /only 2 endpoints/.test(x.message)));
  assert.ok(d.some((x) => /first error/.test(x.message)));
});

test('SLU0005 negative: 100% with many endpoints, or moderate thresholds', () => {
  assert.deepEqual(run(mesh(5, 'consecutive5xxErrors: 5, maxEjectionPercent: 100')), []);
  assert.deepEqual(run(mesh(2, 'consecutive5xxErrors: 5, maxEjectionPercent: 50')), []);
});

test('SLU0005: without Pods, a Deployment\'s replicas count as the endpoints', () => {
  const deployment = (replicas: number) => `
apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: shop}
spec: {selector: {app: ratings}, ports: [{name: http, port: 9080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings, namespace: shop}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ratings}}
  template: {metadata: {labels: {app: ratings}}, spec: {containers: [{name: ratings, image: ratings}]}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ratings, namespace: shop}
spec: {host: ratings, trafficPolicy: {outlierDetection: {consecutive5xxErrors: 5, maxEjectionPercent: 100}}}`;
  const d = run(deployment(2));
  assert.deepEqual(pairs(d), ['SLU0005 DestinationRule shop/ratings']);
  assert.match(d[0].message, /only 2 endpoints/);
  assert.deepEqual(run(deployment(6)), []);
});
