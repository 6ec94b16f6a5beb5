import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, pairs } from '../testing.ts';
import { routeShadowedAnalyzer } from './route-shadowed.ts';

const vs = (http: string, extra = '') => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: shop${extra}}
spec:
  hosts: [shop.example.com]
  gateways: [shop-gw]
  http:
${http}`;

const run = (y: string) => analyzeYaml(y, [routeShadowedAnalyzer]);

test('SLU0001: a prefix covers a later longer prefix, an exact path and a regex with that literal prefix', () => {
  const d = run(vs(`
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: a}}]
  - match: [{uri: {prefix: /api/v2}}, {uri: {exact: /api}}, {uri: {regex: "/api/v[0-9]+/items"}}]
    route: [{destination: {host: b}}]`));
  assert.deepEqual(pairs(d), ['SLU0001 VirtualService shop/shop']);
  assert.match(d[0].message, /spec\.http\[1\] can never match.*spec\.http\[0\]/);
  assert.equal(d[0].source?.line, 12);
});

test('SLU0001: header and method sets — fewer conditions cover more', () => {
  const d = run(vs(`
  - match: [{uri: {prefix: /cart}, headers: {x-beta: {exact: "1"}}}]
    route: [{destination: {host: a}}]
  - match: [{uri: {prefix: /cart/items}, method: {exact: POST}, headers: {x-beta: {exact: "1"}, x-other: {prefix: a}}}]
    route: [{destination: {host: b}}]`));
  assert.deepEqual(pairs(d), ['SLU0001 VirtualService shop/shop']);
});

test('SLU0001 negative: a later route with one uncovered match is reachable; headers make the earlier route narrower', () => {
  assert.deepEqual(run(vs(`
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: a}}]
  - match: [{uri: {prefix: /api/v2}}, {uri: {prefix: /web}}]
    route: [{destination: {host: b}}]
  - match: [{uri: {prefix: /cart}, headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: a}}]
  - match: [{uri: {prefix: /cart}}]
    route: [{destination: {host: b}}]
  - match: [{uri: {regex: "/v[0-9]+/x"}}]
    route: [{destination: {host: b}}]
  - match: [{uri: {prefix: /v1}}]
    route: [{destination: {host: b}}]`)), []);
});

test('SLU0001 negative: identical matches and routes after a catch-all are left to IST0130', () => {
  assert.deepEqual(run(vs(`
  - match: [{uri: {prefix: /a}}]
    route: [{destination: {host: a}}]
  - match: [{uri: {prefix: /a}}]
    route: [{destination: {host: b}}]`)), []);
  assert.deepEqual(run(vs(`
  - route: [{destination: {host: a}}]
  - match: [{uri: {prefix: /a}}]
    route: [{destination: {host: b}}]`)), []);
});

test('SLU0001: across VirtualServices merged on one gateway host, in creation order', () => {
  const first = vs(`
  - route: [{destination: {host: a}}]`, ', creationTimestamp: "2024-01-01T00:00:00Z"');
  const second = vs(`
  - match: [{uri: {prefix: /late}}]
    route: [{destination: {host: b}}]`, ', creationTimestamp: "2024-02-01T00:00:00Z"').replace('name: shop,', 'name: shop-late,');
  const d = run(`${first}\n---\n${second}`);
  assert.deepEqual(pairs(d), ['SLU0001 VirtualService shop/shop-late']);
  assert.match(d[0].message, /shop\/shop spec\.http\[0\]/);
});
