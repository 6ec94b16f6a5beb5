// Pure core, impure shell: modules of the pipeline core must not do I/O or read ambient state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PURE_DIRS = ['src/core', 'src/api', 'src/config/validate', 'src/model', 'src/translate', 'src/simulate', 'src/analyze', 'src/inspect', 'src/envoy'];
const FORBIDDEN = [/from ['"]node:(fs|net|http|https|child_process|dgram|tls)['"]/, /from ['"](fs|net|http|https|child_process)['"]/, /process\.env/, /Date\.now\(/, /new Date\(\)/, /Math\.random\(/];

function* walk(dir: string): Generator<string> {
  let entries: string[];
  try { entries = readdirSync(dir); } catch { return; }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) yield p;
  }
}

test('pure core modules import no I/O and read no clock, randomness or environment', () => {
  const offenders: string[] = [];
  for (const dir of PURE_DIRS) {
    for (const file of walk(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const re of FORBIDDEN) if (re.test(text)) offenders.push(`${file}: ${re}`);
    }
  }
  assert.deepEqual(offenders, []);
});
