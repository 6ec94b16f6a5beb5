// The fast loader path must agree with the careful one (the `yaml` package) on values and on the
// field-path -> line maps, for every YAML file we have: the example mesh and Istio's analyzer corpus.
import { conformanceDir } from '../../../test/support/corpus.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fastParseDocuments } from './fast-yaml.ts';
import { carefulParseDocuments } from './parse.ts';

const ROOTS = [join(import.meta.dirname, '../../../examples'), join(conformanceDir('istio-analyze'), 'inputs')];

function* yamlFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* yamlFiles(p);
    else if (/\.(ya?ml|json)$/.test(e)) yield p;
  }
}

function compare(text: string, file: string): boolean {
  const fast = fastParseDocuments(text, 100);
  if (!fast) return false;
  const careful = carefulParseDocuments(text, file, {}, []);
  assert.equal(fast.length, careful.length, `${file}: document count`);
  fast.forEach((d, i) => {
    const c = careful[i];
    if (d.value === null || !c) return;
    assert.deepEqual(d.value, c.value, `${file} document ${i}: values`);
    assert.equal(d.line, c.line, `${file} document ${i}: start line`);
    assert.equal(d.isMapping, c.isMapping, `${file} document ${i}: isMapping`);
    assert.deepEqual([...d.lines].sort(), [...c.lines].sort(), `${file} document ${i}: line map`);
  });
  return true;
}

test('fast and careful YAML paths agree on values and line maps for every example and corpus file', () => {
  let compared = 0;
  for (const root of ROOTS) for (const file of yamlFiles(root)) if (compare(readFileSync(file, 'utf8'), file)) compared++;
  assert.ok(compared >= 6, `compared ${compared} files`);
});

test('fast path: flow style, quoting, block scalars, lists of maps and empty documents', () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: "a b", labels: {"app.kubernetes.io/name": x}}',
    'data:',
    '  script: |',
    '    line one',
    '    line two',
    "  quoted: 'it''s'",
    'items:',
    '- {a: 1}',
    '- b: 2',
    '  c: [1, 2]',
    '---',
    '---',
    'x: null',
    '',
  ].join('\n');
  assert.ok(compare(text, 'inline.yaml'));
  const docs = fastParseDocuments(text, 100)!;
  assert.equal(docs.length, 3);
  assert.equal(docs[1].value, null);
  assert.equal(docs[0].lines.get('data.quoted'), 8);
  assert.equal(docs[0].lines.get('items[1].c'), 12);
  assert.equal(docs[0].lines.get('metadata.labels["app.kubernetes.io/name"]'), 3);
});

test('fast path declines what the careful path must handle: syntax errors and aliases', () => {
  assert.equal(fastParseDocuments('a: [1, 2\nb: 3\n', 100), undefined);
  assert.equal(fastParseDocuments('a: &x {b: 1}\nc: *x\n', 100), undefined);
  assert.equal(fastParseDocuments('['.repeat(200) + ']'.repeat(200), 100), undefined);
});

test('lazy line maps of several documents of one file point at the right lines, in any order', () => {
  const text = ['a: 1', 'b:', '  c: 2', '---', 'x:', '  - y: 3', '    z: 4', '---', 'k: v', ''].join('\n');
  const docs = fastParseDocuments(text, 100)!;
  assert.equal(docs[2].lines.get('k'), 9);
  assert.equal(docs[0].lines.get('b.c'), 3);
  assert.equal(docs[1].lines.get('x[0].z'), 7);
  assert.equal(docs[1].line, 5);
  assert.deepEqual(docs[1].value, { x: [{ y: 3, z: 4 }] });
});

test('duplicate keys leave the fast path; the careful path reports each one (SLU1015), last value kept', async () => {
  const { parseText } = await import('./parse.ts');
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: x}\nspec:\n  ports: [{port: 1}]\n  ports: [{port: 2}]\n';
  assert.equal(fastParseDocuments(text, 100), undefined);
  const r = parseText(text, 'dup.yaml');
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity, d.source?.line]), [['SLU1015', 'Warning', 6]]);
  assert.match(r.diagnostics[0].message, /duplicate key spec\.ports \(first at line 5\); the last value is used$/);
  assert.deepEqual(r.objects[0].spec.ports, [{ port: 2 }]);
  const json = parseText('{"apiVersion":"v1","kind":"Service","metadata":{"name":"a","name":"b"}}', 'dup.json');
  assert.deepEqual(json.diagnostics.map((d) => d.code), ['SLU1015']);
  assert.equal(json.objects[0].ref.name, 'b');
});

test('concatenated files without "---": the merged keys are named, with a hint', async () => {
  const { parseText } = await import('./parse.ts');
  const one = 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\n';
  const r = parseText(one + one.replace('name: a', 'name: b'), 'cat.yaml');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.source?.line}`), ['SLU1015:4', 'SLU1015:5', 'SLU1015:6']);
  assert.match(r.diagnostics[0].message, /duplicate key apiVersion \(first at line 1\).*concatenated without a "---"/);
});
