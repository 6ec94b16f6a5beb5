// `sluice analyze` through the real CLI, in-process: formats, thresholds, suppression, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-analyze-'));
const write = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

const broken = write('broken.yaml', `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviewz}
`);
const clean = write('clean.yaml', `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
`);
const info = write('info.yaml', `apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: shop}
spec: {selector: {app: legacy}, ports: [{name: legacy, port: 8000}]}
`);

async function run(...args: string[]) {
  return runWithStdin(undefined, ...args);
}

async function runWithStdin(stdin: string | undefined, ...args: string[]) {
  const io = captureIO(stdin);
  const code = await main(['node', 'sluice', 'analyze', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

test('log output: istioctl line with file:line, exit 79 on an Error', async () => {
  const r = await run('-A', broken);
  assert.equal(r.code, 79);
  assert.match(r.out, /^Error \[IST0101\] \(VirtualService shop\/reviews .*broken\.yaml:13\) Referenced host not found: "reviewz"$/m);
  assert.match(r.err, /Analyzers found issues when analyzing all namespaces/);
  assert.doesNotMatch(r.out + r.err, /at .*\.ts:\d+/);
});

test('clean input: ✔ message on stderr, exit 0; namespace scoping hides other namespaces', async () => {
  const r = await run('-A', clean);
  assert.equal(r.code, 0);
  assert.equal(r.out, '');
  assert.match(r.err, /✔ No validation issues found when analyzing all namespaces\./);
  const scoped = await run(broken);
  assert.equal(scoped.code, 0);
  assert.match(scoped.err, /analyzing namespace: default\./);
  assert.equal((await run('-n', 'shop', broken)).code, 79);
});

test('json, yaml and sarif carry the same finding and the same exit code', async () => {
  const j = await run('-A', '-o', 'json', broken);
  assert.equal(j.code, 79);
  const arr = JSON.parse(j.out);
  assert.equal(arr.length, 1);
  assert.deepEqual(Object.keys(arr[0]).sort(), ['code', 'documentationUrl', 'level', 'line', 'message', 'origin', 'reference']);
  assert.equal(arr[0].origin, 'VirtualService shop/reviews');
  assert.equal(arr[0].line, 13);
  assert.match(arr[0].documentationUrl, /ist0101/);
  const y = await run('-A', '-o', 'yaml', broken);
  assert.equal(y.code, 79);
  assert.match(y.out, /code: IST0101/);
  const s = await run('-A', '-o', 'sarif', broken);
  assert.equal(s.code, 79);
  const sarif = JSON.parse(s.out);
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(sarif.runs[0].tool.driver.rules.map((r: any) => r.id), ['IST0101']);
  const res = sarif.runs[0].results[0];
  assert.equal(res.level, 'error');
  assert.equal(res.locations[0].physicalLocation.region.startLine, 13);
  assert.match(res.locations[0].physicalLocation.artifactLocation.uri, /broken\.yaml$/);
});

test('thresholds: Info findings fail only at --failure-threshold Info; --output-threshold hides them', async () => {
  const r = await run('-A', info);
  assert.equal(r.code, 0);
  assert.match(r.out, /Info \[IST0118\] \(Service shop\/legacy/);
  assert.equal((await run('-A', '--failure-threshold', 'Info', info)).code, 79);
  const quiet = await run('-A', '--output-threshold', 'Warning', info);
  assert.equal(quiet.out, '');
});

test('suppression by -S glob and by annotation', async () => {
  assert.equal((await run('-A', '-S', 'IST0101=VirtualService shop/*', broken)).code, 0);
  assert.equal((await run('-A', '-S', 'IST0101=VirtualService other/*', broken)).code, 79);
  const annotated = write('annotated.yaml', `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop, annotations: {galley.istio.io/analyze-suppress: "IST0101"}}
spec: {hosts: [reviews], http: [{route: [{destination: {host: reviewz}}]}]}
`);
  assert.equal((await run('-A', annotated)).code, 0);
});

test('exit 64 for bad usage, 65 for unparseable input', async () => {
  for (const args of [['-o', 'xml', clean], ['--failure-threshold', 'Fatal', clean], ['-S', 'nonsense', clean], ['--retry-budget', '0', clean], ['--analyzer', 'no.Such', clean], []]) {
    const r = await run(...args);
    assert.equal(r.code, 64, `args ${args.join(' ')}`);
    assert.match(r.err, /Error: /);
  }
  const bad = write('bad.yaml', 'kind: [unclosed\n  - x: :\n');
  const r = await run('-A', bad, clean);
  assert.equal(r.code, 65);
  assert.doesNotMatch(r.err, /No validation issues/);
  assert.equal((await run('-A', join(dir, 'missing.yaml'))).code, 65);
});

test('-L lists every analyzer; --analyzer restricts the run', async () => {
  const r = await run('-L');
  assert.equal(r.code, 0);
  assert.match(r.out, /\* virtualservice\.DestinationHostAnalyzer:/);
  assert.match(r.out, /\* sluice\.RouteShadowed:/);
  assert.equal((await run('-A', '--analyzer', 'service.PortNameAnalyzer', broken)).code, 0);
});

test('stdin (-) is analyzed; a document without kind is an Error finding with its line', async () => {
  const r = await runWithStdin('apiVersion: v1\nkind: Service\nmetadata: {name: legacy, namespace: shop}\nspec: {ports: [{name: legacy, port: 8000}]}\n---\napiVersion: v1\nmetadata: {name: x}\n', '-A', '-');
  assert.equal(r.code, 79);
  assert.match(r.out, /^Error \[SLU1003\] \(<stdin>:6\) object is missing required field kind$/m);
  assert.match(r.out, /^Info \[IST0118\] \(Service shop\/legacy <stdin>:4\)/m);
});
