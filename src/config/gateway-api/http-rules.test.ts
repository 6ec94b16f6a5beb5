import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertHttpRule, gatewayDuration, httpMatch, redirect, rewrite, uriMatch } from './http-rules.ts';
import { fakeContext } from './testing.ts';


test('path matches: PathPrefix (default, trailing slash ignored), Exact, RegularExpression', () => {
  const cases: Array<[unknown, unknown]> = [
    [undefined, { prefix: '/' }],
    [{ value: '/foo/' }, { prefix: '/foo' }],
    [{ type: 'PathPrefix', value: '/' }, { prefix: '/' }],
    [{ type: 'Exact', value: '/x/' }, { exact: '/x/' }],
    [{ type: 'RegularExpression', value: '/v[0-9]+' }, { regex: '/v[0-9]+' }],
  ];
  for (const [input, want] of cases) assert.deepEqual(uriMatch(input as any), want, JSON.stringify(input));
});

test('headers, query params and method become one Istio match', () => {
  assert.deepEqual(
    httpMatch({
      path: { type: 'Exact', value: '/a' },
      headers: [{ name: 'x-v', value: '1' }, { name: 'x-r', type: 'RegularExpression', value: 'a.*' }],
      queryParams: [{ name: 'q', value: 'z' }],
      method: 'POST',
    }),
    { uri: { exact: '/a' }, headers: { 'x-v': { exact: '1' }, 'x-r': { regex: 'a.*' } }, queryParams: { q: { exact: 'z' } }, method: { exact: 'POST' } },
  );
});

test('durations: Gateway API Go durations to VirtualService seconds; 0 and junk mean unset', () => {
  const cases: Array<[unknown, string | undefined]> = [['10s', '10s'], ['1m30s', '90s'], ['500ms', '0.5s'], ['1h', '3600s'], ['0s', undefined], ['5x', undefined], [undefined, undefined]];
  for (const [d, want] of cases) assert.equal(gatewayDuration(d), want, String(d));
});

test('RequestRedirect: port from the request unless a scheme or port is given; prefix replacement marker', () => {
  assert.deepEqual(redirect({ hostname: 'x.com' }), { authority: 'x.com', derivePort: 'FROM_REQUEST_PORT' });
  assert.deepEqual(redirect({ scheme: 'https', statusCode: 302 }), { redirectCode: 302, scheme: 'https', derivePort: 'FROM_PROTOCOL_DEFAULT' });
  assert.deepEqual(redirect({ port: 8443, path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } }), { port: 8443, uri: '%PREFIX()%/new' });
  assert.deepEqual(redirect({ path: { type: 'ReplaceFullPath', replaceFullPath: '/full' } }), { derivePort: 'FROM_REQUEST_PORT', uri: '/full' });
});

