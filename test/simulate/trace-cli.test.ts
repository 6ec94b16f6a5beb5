// `sluice trace --config-dump` and `sluice test` on a config dump, in-process (no translator needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';
import { toConfigDump } from '../../src/envoy/config-dump.ts';
import { sidecarConfig } from '../../src/simulate/testdata/sidecar-config.ts';

const dumpText = JSON.stringify(toConfigDump(sidecarConfig));

test('trace --config-dump - -o json answers with the documented fields', async () => {
  const io = captureIO(dumpText);
  const code = await main(['node', 'sluice', 'trace', '--config-dump', '-', '--host', 'reviews', '--port', '9080', '--path', '/cart/checkout', '-o', 'json'], io);
  assert.equal(code, 0, io.stderr());
  const j = JSON.parse(io.stdout());
  assert.equal(j.listener, '0.0.0.0_9080');
  assert.equal(j.routeConfig, '9080');
  assert.deepEqual(j.route, { name: 'all-cart', match: 'prefix /cart', virtualService: 'reviews.default', index: 1 });
  assert.deepEqual(j.clusters, [{ name: 'outbound|9080|v1|reviews.default.svc.cluster.local', weight: 100, found: true }]);
  assert.equal(j.error, null);
  assert.ok(Array.isArray(j.steps) && j.steps.length > 5);
});

test('trace text output explains the stages; bad input gives a clear error and exit code', async () => {
  const io = captureIO(dumpText);
  assert.equal(await main(['node', 'sluice', 'trace', '--config-dump', '-', '--host', 'reviews', '--port', '9080', '-H', 'end-user: jason'], io), 0);
  assert.match(io.stdout(), /route +route `jason`/);
  assert.match(io.stdout(), /result +routed to outbound\|9080\|v2\|reviews/);
  const bad = captureIO('{"not": "a dump"}');
  assert.equal(await main(['node', 'sluice', 'trace', '--config-dump', '-', '--host', 'x'], bad), 65);
  assert.match(bad.stderr(), /not an Envoy config dump/);
  assert.doesNotMatch(bad.stderr(), /at .*\.ts:\d+/);
  const usage = captureIO();
  assert.equal(await main(['node', 'sluice', 'trace', '--host', 'x'], usage), 64);
  assert.equal(await main(['node', 'sluice', 'trace', '--config-dump', '-', '--tls', 'ssl'], captureIO(dumpText)), 64);
});

test('sluice test on a config dump: pass/fail per test, exit 1 on a failure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-test-'));
  try {
    writeFileSync(join(dir, 'dump.json'), dumpText);
    const tests = (extra: string) => `configDump: dump.json
tests:
- name: jason
  request: {host: reviews, port: 9080, headers: {end-user: jason}}
  expect: {cluster: "outbound|9080|v2|reviews.default.svc.cluster.local", route: jason, virtualService: reviews.default}
- name: split
  request: {host: reviews, port: 9080, path: /x}
  expect:
    clusters: {"outbound|9080|v1|reviews.default.svc.cluster.local": 90, "outbound|9080|v3|reviews.default.svc.cluster.local": 10}
- name: legacy redirect
  request: {host: reviews, port: 9080, path: /legacy}
  expect: {redirect: {path: /new, code: 302}}
- name: teapot
  request: {host: reviews, port: 9080, path: /teapot/1}
  expect: {directResponse: {status: 418}}
- name: missing cluster
  request: {host: reviews, port: 9080, path: /m}
  expect: {error: cluster_not_found}
${extra}`;
    writeFileSync(join(dir, 'ok.yaml'), tests(''));
    const io = captureIO();
    assert.equal(await main(['node', 'sluice', 'test', join(dir, 'ok.yaml')], io), 0, io.stdout() + io.stderr());
    assert.match(io.stdout(), /5 passed, 0 failed/);
    writeFileSync(join(dir, 'bad.yaml'), tests(`- name: wrong
  request: {host: reviews, port: 9080, path: /cart}
  expect: {cluster: "outbound|9080|v3|reviews.default.svc.cluster.local"}`));
    const io2 = captureIO();
    assert.equal(await main(['node', 'sluice', 'test', join(dir, 'bad.yaml')], io2), 1);
    assert.match(io2.stdout(), /FAIL .*wrong\n +cluster: want "outbound\|9080\|v3\|reviews.default.svc.cluster.local", got "outbound\|9080\|v1/);
    writeFileSync(join(dir, 'typo.yaml'), 'configDump: dump.json\ntests:\n- name: t\n  request: {host: a}\n  expect: {clusterr: x}\n');
    const io3 = captureIO();
    assert.equal(await main(['node', 'sluice', 'test', join(dir, 'typo.yaml')], io3), 65);
    assert.match(io3.stderr(), /typo.yaml:5: tests\[0\].expect.clusterr: unknown expectation/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
