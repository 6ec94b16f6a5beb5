import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envoyTlsVersion, gatewayDownstreamTls } from './network-filters.ts';

test("Istio's TLS protocol names become Envoy's TlsProtocol enum names", () => {
  assert.equal(envoyTlsVersion('TLSV1_2'), 'TLSv1_2');
  assert.equal(envoyTlsVersion('TLSV1_3'), 'TLSv1_3');
  assert.equal(envoyTlsVersion('TLS_AUTO'), 'TLS_AUTO');
  const ctx = gatewayDownstreamTls({ mode: 'SIMPLE', credentialName: 'c', minProtocolVersion: 'TLSV1_2', maxProtocolVersion: 'TLSV1_3' }, ['h2']);
  assert.deepEqual(ctx.common_tls_context?.tls_params ?? findParams(ctx), { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' });
});

function findParams(o: any): any {
  if (!o || typeof o !== 'object') return undefined;
  if (o.tls_params) return o.tls_params;
  for (const v of Object.values(o)) { const f = findParams(v); if (f) return f; }
  return undefined;
}
