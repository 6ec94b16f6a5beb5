import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchCovers, regexLiteralPrefix, stringCovers } from './match-cover.ts';

test('regex literal prefixes come from RE2 (re2js)', () => {
  assert.equal(regexLiteralPrefix('/api/v[0-9]+/.*'), '/api/v');
  assert.equal(regexLiteralPrefix('^/api/x.*'), '/api/x');
  assert.equal(regexLiteralPrefix('(/a|/b)'), '/');
});

test('string matches: prefix covers exact/prefix/regex, regex covers the exact values it full-matches', () => {
  assert.ok(stringCovers({ prefix: '/a' }, { exact: '/a/b' }, false));
  assert.ok(stringCovers({ prefix: '/a' }, { regex: '/a/[0-9]+' }, false));
  assert.ok(!stringCovers({ prefix: '/a/b' }, { regex: '/a/[0-9]+' }, false));
  assert.ok(stringCovers({ regex: '/a/[0-9]+' }, { exact: '/a/12' }, false));
  assert.ok(!stringCovers({ regex: '/a/[0-9]+' }, { exact: '/a/12x' }, false));
  assert.ok(stringCovers({ exact: '/a' }, { regex: '/a' }, false), 'a fully literal regex is an exact match');
  assert.ok(stringCovers({}, { exact: 'anything' }, false), 'presence covers any value');
  assert.ok(stringCovers({ prefix: '/API' }, { prefix: '/api/x' }, true));
});

test('match covers: fewer conditions cover more; unknown fields never cover', () => {
  assert.ok(matchCovers({ uri: { prefix: '/' } }, { uri: { prefix: '/x' }, headers: { a: { exact: '1' } } }));
  assert.ok(!matchCovers({ uri: { prefix: '/' }, headers: { a: { exact: '1' } } }, { uri: { prefix: '/x' } }));
  assert.ok(!matchCovers({ uri: { prefix: '/' }, port: 80 }, { uri: { prefix: '/x' } }));
  assert.ok(!matchCovers({ uri: { prefix: '/' }, futureField: 1 }, { uri: { prefix: '/x' } }));
  assert.ok(!matchCovers({ uri: { prefix: '/x' } }, { uri: { prefix: '/X' }, ignoreUriCase: true }));
});
