import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileHeaderMatcher, compileStringMatcher, fractionalPercent } from './matchers.ts';
import { predicateMatches } from './listener-match.ts';
import { cidrContains, parseIp } from './ip.ts';

const H = (o: Record<string, string>) => new Map(Object.entries(o));

test('header matchers: missing headers, presence, inversion, treat-missing-as-empty', () => {
  const exact = compileHeaderMatcher({ name: 'X-A', string_match: { exact: 'v' } });
  assert.equal(exact.test(H({ 'x-a': 'v' })), true);
  assert.equal(exact.test(H({})), false);
  const inv = compileHeaderMatcher({ name: 'x-a', string_match: { exact: 'v' }, invert_match: true });
  assert.equal(inv.test(H({})), true, 'absent satisfies an inverted value matcher');
  assert.equal(inv.test(H({ 'x-a': 'v' })), false);
  assert.equal(compileHeaderMatcher({ name: 'x-a', present_match: true }).test(H({})), false);
  assert.equal(compileHeaderMatcher({ name: 'x-a', present_match: false }).test(H({})), true);
  assert.equal(compileHeaderMatcher({ name: 'x-a', present_match: true, invert_match: true }).test(H({})), false, 'inversion has no effect on a missing header for presence');
  assert.equal(compileHeaderMatcher({ name: 'x-a', string_match: { exact: '' }, treat_missing_header_as_empty: true }).test(H({})), true);
  assert.equal(compileHeaderMatcher({ name: 'x-a', safe_regex_match: { regex: 'a+' } }).test(H({ 'x-a': 'aab' })), false, 'regex is a full match');
  assert.equal(compileHeaderMatcher({ name: 'x-a', safe_regex_match: { regex: '(' } }).test(H({ 'x-a': '(' })), false, 'invalid RE2 never matches');
});

test('string matchers and percentages', () => {
  assert.equal(compileStringMatcher({ prefix: 'Ab', ignore_case: true }).test('aBc'), true);
  assert.equal(compileStringMatcher({ suffix: 'z' }).test('xyz'), true);
  assert.equal(compileStringMatcher({ contains: 'q' }).test('abc'), false);
  assert.equal(fractionalPercent({ numerator: 5, denominator: 'TEN_THOUSAND' }), 0.05);
  assert.equal(fractionalPercent(undefined), 100);
});

test('listener filter predicates and CIDRs', () => {
  const p = { or_match: { rules: [{ destination_port_range: { start: 80, end: 81 } }, { not_match: { destination_port_range: { start: 1, end: 1000 } } }] } };
  assert.equal(predicateMatches(p, 80), true);
  assert.equal(predicateMatches(p, 443), false);
  assert.equal(predicateMatches(p, 8080), true);
  assert.equal(cidrContains('10.1.0.0', 16, parseIp('10.1.200.3')!), true);
  assert.equal(cidrContains('10.1.0.0', 16, parseIp('10.2.0.1')!), false);
  assert.equal(cidrContains('1234:1f1::', 32, parseIp('1234:1f1:123:123:f816:3eff:febf:57ce')!), true);
  assert.equal(cidrContains('10.0.0.0', 8, parseIp('::1')!), false);
  assert.equal(parseIp('300.1.1.1'), null);
});
