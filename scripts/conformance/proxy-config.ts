// Conformance: istioctl proxy-config / x describe goldens (shared/conformance/istioctl-proxy-config).
// Every command case runs the real CLI in-process (main(argv, captureIO)) with the clock frozen at
// 2025-01-01T00:00:00Z (secret validity), and is compared as its `compare` mode says. unit-cases.json
// (helper functions) is folded into the same P/T count and listed in its own table. The real dumps
// without goldens are rendered through every view as a robustness check, reported on a separate line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';
import { goJson } from '../../src/inspect/proto-json/go-json.ts';
import { runUnitCase, type UnitCase } from '../../test/inspect/unit-cases.ts';

const FROZEN = new Date('2025-01-01T00:00:00Z');

interface Case {
  name: string; command: string; args?: string[]; flags: Record<string, string | number | boolean>;
  input: string | { objects: string; configDumps: Record<string, string> };
  expected: string | null; expectedContains?: string; expectError?: boolean; compare: string;
}

export function argvFor(dir: string, c: Case): string[] {
  const flags: string[] = [];
  for (const [k, v] of Object.entries(c.flags)) {
    if (k === 'istioNamespace') continue; // the fake kube context's istio namespace: no meaning without a cluster
    if (k === 'output') flags.push('-o', String(v));
    else if (v === true) flags.push(`--${k}`);
    else flags.push(`--${k}`, String(v));
  }
  if (c.command.startsWith('x describe ')) {
    const input = c.input as { objects: string; configDumps: Record<string, string> };
    const dumps = Object.entries(input.configDumps).flatMap(([pod, f]) => ['--dump', `${pod}=${join(dir, f)}`]);
    return ['describe', c.command.slice('x describe '.length), ...(c.args ?? []), join(dir, input.objects), ...dumps, ...flags];
  }
  return ['proxy-config', c.command, '-f', join(dir, c.input as string), ...flags];
}

export async function runCommandCase(dir: string, c: Case): Promise<{ pass: boolean; got: string; code: number }> {
  const io = captureIO(undefined, FROZEN);
  const code = await main(['node', 'sluice', ...argvFor(dir, c)], io);
  const got = io.stdout();
  if (c.compare === 'contains') {
    const text = io.stdout() + io.stderr();
    const errOk = c.expectError ? code !== 0 : code === 0;
    return { pass: errOk && text.includes(c.expectedContains ?? ''), got: text, code };
  }
  const want = readFileSync(join(dir, c.expected!), 'utf8');
  if (code !== 0) return { pass: false, got: got + io.stderr(), code };
  switch (c.compare) {
    case 'exact': return { pass: got === want, got, code };
    case 'trimmed-exact': return { pass: got.trim() === want.trim(), got, code };
    case 'json-reindented-then-trimmed-exact': {
      let re: string;
      try { re = goJson(JSON.parse(got), { indent: '    ' }) + '\n'; } catch { return { pass: false, got, code }; }
      return { pass: re.trim() === want.trim(), got: re, code };
    }
    default: return { pass: false, got: `unknown compare mode ${c.compare}`, code };
  }
}

const ROBUSTNESS_DUMPS = [
  'inputs/historical-2020/describe/istio-ingressgateway-5bf6c9887-vvvmj.json',
  'inputs/historical-2020/describe/productpage-v1-7bbd79f8fd-k6j79.json',
  'inputs/historical-2020/describe/productpage-v1-c7765c886-v99jb.json',
  'inputs/historical-2020/describe/ratings-v1-f745cf57b-vfwcv.json',
  'inputs/extra/compare/configdump.json',
  'inputs/extra/compare/configdump_diff.json',
  'inputs/extra/authz/configdump.yaml',
];
const VIEWS = ['cluster', 'listener', 'route', 'eds', 'secret', 'bootstrap', 'all'];

/** Each view on a dump without goldens: must not crash. A missing section is a clean error (exit 1), not a crash. */
export async function runRobustness(dir: string): Promise<{ passed: number; total: number; failed: string[] }> {
  const failed: string[] = [];
  let total = 0;
  for (const f of ROBUSTNESS_DUMPS) for (const v of VIEWS) for (const o of ['short', 'json']) {
    total++;
    const io = captureIO(undefined, FROZEN);
    const code = await main(['node', 'sluice', 'proxy-config', v, '-f', join(dir, f), '-o', o], io);
    const clean = code === 0 || (code === 1 && io.stderr().startsWith('Error: config dump has no configuration type'));
    if (!clean || io.stderr().includes('internal error')) failed.push(`${f} ${v} -o ${o}: exit ${code} ${io.stderr().slice(0, 200)}`);
  }
  return { passed: total - failed.length, total, failed };
}

export default {
  key: 'proxyConfig',
  dir: 'istioctl-proxy-config',
  async run(dir: string, verbose: boolean) {
    const cases: Case[] = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
    const units: UnitCase[] = JSON.parse(readFileSync(join(dir, 'unit-cases.json'), 'utf8'));
    const failed: string[] = [];
    const width = Math.max(...cases.map((c) => c.name.length), ...units.map((u) => u.function.length + u.name.length + 1));
    let cmdPassed = 0, unitPassed = 0;
    for (const c of cases) {
      const r = await runCommandCase(dir, c);
      if (r.pass) cmdPassed++; else failed.push(c.name);
      console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${c.name.padEnd(width)}  ${c.compare}`);
      if (!r.pass && verbose) console.log(r.got.split('\n').map((l) => `        | ${l}`).join('\n'));
    }
    for (const u of units) {
      const label = `${u.function}/${u.name}`;
      const r = runUnitCase(dir, u);
      if (r.pass) unitPassed++; else failed.push(`unit: ${label}`);
      console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${label.padEnd(width)}  unit`);
      if (!r.pass && verbose) console.log(`        got ${JSON.stringify(r.got)}, want ${JSON.stringify(u.expected)}`);
    }
    const rob = await runRobustness(dir);
    for (const f of rob.failed) console.log(`FAIL  robustness ${f}`);
    const passed = cmdPassed + unitPassed, total = cases.length + units.length;
    console.log(`proxy-config: command cases ${cmdPassed}/${cases.length}, unit cases ${unitPassed}/${units.length}; robustness (dumps without goldens, every view): ${rob.passed}/${rob.total} rendered cleanly`);
    console.log(`proxy-config: ${passed}/${total} cases passed`);
    return { passed, total, failed, details: { command: { passed: cmdPassed, total: cases.length }, unit: { passed: unitPassed, total: units.length }, robustness: { passed: rob.passed, total: rob.total } } };
  },
};