test('URLRewrite: prefix (slash trimmed, "/" kept), full path as regex rewrite, hostname as authority', () => {
  assert.deepEqual(rewrite({ path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2/' } }), { uri: '/v2' });
  assert.deepEqual(rewrite({ path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } }), { uri: '/' });
  assert.deepEqual(rewrite({ path: { type: 'ReplaceFullPath', replaceFullPath: '/x' }, hostname: 'h' }), { uriRegexRewrite: { match: '/.*', rewrite: '/x' }, authority: 'h' });
  assert.equal(rewrite({}), undefined);
});

test('rules: names, weights, zero weights, filters, retries, timeouts, errors', () => {
  const conv = (rule: object, match?: object) => convertHttpRule(rule as any, match as any, 2, 'default', 'r', 'spec.rules[2]', fakeContext);
  const cases: Array<{ name: string; rule: object; match?: object; route?: object; issues?: string[] }> = [
    {
      name: 'single backend: no weight, Service host, auto name',
      rule: { backendRefs: [{ name: 'a', port: 80 }] },
      route: { name: 'default.r.2', route: [{ destination: { host: 'a.default.svc.cluster.local', port: { number: 80 } } }] },
    },
    {
      name: 'named rule, two weighted backends, one dropped at weight 0',
      rule: { name: 'split', backendRefs: [{ name: 'a', port: 80, weight: 3 }, { name: 'b', port: 81 }, { name: 'c', namespace: 'other', port: 82, weight: 0 }] },
      route: {
        name: 'split',
        route: [
          { destination: { host: 'a.default.svc.cluster.local', port: { number: 80 } }, weight: 3 },
          { destination: { host: 'b.default.svc.cluster.local', port: { number: 81 } }, weight: 1 },
        ],
      },
    },
    { name: 'no backend with weight > 0: direct 500', rule: { backendRefs: [{ name: 'a', port: 80, weight: 0 }] }, route: { name: 'default.r.2', directResponse: { status: 500 } } },
    { name: 'no backends at all: direct 500', rule: {}, route: { name: 'default.r.2', directResponse: { status: 500 } } },
    {
      name: 'redirect without backends',
      rule: { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] },
      route: { name: 'default.r.2', redirect: { scheme: 'https', derivePort: 'FROM_PROTOCOL_DEFAULT' } },
    },
    {
      name: 'header modifiers (lower-cased names, first wins), match, timeouts without retry',
      rule: {
        filters: [
          { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }], remove: ['x-b'] } },
          { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'x-c', value: '3' }] } },
        ],
        timeouts: { request: '5s', backendRequest: '2s' },
        backendRefs: [{ name: 'a', port: 80 }],
      },
      match: { path: { value: '/p' } },
      route: {
        name: 'default.r.2', match: [{ uri: { prefix: '/p' } }],
        headers: { request: { set: { 'x-a': '1' }, remove: ['x-b'] }, response: { add: { 'x-c': '3' } } },
        timeout: '2s',
        route: [{ destination: { host: 'a.default.svc.cluster.local', port: { number: 80 } } }],
      },
    },
    {
      name: 'retry: default attempts 2, codes appended, backendRequest is the per-try timeout',
      rule: { retry: { codes: [503] }, timeouts: { request: '9s', backendRequest: '3s' }, backendRefs: [{ name: 'a', port: 80 }] },
      route: {
        name: 'default.r.2',
        retries: { attempts: 2, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,503', perTryTimeout: '3s' },
        timeout: '9s',
        route: [{ destination: { host: 'a.default.svc.cluster.local', port: { number: 80 } } }],
      },
    },
    {
      name: 'mirror with fraction, Hostname backend',
      rule: {
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'b', port: 90 }, fraction: { numerator: 1, denominator: 4 } } }],
        backendRefs: [{ group: 'networking.istio.io', kind: 'Hostname', name: 'api.example.com', port: 443 }],
      },
      route: {
        name: 'default.r.2',
        mirrors: [{ destination: { host: 'b.default.svc.cluster.local', port: { number: 90 } }, percentage: { value: 25 } }],
        route: [{ destination: { host: 'api.example.com', port: { number: 443 } } }],
      },
    },
    {
      name: 'missing Service: route kept, soft issue',
      rule: { backendRefs: [{ name: 'nope', port: 80 }] },
      route: { name: 'default.r.2', route: [{ destination: { host: 'nope.default.svc.cluster.local', port: { number: 80 } } }] },
      issues: ['soft BackendNotFound spec.rules[2].backendRefs[0]'],
    },
    {
      name: 'unsupported backend kind: empty destination (UnknownService), soft issue',
      rule: { backendRefs: [{ group: 'x.io', kind: 'Bucket', name: 'b', port: 1 }] },
      route: { name: 'default.r.2', route: [{ destination: {} }] },
      issues: ['soft InvalidKind spec.rules[2].backendRefs[0]'],
    },
    { name: 'port missing: hard', rule: { backendRefs: [{ name: 'a' }] }, issues: ['hard InvalidDestination spec.rules[2].backendRefs[0]'] },
    { name: 'Service name with a dot: hard', rule: { backendRefs: [{ name: 'a.default', port: 80 }] }, issues: ['hard InvalidDestination spec.rules[2].backendRefs[0]'] },
    { name: 'Hostname with namespace: hard', rule: { backendRefs: [{ group: 'networking.istio.io', kind: 'Hostname', name: 'h', namespace: 'x', port: 80 }] }, issues: ['hard InvalidDestination spec.rules[2].backendRefs[0].namespace'] },
    { name: 'unsupported filter: hard', rule: { filters: [{ type: 'ExtensionRef' }], backendRefs: [{ name: 'a', port: 80 }] }, issues: ['hard InvalidFilter spec.rules[2].filters[0]'] },
  ];
  for (const c of cases) {
    const r = conv(c.rule, c.match);
    assert.deepEqual(r.route, c.route, c.name);
    assert.deepEqual(r.issues.map((i) => `${i.hard ? 'hard' : 'soft'} ${i.reason} ${i.path}`), c.issues ?? [], c.name);
  }
});
