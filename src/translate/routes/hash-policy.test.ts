import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MergedDestinationRule } from '../../model/types.ts';
import { consistentHashToHashPolicy, hashPolicyFor } from './hash-policy.ts';

const dr = (spec: object): MergedDestinationRule => ({ host: 'h', spec, from: [] });

test('consistentHash kinds → Envoy hash policies', () => {
  assert.deepEqual(consistentHashToHashPolicy({ httpHeaderName: 'x-user' }), { header: { header_name: 'x-user' } });
  assert.deepEqual(consistentHashToHashPolicy({ httpCookie: { name: 'c', ttl: '10s', path: '/' } }), { cookie: { name: 'c', ttl: '10s', path: '/' } });
  assert.deepEqual(consistentHashToHashPolicy({ useSourceIp: true }), { connection_properties: { source_ip: true } });
  assert.deepEqual(consistentHashToHashPolicy({ httpQueryParameterName: 'q' }), { query_parameter: { name: 'q' } });
  assert.equal(consistentHashToHashPolicy({ ringHash: {} }), undefined);
});

test('precedence: DR, DR port-level (replaces even when empty), subset, subset port-level', () => {
  const d = dr({
    trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: 'top' } }, portLevelSettings: [{ port: { number: 81 }, connectionPool: {} }] },
    subsets: [{ name: 'v1', trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: 'sub' } }, portLevelSettings: [{ port: { number: 82 }, loadBalancer: { consistentHash: { httpHeaderName: 'subport' } } }] } }, { name: 'v2' }],
  });
  assert.deepEqual(hashPolicyFor(d, undefined, 80), [{ header: { header_name: 'top' } }]);
  assert.equal(hashPolicyFor(d, undefined, 81), undefined);
  assert.deepEqual(hashPolicyFor(d, 'v1', 80), [{ header: { header_name: 'sub' } }]);
  assert.deepEqual(hashPolicyFor(d, 'v1', 82), [{ header: { header_name: 'subport' } }]);
  assert.deepEqual(hashPolicyFor(d, 'v2', 80), [{ header: { header_name: 'top' } }]);
  assert.equal(hashPolicyFor(undefined, undefined, 80), undefined);
});
