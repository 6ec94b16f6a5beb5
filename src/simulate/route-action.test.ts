import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFault } from './route-action.ts';

test('describeFault: Envoy HTTPFault in words', () => {
  assert.equal(describeFault({
    delay: { fixed_delay: '2s', percentage: { numerator: 100 } },
    abort: { http_status: 503, percentage: { numerator: 5 } },
  }), 'delay 2s for 100% of requests; abort 503 for 5%');
  assert.equal(describeFault({ abort: { grpc_status: 14, percentage: { numerator: 1000, denominator: 'MILLION' } } }), 'abort gRPC status 14 for 0.1% of requests');
  assert.equal(describeFault({ delay: { header_delay: {}, percentage: { numerator: 50 } } }), 'delay from the x-envoy-fault-delay-request header for 50% of requests');
  assert.equal(describeFault({ abort: { http_status: 500 } }), 'abort 500 for an unset percentage of requests');
});
