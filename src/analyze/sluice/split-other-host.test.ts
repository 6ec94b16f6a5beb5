import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, pairs } from '../testing.ts';
import { splitOtherHostAnalyzer } from './split-other-host.ts';

const vs = (second: string, gateways = '') => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  ${gateways}
  http:
  - route:
    - {destination: {host: reviews, subset: v1}, weight: 90}
    - {destination: {host: ${second}}, weight: 10}`;

test('SLU0006: 10% of reviews traffic goes to ratings', () => {
  const d = analyzeYaml(vs('ratings'), [splitOtherHostAnalyzer]);
  assert.deepEqual(pairs(d), ['SLU0006 VirtualService shop/reviews']);
  assert.equal(d[0].path, 'spec.http[0].route[1].destination.host');
});

test('SLU0006 negative: subsets of the same host (short or FQDN), and gateway-only VirtualServices', () => {
  assert.deepEqual(analyzeYaml(vs('reviews.shop.svc.cluster.local, subset: v2'), [splitOtherHostAnalyzer]), []);
  assert.deepEqual(analyzeYaml(vs('ratings', 'gateways: [gw]'), [splitOtherHostAnalyzer]), []);
});
