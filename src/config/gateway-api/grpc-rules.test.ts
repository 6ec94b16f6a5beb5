import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertGrpcRule, grpcUriMatch } from './grpc-rules.ts';
import { fakeContext } from './testing.ts';

test('gRPC method matches → URI matches', () => {
  const cases: Array<[unknown, unknown]> = [
    [undefined, undefined],
    [{ service: 'pkg.Svc', method: 'Get' }, { exact: '/pkg.Svc/Get' }],
    [{ service: 'pkg.Svc' }, { prefix: '/pkg.Svc/' }],
    [{ method: 'Get' }, { regex: '/[^/]+/Get' }],
    [{ type: 'RegularExpression', service: 'pkg\\..*' }, { regex: '/pkg\\..*/.+' }],
    [{ type: 'RegularExpression', service: 's', method: 'M.*' }, { regex: '/s/M.*' }],
    [{ type: 'Exact' }, null],
  ];
  for (const [m, want] of cases) assert.deepEqual(grpcUriMatch(m as any), want, JSON.stringify(m));
});

test('GRPCRoute rules: match + headers, backends, unsupported filter rejected, empty method match rejected', () => {
  const ok = convertGrpcRule(
    { backendRefs: [{ name: 'a', port: 9000 }] }, { method: { service: 's', method: 'M' }, headers: [{ name: 'x', value: '1' }] },
    'spec.rules[0].matches[0]', 0, 'default', 'g', 'spec.rules[0]', fakeContext,
  );
  assert.deepEqual(ok.route, {
    name: 'default.g.0',
    match: [{ uri: { exact: '/s/M' }, headers: { x: { exact: '1' } } }],
    route: [{ destination: { host: 'a.default.svc.cluster.local', port: { number: 9000 } } }],
  });
  const badFilter = convertGrpcRule({ filters: [{ type: 'URLRewrite' }], backendRefs: [{ name: 'a', port: 1 }] }, undefined, '', 1, 'default', 'g', 'spec.rules[1]', fakeContext);
  assert.equal(badFilter.route, undefined);
  assert.equal(badFilter.issues[0]?.path, 'spec.rules[1].filters[0]');
  const badMatch = convertGrpcRule({ backendRefs: [{ name: 'a', port: 1 }] }, { method: {} }, 'spec.rules[0].matches[0]', 0, 'default', 'g', 'spec.rules[0]', fakeContext);
  assert.equal(badMatch.issues[0]?.path, 'spec.rules[0].matches[0].method');
});
