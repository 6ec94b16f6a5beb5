// `sluice translate` end to end, in-process: config dump output, -o yaml, bad --proxy, config warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';
import { fromConfigDump } from '../../src/envoy/config-dump.ts';
import { GOLDEN_DIR } from './golden-cases.ts';

const input = join(GOLDEN_DIR, 'sidecar-vs-header-weights', 'input.yaml');

test('translate prints a config dump that the dump reader accepts', async () => {
  const io = captureIO();
  const code = await main(['node', 'sluice', 'translate', input, '--proxy', 'sidecar:default:app=productpage'], io);
  assert.equal(code, 0);
  const dump = fromConfigDump(JSON.parse(io.stdout()));
  assert.ok(dump.listeners.some((l) => l.name === '0.0.0.0_9080'));
  assert.ok(dump.routes.some((r) => r.name === '9080'));
  assert.ok(dump.clusters.some((c) => c.name === 'outbound|9080|v2|reviews.default.svc.cluster.local'));
  // the VS rule after the catch-all is reported by validation and shows up as a warning
  assert.match(io.stderr(), /warning: .*never-reached/);
});

test('translate -o yaml', async () => {
  const io = captureIO();
  assert.equal(await main(['node', 'sluice', 'translate', input, '--proxy', 'sidecar:default', '-o', 'yaml'], io), 0);
  assert.equal(parse(io.stdout()).configs.length, 4);
});

test('an unknown pod is a clear error with exit 1; a malformed or missing --proxy is a usage error (64)', async () => {
  let io = captureIO();
  assert.equal(await main(['node', 'sluice', 'translate', input, '--proxy', 'pod/nope.default'], io), 1);
  assert.match(io.stderr(), /^Error: --proxy pod\/nope.default: pod "nope" not found in namespace "default"/m);
  io = captureIO();
  assert.equal(await main(['node', 'sluice', 'translate', input, '--proxy', 'gateway:x'], io), 64);
  assert.match(io.stderr(), /^Error: --proxy gateway:x: bad proxy "gateway:x"/m);
  assert.doesNotMatch(io.stderr(), /\n\s+at /);
  io = captureIO();
  assert.equal(await main(['node', 'sluice', 'translate', input], io), 64);
});
