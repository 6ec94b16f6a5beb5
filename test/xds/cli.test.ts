// `sluice serve` as users run it (a child process), `sluice proxy-status`, and config dumps that the
// inspect tools read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIO } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { parseConfigDumpText } from '../../src/envoy/config-dump.ts';
import { TypeUrl } from '../../src/envoy/types.ts';
import { renderProxyStatus } from '../../src/cli/commands/proxy-status.ts';
import { node, sotwStream } from './support/ads-client.ts';
import { dest, ECHO_TARGET, meshYaml } from './support/mesh.ts';
import { waitFor } from './support/server.ts';

const BIN = join(import.meta.dirname, '../../bin/sluice.mjs');

function serve(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  child.stderr!.on('data', (d) => { buf += d; const parts = buf.split('\n'); buf = parts.pop()!; lines.push(...parts); });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, lines, exited };
}

const addressIn = (lines: string[], what: RegExp): string | undefined => {
  for (const l of lines) { try { const j = JSON.parse(l); if (what.test(j.msg)) return j.address; } catch { /* not JSON */ } }
  return undefined;
};

test('sluice serve: logs where it listens and who connects; proxy-status and config_dump work; SIGTERM stops it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-cli-'));
  writeFileSync(join(dir, 'mesh.yaml'), meshYaml({ v1: 50001, v2: 50002, v3: 50003 }, `  - route: [${dest('v1')}]\n`));
  const s = serve([dir, '--xds-address', '127.0.0.1:0', '--debug-address', '127.0.0.1:0']);
  try {
    await waitFor(() => !!addressIn(s.lines, /^debug HTTP/), 'the server to start', 60_000);
    const xds = addressIn(s.lines, /^xDS/)!, debug = addressIn(s.lines, /^debug HTTP/)!;
    const id = 'sidecar~10.0.0.7~client-0.test~test.svc.cluster.local';
    const ads = sotwStream(xds);
    ads.send({ node: node(id, { GENERATOR: 'grpc', NAMESPACE: 'test', ISTIO_VERSION: '1.24.0' }), type_url: TypeUrl.Listener, resource_names: [ECHO_TARGET] });
    const r = await ads.next(30_000);
    ads.send({ type_url: TypeUrl.Listener, resource_names: [ECHO_TARGET], response_nonce: r.nonce, version_info: r.version_info });
    await waitFor(() => s.lines.some((l) => l.includes('"proxy connected"') && l.includes(id)), 'the connect log line');

    let code = 1, out = '';
    for (const end = Date.now() + 15_000; Date.now() < end && !out.includes('SYNCED');) {
      const io = captureIO();
      code = await main(['node', 'sluice', 'proxy-status', '--server', `http://${debug}`], io);
      out = io.stdout();
      if (!out.includes('SYNCED')) await new Promise((res) => setTimeout(res, 50));
    }
    assert.equal(code, 0);
    const table = out.split('\n');
    assert.match(table[0], /^NAME\s+CLUSTER\s+CDS\s+LDS\s+EDS\s+RDS\s+ECDS\s+ISTIOD\s+VERSION$/);
    assert.match(table[1], /^client-0\.test\s+Kubernetes\s+NOT SENT\s+SYNCED\s+NOT SENT\s+NOT SENT\s+NOT SENT\s+sluice-\S+\s+1\.24\.0$/);

    const dumpText = await (await fetch(`http://${debug}/debug/config_dump?proxyID=${encodeURIComponent(id)}`)).text();
    const dump = parseConfigDumpText(dumpText);
    assert.ok(dump.listeners.some((l) => l.name === ECHO_TARGET));
    const dumpFile = join(dir, 'dump.json');
    writeFileSync(dumpFile, dumpText);
    const pc = captureIO();
    assert.equal(await main(['node', 'sluice', 'proxy-config', 'listeners', '-f', dumpFile, '-o', 'json'], pc), 0, pc.stderr());
    assert.match(pc.stdout(), /echo\.test\.svc\.cluster\.local:7070/);

    const metrics = await (await fetch(`http://${debug}/metrics`)).text();
    assert.match(metrics, /^pilot_xds\{stream="sotw"\} 1$/m);
    assert.match(metrics, /^pilot_xds_pushes\{type="lds"\} 1$/m);
    assert.equal((await fetch(`http://${debug}/ready`)).status, 200);
    ads.close();
  } finally {
    s.child.kill('SIGTERM');
  }
  assert.equal(await s.exited, 0);
  assert.ok(s.lines.some((l) => l.includes('shutting down')));
});

test('sluice serve refuses invalid config with the diagnostics and exit 79; bad flags exit 64', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-cli-'));
  writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: x, namespace: test }\nspec:\n  hosts: []\n  http: [{ route: [] }]\n');
  const io = captureIO();
  const code = await main(['node', 'sluice', 'serve', dir, '--xds-address', '127.0.0.1:0', '--debug-address', 'off'], io);
  assert.equal(code, 79, io.stderr());
  assert.match(io.stderr(), /bad\.yaml:\d+/);
  assert.match(io.stderr(), /not serving: the config has \d+ error/);
  const io2 = captureIO();
  assert.equal(await main(['node', 'sluice', 'serve', dir, '--xds-address', 'nowhere'], io2), 64);
  assert.match(io2.stderr(), /--xds-address must be HOST:PORT/);
});

test('proxy-status: a clear error when the server is not there', async () => {
  const io = captureIO();
  assert.equal(await main(['node', 'sluice', 'proxy-status', '--server', 'http://127.0.0.1:1'], io), 1);
  assert.match(io.stderr(), /cannot reach the Sluice control plane at http:\/\/127\.0\.0\.1:1/);
});

test('proxy-status table: istioctl columns, NACKED shown per type', () => {
  const out = renderProxyStatus({ controlPlane: 'sluice-h', proxies: [{ proxy: 'router~10.0.0.1~gw-1.istio-system~istio-system.svc.cluster.local', cluster: 'Kubernetes', istioVersion: '', proxyless: false, types: { cds: { status: 'SYNCED' }, lds: { status: 'NACKED', error: 'x' }, eds: { status: 'STALE' } } }] });
  assert.equal(out, 'NAME                  CLUSTER        CDS        LDS        EDS       RDS          ECDS         ISTIOD       VERSION\ngw-1.istio-system     Kubernetes     SYNCED     NACKED     STALE     NOT SENT     NOT SENT     sluice-h     -\n');
});
