import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchConflict, mergeMatches } from './delegate-merge.ts';

test('a delegate prefix must extend the root prefix; exact must equal exact', () => {
  assert.equal(matchConflict({ uri: { prefix: '/api' } }, { uri: { prefix: '/api/v1' } }), false);
  assert.equal(matchConflict({ uri: { prefix: '/api' } }, { uri: { prefix: '/web' } }), true);
  assert.equal(matchConflict({ uri: { exact: '/a' } }, { uri: { exact: '/b' } }), true);
  assert.equal(matchConflict({ uri: { regex: '.*' } }, { uri: { prefix: '/x' } }), true);
  assert.equal(matchConflict({ ignoreUriCase: true }, {}), true);
});

test('merged matches take the delegate fields, the root fills gaps; no fit drops the rule', () => {
  const m = mergeMatches([{ name: 'root', uri: { prefix: '/api' }, headers: { a: { exact: '1' } } }], [{ name: 'sub', uri: { prefix: '/api/v1' }, headers: { b: { exact: '2' } } }]);
  assert.deepEqual(m, [{ name: 'root-sub', uri: { prefix: '/api/v1' }, headers: { a: { exact: '1' }, b: { exact: '2' } } }]);
  assert.equal(mergeMatches([{ uri: { prefix: '/api' } }], [{ uri: { prefix: '/web' } }]), undefined);
});
