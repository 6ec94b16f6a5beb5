import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../../config/index.ts';
import { translateProxy } from '../index.ts';

const yaml = (mode: string) => `apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: prod}
spec: {clusterIP: 10.0.5.1, selector: {app: ratings}, ports: [{name: http, port: 80, targetPort: 9080}, {name: tcp, port: 9090}]}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: prod}
spec: {mtls: {mode: ${mode}}}
`;

function chains(mode: string) {
  const { snapshot } = loadConfigFromText([{ path: 'x.yaml', text: yaml(mode) }]);
  const pc = translateProxy(snapshot, { type: 'sidecar', namespace: 'prod', labels: { app: 'ratings' }, ips: ['10.1.5.7'] });
  const vi = pc.listeners.find((l) => l.name === 'virtualInbound')!;
  return vi.filter_chains!.map((c) => ({ name: c.name, match: c.filter_chain_match ?? {}, tls: !!c.transport_socket }));
}

test('STRICT: per-port chains are TLS only (Istio mTLS server context)', () => {
  const http = chains('STRICT').filter((c) => c.name === '0.0.0.0_9080');
  assert.deepEqual(http, [{ name: '0.0.0.0_9080', match: { destination_port: 9080, transport_protocol: 'tls' }, tls: true }]);
});

test('PERMISSIVE: mTLS (istio ALPNs) and plaintext variants; TCP also accepts plain TLS', () => {
  const tcp = chains('PERMISSIVE').filter((c) => c.name === '0.0.0.0_9090');
  assert.deepEqual(tcp.map((c) => [c.match.transport_protocol, c.match.application_protocols ?? null, c.tls]), [
    ['tls', ['istio-peer-exchange', 'istio'], true], ['tls', null, false], ['raw_buffer', null, false],
  ]);
});

test('DISABLE: plaintext only; blackhole and passthrough chains always present', () => {
  const all = chains('DISABLE');
  assert.deepEqual(all.filter((c) => c.name === '0.0.0.0_9080').map((c) => c.tls), [false]);
  assert.equal(all[0]!.name, 'virtualInbound-blackhole');
  assert.ok(all.some((c) => c.name === 'virtualInbound-catchall-http') && all.some((c) => c.name === 'virtualInbound'));
});
