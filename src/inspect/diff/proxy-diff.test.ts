import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffProxyConfigs } from './proxy-diff.ts';
import { formatChanges } from './format.ts';

const wc = (w1: number, w2: number) => ({
  name: '9080',
  virtual_hosts: [{ name: 'reviews:9080', domains: ['reviews'], routes: [{
    match: { prefix: '/' },
    metadata: { filter_metadata: { istio: { config: '/apis/networking.istio.io/v1/namespaces/shop/virtual-service/reviews' } } },
    route: { weighted_clusters: { clusters: [{ name: 'outbound|9080|v1|reviews.shop.svc.cluster.local', weight: w1 }, { name: 'outbound|9080|v2|reviews.shop.svc.cluster.local', weight: w2 }] } },
  }] }],
});
const pc = (routes: any[], clusters: any[] = []) => ({ listeners: [], routes, clusters, endpoints: [] });

test('a weight change is one route change with a weighted_clusters summary and its VirtualService', () => {
  const changes = diffProxyConfigs(pc([wc(90, 10)]), pc([wc(80, 20)]));
  assert.equal(changes.length, 1);
  assert.equal(formatChanges(changes), '~ route 9080/reviews:9080/0  weighted_clusters: v1 90→80, v2 10→20  (VirtualService shop/reviews)\n');
});

test('added and removed resources; identical configs give no changes', () => {
  const a = pc([], [{ name: 'outbound|80||a.ns.svc.cluster.local' }]);
  const b = pc([], [{ name: 'outbound|80||b.ns.svc.cluster.local' }]);
  assert.deepEqual(diffProxyConfigs(a, b).map((c) => `${c.op} ${c.resource}`), ['removed outbound|80||a.ns.svc.cluster.local', 'added outbound|80||b.ns.svc.cluster.local']);
  assert.deepEqual(diffProxyConfigs(a, a), []);
});

test('keyed arrays: inserting a named element is one change, not a cascade', () => {
  const a = pc([], [{ name: 'c', filters: [{ name: 'x' }, { name: 'y' }] }]);
  const b = pc([], [{ name: 'c', filters: [{ name: 'x' }, { name: 'new' }, { name: 'y' }] }]);
  const [c] = diffProxyConfigs(a, b);
  assert.deepEqual(c!.fields.map((f) => f.path), ['filters[new]']);
});
