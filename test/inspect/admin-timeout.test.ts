// An admin endpoint that accepts the connection but never answers: a clear timeout message, exit 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

test('proxy-config --admin times out on a silent server with a clear message', async () => {
  const sockets: Socket[] = [];
  const server = createServer((s) => { sockets.push(s); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const io = captureIO();
    const code = await main(['node', 'sluice', 'proxy-config', 'clusters', '--admin', `http://127.0.0.1:${port}`, '--timeout', '300'], io);
    assert.equal(code, 1);
    assert.match(io.stderr(), /no answer within 300 ms/);
    assert.doesNotMatch(io.stderr(), /\n\s+at /);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
