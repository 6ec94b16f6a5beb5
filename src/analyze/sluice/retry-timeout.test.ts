import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, pairs } from '../testing.ts';
import { retryTimeoutAnalyzer } from './retry-timeout.ts';

const vs = (timeout: string, attempts: number, perTry: string) => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings, namespace: shop}
spec:
  hosts: [ratings]
  http:
  - timeout: ${timeout}
    retries: {attempts: ${attempts}, perTryTimeout: ${perTry}}
    route: [{destination: {host: ratings}}]`;

test('SLU0003: 3 × 2s per try against a 5s timeout', () => {
  const d = analyzeYaml(vs('5s', 3, '2s'), [retryTimeoutAnalyzer]);
  assert.deepEqual(pairs(d), ['SLU0003 VirtualService shop/ratings']);
  assert.match(d[0].message, /2s × 3 retries = 6s is not less than the route timeout 5s, so at most the first 3 tries/);
  assert.equal(d[0].path, 'spec.http[0].retries.perTryTimeout');
});

test('SLU0003 negative: 2 × 500ms fits a 2s timeout; no timeout means no bound', () => {
  assert.deepEqual(analyzeYaml(vs('2s', 2, '500ms'), [retryTimeoutAnalyzer]), []);
  assert.deepEqual(analyzeYaml(vs('2s', 2, '500ms').replace('timeout: 2s', 'name: x'), [retryTimeoutAnalyzer]), []);
});
