// Conformance: Istio's analyzer unit-test table (shared/conformance/istio-analyze/cases.json), scored as its
// README says: only the analyzer under test runs, only its input kinds are loaded, the default ingress
// Pod/Service are added, and the multiset of (code, "Kind ns/name") must equal the expectation exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseText } from '../../src/config/load/parse.ts';
import { meshConfigFrom } from '../../src/config/mesh-config.ts';
import type { RawObject } from '../../src/config/load/raw-object.ts';
import { friendlyName } from '../../src/core/diagnostic.ts';
import { runAnalyzers } from '../../src/analyze/run.ts';
import { findAnalyzer } from '../../src/analyze/registry.ts';

interface Expected { code: string; resource: string }
interface Case { name: string; inputFiles: string[]; meshConfigFile?: string; meshNetworksFile?: string; analyzer: string; expected: Expected[] }

export interface CaseOutcome { name: string; analyzer: string; pass: boolean; missing: string[]; extra: string[]; error?: string }

export function runCase(dir: string, c: Case, now: Date): CaseOutcome {
  const analyzer = findAnalyzer(c.analyzer);
  const base = { name: c.name, analyzer: c.analyzer };
  if (!analyzer) return { ...base, pass: false, missing: c.expected.map(pairOf), extra: [], error: 'analyzer not implemented' };
  const objects: RawObject[] = [];
  for (const f of c.inputFiles) objects.push(...parseText(readFileSync(join(dir, f), 'utf8'), f, { defaultNamespace: '' }).objects);
  const mesh = c.meshConfigFile ? meshConfigFrom(readFileSync(join(dir, c.meshConfigFile), 'utf8')) : undefined;
  const meshNetworks = c.meshNetworksFile ? parse(readFileSync(join(dir, c.meshNetworksFile), 'utf8')) ?? {} : undefined;
  const r = runAnalyzers({ objects, analyzers: [analyzer], mesh, meshNetworks, now, restrictToInputs: true, addDefaultResources: true, allKindsAvailable: true });
  const got = r.diagnostics.map((d) => `${d.code} ${d.resource ? friendlyName(d.resource) : ''}`);
  const want = c.expected.map(pairOf);
  const { missing, extra } = multisetDiff(want, got);
  return { ...base, pass: !missing.length && !extra.length, missing, extra };
}

const pairOf = (e: Expected) => `${e.code} ${e.resource}`;

function multisetDiff(want: string[], got: string[]): { missing: string[]; extra: string[] } {
  const counts = new Map<string, number>();
  for (const w of want) counts.set(w, (counts.get(w) ?? 0) + 1);
  const extra: string[] = [];
  for (const g of got) {
    const n = counts.get(g) ?? 0;
    if (n > 0) counts.set(g, n - 1);
    else extra.push(g);
  }
  const missing = [...counts].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { missing, extra };
}

export default {
  key: 'analyze',
  dir: 'istio-analyze',
  run(dir: string, verbose: boolean) {
    const cases: Case[] = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
    const now = new Date();
    const outcomes = cases.map((c) => runCase(dir, c, now));
    const width = Math.max(...outcomes.map((o) => o.name.length));
    for (const o of outcomes) {
      console.log(`${o.pass ? 'PASS' : 'FAIL'}  ${o.name.padEnd(width)}  ${o.analyzer}`);
      if (!o.pass && (verbose || o.error)) {
        if (o.error) console.log(`        ${o.error}`);
        for (const m of o.missing) console.log(`        missing: ${m}`);
        for (const x of o.extra) console.log(`        extra:   ${x}`);
      }
    }
    const passed = outcomes.filter((o) => o.pass).length;
    console.log(`analyze: ${passed}/${cases.length} cases passed`);
    return { passed, total: cases.length, failed: outcomes.filter((o) => !o.pass).map((o) => o.name) };
  },
};
