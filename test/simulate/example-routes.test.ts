// The example mesh's route tests (examples/tests/) through the whole pipeline, in-process:
// every test passes and every VirtualService http route of examples/shop is exercised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

test('sluice test examples/tests/ passes with 100% route coverage', async () => {
  const io = captureIO();
  const code = await main(['node', 'sluice', 'test', 'examples/tests/', '--fail-under', '100'], io);
  assert.equal(code, 0, io.stdout() + io.stderr());
  assert.match(io.stdout(), /\d+ passed, 0 failed/);
  assert.match(io.stdout(), /route coverage: (\d+)\/\1 VirtualService http routes \(100%\)/);
});
