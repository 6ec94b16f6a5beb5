import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RouteTable, regexLiteralPrefix } from './route-match.ts';
import { normalizeRequest } from './request.ts';
import type { Route } from '../envoy/types.ts';

/** Small deterministic PRNG (tests must not use Math.random: reproducible failures). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

test('regexLiteralPrefix keeps only literals every match must start with', () => {
  assert.equal(regexLiteralPrefix('/api/v[0-9]+/.*'), '/api/v');
  assert.equal(regexLiteralPrefix('^/a\\.b/c?'), '/a.b/');
  assert.equal(regexLiteralPrefix('/x|/y'), '');
  assert.equal(regexLiteralPrefix('(?i)/abc'), '');
  assert.equal(regexLiteralPrefix('/ab*'), '/a');
  assert.equal(regexLiteralPrefix('\\d+'), '');
});

test('the indexed route table picks exactly the route a linear first-match scan picks', () => {
  const rnd = prng(7);
  const seg = ['a', 'ab', 'api', 'B', 'cart', 'x'];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const path = () => '/' + Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(seg)).join('/');
  const routes: Route[] = [];
  for (let i = 0; i < 300; i++) {
    const k = rnd();
    const match: Record<string, unknown> =
      k < 0.35 ? { prefix: path() } : k < 0.55 ? { path: path() } : k < 0.7 ? { safe_regex: { regex: `${path()}(/[a-z]+)*` } }
      : k < 0.8 ? { path_separated_prefix: path() } : k < 0.85 ? { prefix: '' } : { prefix: path().toUpperCase(), case_sensitive: false };
    if (rnd() < 0.3) match.headers = [{ name: 'x-v', string_match: { exact: pick(['1', '2']) }, invert_match: rnd() < 0.3 }];
    routes.push({ name: `r${i}`, match, route: { cluster: `c${i}` } });
  }
  const table = new RouteTable(routes);
  for (let n = 0; n < 2000; n++) {
    const req = normalizeRequest({ port: 80, host: 'h', path: path() + (rnd() < 0.2 ? '?q=1' : ''), headers: rnd() < 0.5 ? [['x-v', pick(['1', '2'])]] : [] });
    const linear = table.routes.findIndex((r) => r.mismatch(req) === null);
    assert.equal(table.match(req), linear, `${req.path} ${req.headers.get('x-v')}`);
  }
});

test('path matchers: query stripped, path_separated_prefix boundaries', () => {
  const table = new RouteTable([
    { name: 'sep', match: { path_separated_prefix: '/api' }, route: { cluster: 'a' } },
    { name: 'exact', match: { path: '/apix' }, route: { cluster: 'b' } },
  ]);
  const m = (p: string) => table.match(normalizeRequest({ port: 80, path: p }));
  assert.equal(m('/api'), 0);
  assert.equal(m('/api/v1'), 0);
  assert.equal(m('/api?x=1'), 0);
  assert.equal(m('/apix?x'), 1);
  assert.equal(m('/apiy'), -1);
});
