import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingressUriMatch, sortByPathPrecedence, type UriMatch } from './paths.ts';

const CASES: Array<[path: string | undefined, pathType: string | undefined, want: UriMatch | undefined]> = [
  ['/a', 'Exact', { exact: '/a' }],
  ['/a', 'Prefix', { prefix: '/a' }],
  ['/', 'Prefix', { prefix: '/' }],
  ['/a/', 'Prefix', { prefix: '/a/' }], // trailing slash is dropped later (path_separated_prefix)
  // ImplementationSpecific and no pathType: Istio's legacy reading
  ['/a', 'ImplementationSpecific', { exact: '/a' }],
  ['/a/*', 'ImplementationSpecific', { prefix: '/a' }],
  ['/a.*', undefined, { prefix: '/a' }],
  ['/*', 'ImplementationSpecific', undefined],
  ['*', undefined, undefined],
  ['.*', undefined, undefined],
  ['', undefined, undefined],
  [undefined, undefined, undefined],
];

for (const [path, pathType, want] of CASES) {
  test(`path ${JSON.stringify(path)} pathType ${pathType ?? '(none)'} → ${JSON.stringify(want)}`, () => {
    assert.deepEqual(ingressUriMatch(path, pathType), want);
  });
}

test('routes: longest path first, exact before prefix on a tie, otherwise input order (stable)', () => {
  const routes: Array<{ id: string; uri?: UriMatch }> = [
    { id: 'catch-all' },
    { id: 'p-/a', uri: { prefix: '/a' } },
    { id: 'p-/abc', uri: { prefix: '/abc' } },
    { id: 'e-/a', uri: { exact: '/a' } },
    { id: 'p-/b', uri: { prefix: '/b' } },
    { id: 'e-/abc', uri: { exact: '/abc' } },
  ];
  assert.deepEqual(sortByPathPrecedence(routes, (r) => r.uri).map((r) => r.id), ['e-/abc', 'p-/abc', 'e-/a', 'p-/a', 'p-/b', 'catch-all']);
});
