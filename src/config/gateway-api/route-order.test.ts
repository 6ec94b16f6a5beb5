import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortHttpRoutes, withPortMatch } from './route-order.ts';

const r = (name: string, match?: object) => (match ? { name, match: [match] } : { name });

test('Gateway API precedence: exact > prefix > regex, longer first, method, more headers, more query params, no match last', () => {
  const input = [
    r('catch-all'),
    r('regex', { uri: { regex: '/a.*/long' } }),
    r('prefix-short', { uri: { prefix: '/a' } }),
    r('prefix-long', { uri: { prefix: '/a/b' } }),
    r('exact', { uri: { exact: '/a' } }),
    r('prefix-method', { uri: { prefix: '/a' }, method: { exact: 'GET' } }),
    r('prefix-2-headers', { uri: { prefix: '/a' }, headers: { x: { exact: '1' }, y: { exact: '2' } } }),
    r('prefix-1-header', { uri: { prefix: '/a' }, headers: { x: { exact: '1' } } }),
    r('prefix-1-header-1-qp', { uri: { prefix: '/a' }, headers: { x: { exact: '1' } }, queryParams: { q: { exact: '1' } } }),
    r('port-only', { port: 8080 }),
  ];
  assert.deepEqual(sortHttpRoutes(input).map((x) => x.name), [
    'exact', 'prefix-long', 'prefix-method', 'prefix-2-headers', 'prefix-1-header-1-qp', 'prefix-1-header', 'prefix-short', 'regex', 'port-only', 'catch-all',
  ]);
});

test('equal routes keep their order (stable: older HTTPRoutes first)', () => {
  const input = [r('old', { uri: { prefix: '/' } }), r('new', { uri: { prefix: '/' } }), r('c1'), r('c2')];
  assert.deepEqual(sortHttpRoutes(input).map((x) => x.name), ['old', 'new', 'c1', 'c2']);
});

test('parentRef port: every match gets the port, a catch-all becomes a port-only match', () => {
  assert.deepEqual(withPortMatch([r('a', { uri: { prefix: '/x' } }), r('b')], 8080), [
    { name: 'a', match: [{ uri: { prefix: '/x' }, port: 8080 }] },
    { name: 'b', match: [{ port: 8080 }] },
  ]);
});
