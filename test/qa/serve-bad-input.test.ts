// QA regressions: `sluice serve` and `sluice proxy-status` with bad flags or a busy port exit with a
// clear message and a documented code (64 bad usage, 1 cannot listen), never grpc-js's raw log lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';
import { parseDebounce } from '../../src/cli/commands/serve.ts';

const SHOP = join(import.meta.dirname, '../../examples/shop');
const BIN = join(import.meta.dirname, '../../bin/sluice.mjs');

async function run(args: string[]) {
  const io = captureIO();
  const code = await main(['node', 'sluice', ...args], io);
  assert.doesNotMatch(io.stderr(), /internal error|\n\s+at /, `no stack trace: ${io.stderr()}`);
  return { code, err: io.stderr() };
}

test('serve --log-level: only info or debug (64), checked before anything starts', async () => {
  const r = await run(['serve', SHOP, '--log-level', 'bogus', '--xds-address', '127.0.0.1:0', '--debug-address', 'off']);
  assert.equal(r.code, 64);
  assert.match(r.err, /invalid value "bogus" for --log-level: choose one of info, debug/);
  assert.doesNotMatch(r.err, /listening/);
});

test('serve --debounce: 0-60000 ms; 1e20, negative, empty and non-numbers are 64', async () => {
  for (const v of ['1e20', '60001', '-1', '', 'abc', 'Infinity']) {
    const r = await run(['serve', SHOP, '--debounce', v, '--xds-address', '127.0.0.1:0', '--debug-address', 'off']);
    assert.equal(r.code, 64, v);
    assert.match(r.err, /--debounce must be a number of milliseconds from 0 to 60000/);
  }
  assert.equal(parseDebounce('0'), 0);
  assert.equal(parseDebounce('60000'), 60000);
  assert.equal(parseDebounce('2.5'), 2.5);
});

test('serve on a port in use: exit 1 naming the address and flag; grpc-js prints nothing of its own', async () => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const address = `127.0.0.1:${(busy.address() as AddressInfo).port}`;
  try {
    // A child process: grpc-js logs with console.error, which an in-process capture would not see.
    const env = { ...process.env };
    delete env.GRPC_VERBOSITY; delete env.GRPC_NODE_VERBOSITY;
    const r = spawnSync(process.execPath, [BIN, 'serve', SHOP, '--xds-address', address, '--debug-address', 'off'], { encoding: 'utf8', env, timeout: 60_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`Error: cannot listen on the xDS address ${address} \\(--xds-address\\): the address is already in use`));
    assert.doesNotMatch(r.stderr, /^E /m);
    assert.doesNotMatch(r.stderr, /No address added/);
    const debug = await run(['serve', SHOP, '--xds-address', '127.0.0.1:0', '--debug-address', address]);
    assert.equal(debug.code, 1);
    assert.match(debug.err, new RegExp(`cannot listen on the debug address ${address} \\(--debug-address\\): the address is already in use`));
  } finally {
    busy.close();
  }
});

test('proxy-status --server: an invalid URL is bad usage (64), not "cannot reach"', async () => {
  for (const [server, why] of [['http://127.0.0.1:99999', /port 1-65535/], ['127.0.0.1:99999', /port 1-65535/], ['http://[::1', /expected http/], ['ftp://127.0.0.1:21', /the scheme must be http or https, not ftp/]] as const) {
    const r = await run(['proxy-status', '--server', server]);
    assert.equal(r.code, 64, server);
    assert.match(r.err, new RegExp(`invalid --server URL "${server.replace(/[.[\]/]/g, '\\$&')}"`));
    assert.match(r.err, why);
    assert.doesNotMatch(r.err, /cannot reach/);
  }
});
