// `npm run conformance [-- --json FILE] [-- --only simulation|analyze|proxyConfig] [-- -v]`
// Reads Istio's expectations from ../shared/conformance (or $SLUICE_CONFORMANCE_DIR), never a copy.
// Each suite lives in scripts/conformance/<suite>.ts; scripts/conformance/baseline.json holds the
// minimum pass counts, and a count below it fails the run (exit 1).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SuiteResult { passed: number; total: number; failed: string[]; details?: Record<string, unknown> }
export interface Suite { readonly key: string; readonly dir: string; run(dir: string, verbose: boolean): Promise<SuiteResult> | SuiteResult }

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const verbose = args.includes('-v') || args.includes('--verbose');
const candidates = [process.env.SLUICE_CONFORMANCE_DIR, join(here, '..', '..', 'shared', 'conformance'), '/work/shared/conformance'].filter((p): p is string => !!p);
const root = resolve(candidates.find((p) => existsSync(p)) ?? candidates[0]);

if (!existsSync(root)) {
  console.log(`conformance: corpus not found at ${root} (set SLUICE_CONFORMANCE_DIR); skipped`);
  process.exit(0);
}
const baselinePath = join(here, 'conformance', 'baseline.json');
const baseline: Record<string, number> = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')) : {};
const out: Record<string, SuiteResult> = {};
let regressed = false;
const files = readdirSync(join(here, 'conformance')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
for (const f of files) {
  const suite: Suite | undefined = (await import(join(here, 'conformance', f))).default;
  if (!suite || (only && suite.key !== only)) continue;
  const dir = join(root, suite.dir);
  if (!existsSync(dir)) { console.log(`${suite.key}: ${dir} not found; skipped`); continue; }
  const r = await suite.run(dir, verbose);
  out[suite.key] = r;
  const min = baseline[suite.key];
  if (min !== undefined && r.passed < min) { regressed = true; console.log(`REGRESSION: ${suite.key} passed ${r.passed}, baseline ${min}`); }
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 2) + '\n');
process.exit(regressed ? 1 : 0);
