// The istioctl proxy-config corpus through the real CLI (the same runner as `npm run conformance`),
// so a regression in any golden fails `npm test` too. Skipped when the shared corpus is not present.
import { conformanceDir } from '../support/corpus.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommandCase, runRobustness } from '../../scripts/conformance/proxy-config.ts';
import { runUnitCase, type UnitCase } from './unit-cases.ts';

const DIR: string | undefined = [conformanceDir('istioctl-proxy-config')].find((d) => existsSync(d));

test('every istioctl-proxy-config command case matches its golden', { skip: !DIR && 'corpus not found' }, async () => {
  const cases = JSON.parse(readFileSync(join(DIR!, 'cases.json'), 'utf8'));
  const failed: string[] = [];
  for (const c of cases) if (!(await runCommandCase(DIR!, c)).pass) failed.push(c.name);
  assert.deepEqual(failed, []);
});

test('every istioctl-proxy-config unit case matches', { skip: !DIR && 'corpus not found' }, () => {
  const units: UnitCase[] = JSON.parse(readFileSync(join(DIR!, 'unit-cases.json'), 'utf8'));
  assert.deepEqual(units.filter((u) => !runUnitCase(DIR!, u).pass).map((u) => `${u.function}/${u.name}`), []);
});

test('the real dumps without goldens render through every view without a crash', { skip: !DIR && 'corpus not found' }, async () => {
  const r = await runRobustness(DIR!);
  assert.deepEqual(r.failed, []);
});
