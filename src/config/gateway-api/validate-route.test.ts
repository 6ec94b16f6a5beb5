import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRoute } from './validate-route.ts';

const P = [{ group: '', kind: 'Service', name: 'a' }];

test('API-server rules for HTTPRoute: what is rejected, with the field path', () => {
  const cases: Array<{ name: string; spec: object; want: string[] }> = [
    { name: 'minimal valid route', spec: { parentRefs: P, rules: [{ backendRefs: [{ name: 'a', port: 80 }] }] }, want: [] },
    { name: 'no rules at all is valid', spec: { parentRefs: P }, want: [] },
    { name: 'parentRef without name', spec: { parentRefs: [{ kind: 'Service' }] }, want: ['spec.parentRefs[0].name'] },
    { name: 'parentRef port out of range', spec: { parentRefs: [{ name: 'a', port: 70000 }] }, want: ['spec.parentRefs[0].port'] },
    { name: 'relative path', spec: { rules: [{ matches: [{ path: { value: 'x' } }] }] }, want: ['spec.rules[0].matches[0].path.value'] },
    { name: 'bad path type', spec: { rules: [{ matches: [{ path: { type: 'Glob', value: '/x' } }] }] }, want: ['spec.rules[0].matches[0].path.type'] },
    { name: 'invalid RE2 path', spec: { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(a' } }] }] }, want: ['spec.rules[0].matches[0].path.value'] },
    { name: 'RE2-only syntax is fine', spec: { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/v[0-9]+/.*' } }] }] }, want: [] },
    { name: 'header without value, bad method', spec: { rules: [{ matches: [{ headers: [{ name: 'x' }], method: 'FETCH' }] }] }, want: ['spec.rules[0].matches[0].headers[0].value', 'spec.rules[0].matches[0].method'] },
    { name: 'Service backend without port (CEL)', spec: { rules: [{ backendRefs: [{ name: 'a' }] }] }, want: ['spec.rules[0].backendRefs[0].port'] },
    { name: 'Hostname backend without port is the controller\'s problem', spec: { rules: [{ backendRefs: [{ group: 'networking.istio.io', kind: 'Hostname', name: 'h' }] }] }, want: [] },
    { name: 'weight out of range', spec: { rules: [{ backendRefs: [{ name: 'a', port: 1, weight: 2000000 }] }] }, want: ['spec.rules[0].backendRefs[0].weight'] },
    { name: 'filter without its config', spec: { rules: [{ filters: [{ type: 'RequestRedirect' }] }] }, want: ['spec.rules[0].filters[0].requestRedirect'] },
    { name: 'unknown filter type', spec: { rules: [{ filters: [{ type: 'Magic' }] }] }, want: ['spec.rules[0].filters[0].type'] },
    { name: 'bad duration', spec: { rules: [{ timeouts: { request: '1.5s' } }] }, want: ['spec.rules[0].timeouts.request'] },
    { name: 'rules not a list', spec: { rules: { a: 1 } }, want: ['spec.rules'] },
    { name: 'too many rules', spec: { rules: Array.from({ length: 17 }, () => ({})) }, want: ['spec.rules'] },
  ];
  for (const c of cases) assert.deepEqual(validateRoute('HTTPRoute', c.spec).map((p) => p.path), c.want, c.name);
});

test('GRPCRoute: no redirect/rewrite filters, a method match needs service or method', () => {
  assert.deepEqual(validateRoute('GRPCRoute', { rules: [{ filters: [{ type: 'URLRewrite', urlRewrite: {} }], matches: [{ method: {} }] }] }).map((p) => p.path), [
    'spec.rules[0].matches[0].method', 'spec.rules[0].filters[0].type',
  ]);
  assert.deepEqual(validateRoute('GRPCRoute', { rules: [{ matches: [{ method: { service: 's' } }], backendRefs: [{ name: 'a', port: 1 }] }] }), []);
});
