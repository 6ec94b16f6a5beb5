import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertRetryPolicy, DEFAULT_RETRY_ON } from './retry-policy.ts';
import { durationString } from './durations.ts';

test('default policy: 2 retries, Istio retry_on, previous-hosts predicate, 5 host selection attempts', () => {
  const p = convertRetryPolicy(undefined, undefined)!;
  assert.equal(p.retry_on, DEFAULT_RETRY_ON);
  assert.equal(p.num_retries, 2);
  assert.equal(p.retry_host_predicate[0].name, 'envoy.retry_host_predicates.previous_hosts');
  assert.equal(p.host_selection_retry_max_attempts, '5');
  assert.equal(p.retriable_status_codes, undefined);
});

test('consistent hash drops the previous-hosts predicate', () => {
  assert.equal(convertRetryPolicy(undefined, undefined, true)!.retry_host_predicate, undefined);
});

test('attempts 0 means no policy; mesh default applies when the VS has none', () => {
  assert.equal(convertRetryPolicy({ attempts: 0 }, undefined), undefined);
  assert.equal(convertRetryPolicy(undefined, { attempts: 5 })!.num_retries, 5);
});

test('retryOn status codes move to retriable_status_codes; perTryTimeout, backoff, flags', () => {
  const p = convertRetryPolicy({ attempts: 3, retryOn: 'gateway-error,503, 504', perTryTimeout: '1.5s', backoff: '100ms', retryRemoteLocalities: true, retryIgnorePreviousHosts: false }, undefined)!;
  assert.equal(p.retry_on, 'gateway-error,retriable-status-codes');
  assert.deepEqual(p.retriable_status_codes, [503, 504]);
  assert.equal(p.per_try_timeout, '1.500s');
  assert.deepEqual(p.retry_back_off, { base_interval: '0.100s' });
  assert.equal(p.retry_priority.name, 'envoy.retry_priorities.previous_priorities');
  assert.equal(p.retry_host_predicate, undefined);
});

test('durations format as proto-JSON', () => {
  assert.equal(durationString('5s'), '5s');
  assert.equal(durationString('1m30s'), '90s');
  assert.equal(durationString('250ms'), '0.250s');
  assert.equal(durationString('1h'), '3600s');
});
