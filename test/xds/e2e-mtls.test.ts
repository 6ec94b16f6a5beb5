// End-to-end xDS-driven mTLS (gRFC A29): DestinationRule ISTIO_MUTUAL → the proxyless client uses its
// bootstrap's `default` certificate provider and checks the server's SPIFFE identity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { releaseLibraryTimers, startBackend, xdsBootstrap, xdsEchoClient, type Backend } from './support/echo.ts';
import { startTestServer, waitFor, type TestServer } from './support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-mtls-e2e-'));
const p = (f: string) => join(dir, f);
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });

/** A CA, and leaf certificates it signs with a SPIFFE URI SAN. */
function makeCerts(): void {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '1', '-subj', '/CN=test-ca');
  for (const [name, san] of [['server', 'URI:spiffe://cluster.local/ns/test/sa/echo,IP:127.0.0.1'], ['client', 'URI:spiffe://cluster.local/ns/test/sa/client']]) {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p(`${name}.key`), '-out', p(`${name}.csr`), '-subj', `/CN=${name}`);
    writeFileSync(p(`${name}.ext`), `subjectAltName=${san}\n`);
    openssl('x509', '-req', '-in', p(`${name}.csr`), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p(`${name}.pem`), '-days', '1', '-extfile', p(`${name}.ext`));
  }
}

const mesh = (port: number, san: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: secure, namespace: test }
spec:
  hosts: [secure.test.svc.cluster.local]
  location: MESH_INTERNAL
  resolution: STATIC
  subjectAltNames: [${san}]
  ports: [{ number: 7443, name: grpc, protocol: GRPC }]
  endpoints: [{ address: 127.0.0.1, ports: { grpc: ${port} } }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: secure, namespace: test }
spec:
  host: secure.test.svc.cluster.local
  trafficPolicy: { tls: { mode: ISTIO_MUTUAL } }
`;

let backend: Backend;
let srv: TestServer;

before(async () => {
  makeCerts();
  backend = await startBackend('secure', grpc.ServerCredentials.createSsl(readFileSync(p('ca.pem')), [{ private_key: readFileSync(p('server.key')), cert_chain: readFileSync(p('server.pem')) }], true));
  srv = await startTestServer(mesh(backend.port, 'spiffe://cluster.local/ns/test/sa/echo'));
});

after(async () => {
  backend?.close();
  await srv?.stop();
  releaseLibraryTimers();
});

function bootstrap(id: string): object {
  return {
    ...xdsBootstrap(`127.0.0.1:${srv.xds.port}`, id, { GENERATOR: 'grpc', NAMESPACE: 'test' }),
    certificate_providers: { default: { plugin_name: 'file_watcher', config: { certificate_file: p('client.pem'), private_key_file: p('client.key'), ca_certificate_file: p('ca.pem'), refresh_interval: '600s' } } },
  };
}

test('ISTIO_MUTUAL: calls succeed over mTLS when the server identity matches the service', async () => {
  const c = xdsEchoClient('secure.test.svc.cluster.local:7443', bootstrap('sidecar~10.0.2.1~m1.test~test.svc.cluster.local'), { xdsCredentials: true });
  try {
    const r = await c.call({}, 20_000);
    assert.ok(r.ok && r.backend === 'secure', JSON.stringify(r));
  } finally { c.close(); }
});

test('ISTIO_MUTUAL: a server whose SPIFFE identity is not the service’s is refused', async () => {
  await srv.apply(mesh(backend.port, 'spiffe://cluster.local/ns/test/sa/someone-else'));
  const id = 'sidecar~10.0.2.2~m2.test~test.svc.cluster.local';
  const c = xdsEchoClient('secure.test.svc.cluster.local:7443', bootstrap(id), { xdsCredentials: true });
  try {
    const r = await c.call({}, 5_000);
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.match(!r.ok ? r.details : "", /No matching subject alternative name/);
    await waitFor(() => srv.cp.syncz().find((x) => x.proxy === id)?.types.cds?.status === 'SYNCED', 'the cluster to be accepted');
  } finally { c.close(); }
});
