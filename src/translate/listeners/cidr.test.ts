import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrRange } from './cidr.ts';

test('CIDRs are masked to their prefix (IPv4 and IPv6); plain IPs get a full-length prefix', () => {
  assert.deepEqual(cidrRange('10.1.2.3/16'), { address_prefix: '10.1.0.0', prefix_len: 16 });
  assert.deepEqual(cidrRange('10.1.2.3'), { address_prefix: '10.1.2.3', prefix_len: 32 });
  assert.deepEqual(cidrRange('1234:1f1:123:123:f816:3eff:feb8:2287/32'), { address_prefix: '1234:1f1::', prefix_len: 32 });
  assert.deepEqual(cidrRange('1234:1f1:123:123:f816:3eff:febf:57ce/32'), cidrRange('1234:1f1::/32'));
  assert.deepEqual(cidrRange('fd00::1'), { address_prefix: 'fd00::1', prefix_len: 128 });
});
