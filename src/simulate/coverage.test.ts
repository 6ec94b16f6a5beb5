import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeCoverage, ruleIndexFor } from './coverage.ts';
import type { Route } from '../envoy/types.ts';

const meta = { filter_metadata: { istio: { config: '/apis/networking.istio.io/v1/namespaces/shop/virtual-service/reviews' } } };
const vs = {
  namespace: 'shop', name: 'reviews',
  http: [
    { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [] },
    { name: 'cart', match: [{ uri: { prefix: '/cart' } }, { uri: { exact: '/basket' } }], route: [] },
    { match: [{ uri: { regex: '/r/[0-9]+' }, queryParams: { v: { exact: '1' } } }], route: [] },
    { route: [] },
  ],
};
const route = (name: string | undefined, match: Record<string, unknown>): Route => ({ ...(name ? { name } : {}), match, route: { cluster: 'c' }, metadata: meta });

test('Envoy routes map back to their http[] rule by name, then by match signature', () => {
  assert.equal(ruleIndexFor(route(undefined, { prefix: '/', headers: [{ name: 'end-user', string_match: { exact: 'jason' } }] }), vs), 0);
  assert.equal(ruleIndexFor(route('cart', { path: '/basket' }), vs), 1);
  assert.equal(ruleIndexFor(route(undefined, { path_separated_prefix: '/cart' }), vs), 1);
  assert.equal(ruleIndexFor(route(undefined, { safe_regex: { regex: '/r/[0-9]+' }, query_parameters: [{ name: 'v' }] }), vs), 2);
  assert.equal(ruleIndexFor(route(undefined, { prefix: '/' }), vs), 3);
  assert.equal(ruleIndexFor(route(undefined, { prefix: '/zzz' }), vs), -1);
});

test('coverage counts each rule once and lists the uncovered ones', () => {
  const report = routeCoverage([vs], [route(undefined, { prefix: '/' }), route('cart', { prefix: '/cart' }), route(undefined, { prefix: '/' })]);
  assert.equal(report.total, 4);
  assert.equal(report.covered, 2);
  assert.equal(report.percent, 50);
  assert.deepEqual(report.units.filter((u) => !u.covered).map((u) => u.index), [0, 2]);
  assert.equal(report.units[0].label, 'http[0] (header end-user {"exact":"jason"})');
  assert.equal(report.units[1].label, 'http[1] cart (uri prefix /cart OR uri exact /basket)');
});
