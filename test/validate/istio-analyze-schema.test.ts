// The schema-validation cases of Istio's analyzer test table (analyzer `schema.ValidationAnalyzer.*`),
// scored the way the corpus README says: multiset of (code, "Kind ns/name") after Istio's dedupe.
// Also: every YAML input of the corpus loads without throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../src/config/load/parse.ts';
import { loadConfig } from '../../src/config/index.ts';
import { schemaValidationFindings } from '../../src/config/validate/index.ts';
import { friendlyName, formatDiagnostic } from '../../src/core/diagnostic.ts';
import type { RawObject } from '../../src/config/load/raw-object.ts';
import { conformanceDir } from '../support/corpus.ts';

const CORPUS = conformanceDir('istio-analyze');
const present = existsSync(join(CORPUS, 'cases.json'));
const skip = present ? false : `conformance corpus not found at ${CORPUS}`;

interface Case { name: string; inputFiles: string[]; analyzer: string; analyzerInputs: string[]; expected: Array<{ code: string; resource: string }> }

function loadCaseObjects(c: Case): RawObject[] {
  const objects: RawObject[] = [];
  for (const f of c.inputFiles) {
    // The Go harness keeps namespace-less objects in namespace "" and only the analyzer's input kinds.
    const r = parseText(readFileSync(join(CORPUS, f), 'utf8'), f, { defaultNamespace: '' });
    objects.push(...r.objects.filter((o) => c.analyzerInputs.includes(o.kind)));
  }
  // Later documents with the same kind/namespace/name overwrite earlier ones (Istio's file store).
  const byKey = new Map<string, RawObject>();
  for (const o of objects) byKey.set(`${o.kind}/${o.ref.namespace}/${o.ref.name}`, o);
  return [...byKey.values()];
}

function score(c: Case): { actual: string[]; expected: string[] } {
  const kind = c.analyzer.replace(/^schema\.ValidationAnalyzer\./, '');
  const seen = new Set<string>();
  const actual: string[] = [];
  for (const d of schemaValidationFindings(loadCaseObjects(c), kind)) {
    const full = formatDiagnostic(d);
    if (seen.has(full)) continue; // Istio dedupes identical message strings
    seen.add(full);
    actual.push(`${d.code} ${friendlyName(d.resource!)}`);
  }
  return { actual: actual.sort(), expected: c.expected.map((e) => `${e.code} ${e.resource}`).sort() };
}

const cases: Case[] = present
  ? (JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as Case[]).filter((c) => c.analyzer.startsWith('schema.ValidationAnalyzer.'))
  : [];

test('the corpus has schema-validation cases', { skip }, () => {
  assert.ok(cases.length > 0);
});

for (const c of cases) {
  test(`istio-analyze ${c.name} (${c.analyzer})`, { skip }, () => {
    const { actual, expected } = score(c);
    assert.deepEqual(actual, expected);
  });
}

function* yamlFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* yamlFiles(p);
    else if (/\.ya?ml$/.test(e)) yield p;
  }
}

test('every Istio input YAML of the analyzer corpus loads without throwing', { skip }, () => {
  let files = 0, objects = 0;
  for (const file of yamlFiles(join(CORPUS, 'inputs'))) {
    const cfg = loadConfig([file]);
    files++;
    objects += cfg.snapshot.objects.length;
    for (const d of cfg.diagnostics) assert.ok(d.code && d.message, `finding without code or message in ${file}`);
  }
  assert.ok(files > 50 && objects > 100, `loaded ${files} files, ${objects} objects`);
});
