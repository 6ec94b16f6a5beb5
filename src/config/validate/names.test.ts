import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wildcardDomainError, isIP, isIPOrCIDR, labelKeyError, headerNameError } from './names.ts';
import { parseDurationMs, durationError } from './durations.ts';
import { re2Error } from './regex.ts';

test('wildcard domains: * only in the first label', () => {
  for (const ok of ['*', '*.example.com', 'reviews', 'reviews.shop.svc.cluster.local', '*-api.example.com', 'istio.io.']) assert.equal(wildcardDomainError(ok), undefined, ok);
  for (const bad of ['', 'foo.*.com', '*.*.com', 'a..b', '-a.com', 'a.123', 'x'.repeat(256)]) assert.ok(wildcardDomainError(bad), bad);
});

test('IPs, CIDRs, label keys, header names', () => {
  assert.ok(isIP('10.0.0.1') && isIP('::1') && isIP('2001:db8::8:800:200c:417a') && isIP('::ffff:10.0.0.1'));
  assert.ok(!isIP('10.0.0.256') && !isIP('01.2.3.4') && !isIP('1:2:3') && !isIP('host'));
  assert.ok(isIPOrCIDR('10.0.0.0/8') && isIPOrCIDR('2001:db8::/32') && !isIPOrCIDR('10.0.0.0/40'));
  assert.equal(labelKeyError('app.kubernetes.io/name'), undefined);
  assert.ok(labelKeyError('a/b/c') && labelKeyError('-x'));
  assert.equal(headerNameError('x-request-id'), undefined);
  assert.ok(headerNameError('x request') && headerNameError(''));
});

test('durations: Go syntax, at least 1ms, ms precision', () => {
  assert.equal(parseDurationMs('1m30s'), 90_000);
  assert.equal(parseDurationMs('1.5s'), 1500);
  assert.equal(parseDurationMs('250ms'), 250);
  assert.equal(parseDurationMs('0'), 0);
  assert.equal(parseDurationMs('10'), undefined);
  assert.equal(parseDurationMs('1d'), undefined);
  assert.equal(durationError('2s'), undefined);
  assert.match(durationError('0s')!, /greater than 1ms/);
  assert.match(durationError('1500us')!, /ms precision/);
});

test('regexes are RE2: lookaheads and backreferences are rejected', () => {
  assert.equal(re2Error('^/api/v[0-9]+/.*'), undefined);
  assert.ok(re2Error('(?=x)'));
  assert.ok(re2Error('(a)\\1'));
});
