// Istio's analyzer test table (shared/conformance/istio-analyze) must pass at ≥ 95%, scored as its README says.
import { conformanceDir } from '../support/corpus.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCase } from '../../scripts/conformance/analyze.ts';

const DIR = conformanceDir('istio-analyze');

test('istio-analyze conformance: at least 95% of the cases pass', { skip: existsSync(join(DIR, 'cases.json')) ? false : `corpus not found at ${DIR}` }, () => {
  const cases = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8'));
  const outcomes = cases.map((c: any) => runCase(DIR, c, new Date()));
  const failed = outcomes.filter((o: any) => !o.pass).map((o: any) => `${o.name}: missing ${o.missing.join('; ')} extra ${o.extra.join('; ')}`);
  const passed = outcomes.length - failed.length;
  assert.ok(passed / outcomes.length >= 0.95, `only ${passed}/${outcomes.length} passed:\n${failed.join('\n')}`);
});
