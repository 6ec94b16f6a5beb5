// Golden translation tests: testdata/translate/<case>/{input.yaml, proxy.txt} → expected listeners/routes/
// clusters/endpoints YAML. `UPDATE_GOLDEN=1 node --import tsx --test test/translate/golden.test.ts` rewrites them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { goldenCases, SECTIONS, translateGolden } from './golden-cases.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const render = (v: unknown): string => stringify(v, { aliasDuplicateObjects: false, lineWidth: 0 });

for (const c of goldenCases()) {
  test(`golden translate: ${c.name}`, () => {
    const pc = translateGolden(c);
    for (const section of SECTIONS) {
      const file = join(c.dir, `${section}.yaml`);
      const got = render(pc[section]);
      if (UPDATE) { writeFileSync(file, got); continue; }
      assert.ok(existsSync(file), `${file} missing: run with UPDATE_GOLDEN=1 and review the diff`);
      assert.equal(got, readFileSync(file, 'utf8'), `${c.name}/${section}.yaml differs (UPDATE_GOLDEN=1 rewrites it)`);
    }
  });
}

test('translation is deterministic', () => {
  for (const c of goldenCases()) assert.equal(JSON.stringify(translateGolden(c)), JSON.stringify(translateGolden(c)), c.name);
});
