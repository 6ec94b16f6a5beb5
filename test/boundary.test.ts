// Pure core, impure shell: modules of the pipeline core must not do I/O or read ambient state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PURE_DIRS = ['src/core', 'src/api', 'src/config/validate', 'src/config/ingress', 'src/config/gateway-api', 'src/model', 'src/translate', 'src/simulate', 'src/analyze', 'src/inspect', 'src/envoy'];
const PURE_FILES = ['src/config/snapshot.ts', 'src/config/mesh-config.ts', 'src/config/codes.ts', 'src/config/load/parse.ts', 'src/config/load/source-map.ts'];
const IO_MODULES = '(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|tls|worker_threads)';
const FORBIDDEN = [
  new RegExp(`from ['"]${IO_MODULES}['"]`), new RegExp(`import\\(['"]${IO_MODULES}['"]\\)`), /\brequire\(/,
  /process\.env/, /process\.hrtime/, /performance\.now\(/, /Date\.now\(/, /new Date\(\)/, /Math\.random\(/,
];

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
  const files: string[] = [];
  for (const dir of PURE_DIRS) {
    const found = [...walk(dir)];
    assert.ok(found.length > 0, `pure folder ${dir} is missing or empty: update PURE_DIRS`);
    files.push(...found);
  }
  for (const f of PURE_FILES) assert.ok(statSync(f).isFile(), `${f} is missing: update PURE_FILES`);
  for (const file of [...files, ...PURE_FILES]) {
    const text = readFileSync(file, 'utf8');
    for (const re of FORBIDDEN) if (re.test(text)) offenders.push(`${file}: ${re}`);
  }
  assert.deepEqual(offenders, []);
});
