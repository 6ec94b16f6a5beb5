// `npm run bench [-- --json] [-- --only name]`: runs every benchmark entry and prints numbers.
// Each entry lives in scripts/bench/<name>.ts and returns flat metrics ({ 'load.resources10k.ms': 412 }).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BenchResult = Record<string, number>;
export interface BenchEntry { readonly name: string; run(): Promise<BenchResult> | BenchResult }

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const files = readdirSync(join(here, 'bench')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
const results: BenchResult = {};
for (const f of files) {
  const mod = await import(join(here, 'bench', f));
  const entry: BenchEntry = mod.default;
  if (only && entry.name !== only) continue;
  if (!asJson) process.stderr.write(`bench ${entry.name}…\n`);
  const r = await entry.run();
  Object.assign(results, r);
  if (!asJson) for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(40)} ${Number.isInteger(v) ? v : v.toFixed(3)}`);
}
results.rssMB = Math.round(process.memoryUsage().rss / 1048576);
if (asJson) console.log(JSON.stringify(results));
else console.log(`${'rssMB'.padEnd(40)} ${results.rssMB}`);
