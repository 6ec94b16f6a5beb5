// QA regressions (fix round): analyze / validate with bad input exit with a clear message and a documented
// code, never an "internal error" stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-qa-av-'));
const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };

async function run(args: string[], stdin?: string) {
  const io = captureIO(stdin);
  const code = await main(['node', 'sluice', ...args], io);
  const err = io.stderr();
  assert.doesNotMatch(err, /internal error|\n\s+at /, `no stack trace: ${err}`);
  return { code, out: io.stdout(), err };
}

const POD_STRING_LABELS = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop, labels: "app=foo"}
spec: {containers: [{name: c, image: x}]}
`;

test('analyze -A: a Pod whose labels are a string does not crash', async () => {
  const r = await run(['analyze', '-A', file('pod.yaml', POD_STRING_LABELS)]);
  assert.equal(r.code, 0, r.err);
});

test('validate: metadata.labels that is not a map is an error with file:line', async () => {
  const r = await run(['validate', file('pod2.yaml', POD_STRING_LABELS)]);
  assert.equal(r.code, 79);
  assert.match(r.out, /SLU1011\] \(Pod shop\/p .*pod2\.yaml:3\) metadata\.labels: must be a map of strings/);
});

test('analyze --meshConfigFile: a list, a missing file and a directory are clear errors (65)', async () => {
  const cfg = file('pod3.yaml', POD_STRING_LABELS);
  let r = await run(['analyze', '-A', '--meshConfigFile', file('mesh-list.yaml', '- a\n- b\n'), cfg]);
  assert.equal(r.code, 65);
  assert.match(r.err, /--meshConfigFile .*mesh-list\.yaml must hold a MeshConfig mapping.*got a list/);
  r = await run(['analyze', '-A', '--meshConfigFile', join(dir, 'nope.yaml'), cfg]);
  assert.equal(r.code, 65);
  assert.match(r.err, /cannot read --meshConfigFile .*nope\.yaml: no such file$/m);
  assert.doesNotMatch(r.err, /ENOENT/);
  r = await run(['analyze', '-A', '--meshConfigFile', file('mesh-bad.yaml', 'a: [\n'), cfg]);
  assert.equal(r.code, 65);
  assert.match(r.err, /cannot parse --meshConfigFile/);
  r = await run(['analyze', '-A', '--meshConfigFile', file('mesh-ok.yaml', 'rootNamespace: istio-system\n'), cfg]);
  assert.equal(r.code, 0, r.err);
});

test('analyze without -A names the namespaces it did not analyze', async () => {
  const r = await run(['analyze', file('pod4.yaml', POD_STRING_LABELS)]);
  assert.equal(r.code, 0);
  assert.match(r.err, /No validation issues found when analyzing namespace: default/);
  assert.match(r.err, /input has objects in namespace shop, not analyzed; use -A or -n shop/);
  const all = await run(['analyze', '-A', file('pod5.yaml', POD_STRING_LABELS)]);
  assert.doesNotMatch(all.err, /not analyzed/);
});

test('-n with an invalid namespace name is bad usage (64)', async () => {
  for (const cmd of ['analyze', 'validate']) {
    const r = await run([cmd, '-n', 'Bad NS', file('pod6.yaml', POD_STRING_LABELS)]);
    assert.equal(r.code, 64, `${cmd}: ${r.err}`);
    assert.match(r.err, /invalid --namespace "Bad NS"/);
  }
});

test('validate DIR: the summary counts files read and says how many were skipped and why', async () => {
  const junk = join(dir, 'junk');
  mkdirSync(junk);
  writeFileSync(join(junk, 'readme.txt'), 'hello');
  writeFileSync(join(junk, 'bin.yaml'), 'a\0b');
  writeFileSync(join(junk, 'bad.yaml'), 'foo: [\n');
  let r = await run(['validate', junk]);
  assert.equal(r.code, 65);
  assert.match(r.err, /✘ 2 error\(s\) in 1 file\(s\) \(2 skipped: 1 binary, 1 not \.yaml\/\.yml\/\.json\)/);
  r = await run(['validate', join(dir, 'nonexistent')]);
  assert.equal(r.code, 65);
  assert.match(r.err, /in 0 file\(s\) \(1 skipped: 1 unreadable\)/);
});

test('validate -: concatenated files without "---" are reported as duplicate keys (SLU1015)', async () => {
  const one = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: shop}\nspec: {ports: [{port: 80, name: http}]}\n`;
  const r = await run(['validate', '-'], one('a') + one('b'));
  assert.equal(r.code, 0);
  assert.match(r.out, /Warning \[SLU1015\] \(<stdin>:5\) duplicate key apiVersion \(first at line 1\); the last value is used \(files concatenated without a "---" between them\?\)/);
});
