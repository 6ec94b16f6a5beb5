import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCatchAllRouteMatch, resolveGatewayName, staticMatchApplies, translateRouteMatch } from './route-match.ts';

test('no match block is a catch-all prefix /', () => {
  assert.deepEqual(translateRouteMatch(undefined), { prefix: '/' });
  assert.ok(isCatchAllRouteMatch(translateRouteMatch(undefined)));
});

test('uri exact / prefix / regex, ignoreUriCase always emitted', () => {
  assert.deepEqual(translateRouteMatch({ uri: { exact: '/a' } }), { path: '/a', case_sensitive: true });
  assert.deepEqual(translateRouteMatch({ uri: { prefix: '/a' }, ignoreUriCase: true }), { prefix: '/a', case_sensitive: false });
  assert.deepEqual(translateRouteMatch({ uri: { regex: '/a/[0-9]+' } }), { safe_regex: { regex: '/a/[0-9]+' }, case_sensitive: true });
  assert.deepEqual(translateRouteMatch({ uri: { prefix: '/a/' } }, true), { path_separated_prefix: '/a', case_sensitive: true });
});

test('headers sorted by name, then :method/:authority/:scheme; empty and * become present_match', () => {
  const m = translateRouteMatch({
    headers: { zeta: { exact: 'z' }, alpha: { prefix: 'a' }, any: { regex: '*' }, empty: {} },
    withoutHeaders: { beta: { exact: 'b' } },
    method: { exact: 'GET' }, authority: { regex: 'x.*' }, scheme: { exact: 'https' },
  });
  assert.deepEqual(m.headers, [
    { name: 'alpha', string_match: { prefix: 'a' } },
    { name: 'any', present_match: true },
    { name: 'empty', present_match: true },
    { name: 'zeta', string_match: { exact: 'z' } },
    { name: 'beta', string_match: { exact: 'b' }, invert_match: true, treat_missing_header_as_empty: true },
    { name: ':method', string_match: { exact: 'GET' } },
    { name: ':authority', string_match: { safe_regex: { regex: 'x.*' } } },
    { name: ':scheme', string_match: { exact: 'https' } },
  ]);
  assert.equal(isCatchAllRouteMatch(m), false);
});

test('query params sorted; empty is present_match; JWT claims become dynamic metadata', () => {
  const m = translateRouteMatch({ queryParams: { b: { exact: '1' }, a: {} }, headers: { '@request.auth.claims.group': { exact: 'admin' } } });
  assert.deepEqual(m.query_parameters, [{ name: 'a', present_match: true }, { name: 'b', string_match: { exact: '1' } }]);
  assert.deepEqual(m.dynamic_metadata, [{ filter: 'istio_authn', path: [{ key: 'request.auth.claims' }, { key: 'group' }], value: { string_match: { exact: 'admin' } } }]);
});

test('catch-all detection: prefix /, regex .*; headers make it specific', () => {
  assert.ok(isCatchAllRouteMatch({ prefix: '/', case_sensitive: true }));
  assert.ok(isCatchAllRouteMatch({ safe_regex: { regex: '.*' } }));
  assert.equal(isCatchAllRouteMatch({ prefix: '/', headers: [{ name: 'x', present_match: true }] }), false);
  assert.equal(isCatchAllRouteMatch({ prefix: '/a' }), false);
});

test('static matches: port, gateways (skip sourceLabels), sourceLabels, sourceNamespace', () => {
  const ctx = { port: 80, gateways: ['mesh'], proxyLabels: { app: 'a' }, proxyNamespace: 'ns' };
  assert.ok(staticMatchApplies({}, ctx, 'ns'));
  assert.equal(staticMatchApplies({ port: 81 }, ctx, 'ns'), false);
  assert.equal(staticMatchApplies({ gateways: ['gw'] }, ctx, 'ns'), false);
  assert.ok(staticMatchApplies({ gateways: ['mesh'], sourceLabels: { app: 'b' } }, ctx, 'ns'));
  assert.equal(staticMatchApplies({ sourceLabels: { app: 'b' } }, ctx, 'ns'), false);
  assert.equal(staticMatchApplies({ sourceNamespace: 'other' }, ctx, 'ns'), false);
  assert.ok(staticMatchApplies({ gateways: ['gw'] }, { ...ctx, gateways: ['ns/gw'] }, 'ns'));
});

test('gateway references resolve against the VS namespace', () => {
  assert.equal(resolveGatewayName('gw', 'a'), 'a/gw');
  assert.equal(resolveGatewayName('./gw', 'a'), 'a/gw');
  assert.equal(resolveGatewayName('b/gw', 'a'), 'b/gw');
  assert.equal(resolveGatewayName('gw.b.svc.cluster.local', 'a'), 'b/gw');
  assert.equal(resolveGatewayName('mesh', 'a'), 'mesh');
});
