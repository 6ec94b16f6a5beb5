// `npm run bench [-- --only name[,name…]] [-- --json [FILE]]`: runs the benchmark entries and prints numbers.
// Each entry lives in scripts/bench/<name>.ts and returns flat metrics ({ 'load.resources10k.ms': 412 }).
// `--json` prints one JSON object (use `npm run -s bench -- --json` so npm's banner stays off stdout),
// `--json FILE` writes it to FILE. `rssMB` is the peak resident set size of the whole run.
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BenchResult = Record<string, number>;
export interface BenchEntry { readonly name: string; run(): Promise<BenchResult> | BenchResult }

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flagValue = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  const v = i >= 0 ? args[i + 1] : undefined;
  return v && !v.startsWith('--') ? v : undefined;
};
const asJson = args.includes('--json');
const jsonFile = flagValue('--json');
const only = flagValue('--only')?.split(',');

const entries: BenchEntry[] = [];
for (const f of readdirSync(join(here, 'bench')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
  entries.push((await import(join(here, 'bench', f))).default);
}
const unknown = (only ?? []).filter((n) => !entries.some((e) => e.name === n));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${entries.map((e) => e.name).join(', ')}`);
  process.exit(64);
}
const results: BenchResult = {};
for (const entry of entries) {
  if (only && !only.includes(entry.name)) continue;
  if (!asJson) process.stderr.write(`bench ${entry.name}…\n`);
  const r = await entry.run();
  Object.assign(results, r);
  if (!asJson) for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(40)} ${Number.isInteger(v) ? v : v.toFixed(3)}`);
}
results.rssMB = Math.round(process.resourceUsage().maxRSS / 1024);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
else if (asJson) console.log(JSON.stringify(results));
if (!asJson) console.log(`${'rssMB (peak)'.padEnd(40)} ${results.rssMB}`);
