// The example mesh is clean; the broken variant shows every Sluice check (and nothing else).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const skip = existsSync('examples/shop') ? false : 'examples/shop not present';

async function analyze(...paths: string[]) {
  const io = captureIO();
  const code = await main(['node', 'sluice', 'analyze', '-A', '-o', 'json', ...paths], io);
  return { code, findings: JSON.parse(io.stdout()) as { code: string; origin: string }[] };
}

test('examples/shop: no findings from any analyzer', { skip }, async () => {
  const r = await analyze('examples/shop');
  assert.deepEqual(r.findings.map((f) => `${f.code} ${f.origin}`), []);
  assert.equal(r.code, 0);
});

test('examples/shop + examples/broken: one or more instances of each SLU check, no Istio finding', { skip }, async () => {
  const r = await analyze('examples/shop', 'examples/broken');
  const codes = new Set(r.findings.map((f) => f.code));
  assert.deepEqual([...codes].sort(), ['SLU0001', 'SLU0002', 'SLU0003', 'SLU0004', 'SLU0005', 'SLU0006', 'SLU0007', 'SLU0008']);
  assert.equal(r.code, 79, 'SLU0004 is an Error');
});
