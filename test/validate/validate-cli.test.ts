// `sluice validate`: istioctl-style log lines, -o json|yaml, exit codes, and the example mesh is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { tempInputs, sluice, VALID_VS } from './helpers.ts';
import { validateExitCode } from '../../src/cli/commands/validate.ts';

const EXAMPLES = join(import.meta.dirname, '../../examples/shop');

test('the example mesh validates clean: exit 0, no findings at all', async () => {
  const r = await sluice(['validate', EXAMPLES]);
  assert.equal(r.stdout, '');
  assert.equal(r.code, 0);
  assert.match(r.stderr, /✔ \d+ object\(s\) in \d+ file\(s\) are valid/);
});

const BROKEN = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: catalog
  namespace: shop
spec:
  hosts:
  - catalog
  http:
  - route:
    - destination:
        host: catalog
    timeout: 10
    retries:
      attempts: -1
`;

test('log format: `Level [CODE] (Kind ns/name file:line) message`, one line per finding, exit 79', async () => {
  const dir = tempInputs({ 'vs.yaml': BROKEN });
  const r = await sluice(['validate', dir]);
  assert.equal(r.code, 79);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  assert.match(lines[0], /^Error \[IST0106\] \(VirtualService shop\/catalog .*vs\.yaml:13\) Schema validation error: spec\.http\[0\]\.timeout in body must be of type string/);
  assert.match(lines[1], /^Error \[IST0106\] \(VirtualService shop\/catalog .*vs\.yaml:15\) Schema validation error: spec\.http\[0\]\.retries\.attempts: attempts cannot be negative$/);
  assert.match(r.stderr, /✘ 2 error\(s\) in 1 file\(s\)/);
});

test('-o json and -o yaml carry code, level, origin, reference, message, path, file, line', async () => {
  const dir = tempInputs({ 'vs.yaml': BROKEN });
  const json = await sluice(['validate', '-o', 'json', dir]);
  const yaml = await sluice(['validate', '-o', 'yaml', dir]);
  assert.equal(json.code, 79);
  assert.equal(yaml.code, 79);
  const a = JSON.parse(json.stdout), b = parseYaml(yaml.stdout);
  assert.deepEqual(a, b);
  assert.equal(a.length, 2);
  assert.deepEqual(Object.keys(a[1]).sort(), ['code', 'file', 'level', 'line', 'message', 'origin', 'path', 'reference'].sort());
  assert.equal(a[1].path, 'spec.http[0].retries.attempts');
  assert.match(a[1].reference, /vs\.yaml:15$/);
});

test('-o with an unknown format is a usage error (exit 64)', async () => {
  const r = await sluice(['validate', '-o', 'table', EXAMPLES]);
  assert.equal(r.code, 64);
  assert.match(r.stderr, /invalid value "table" for --output/);
});

test('-n sets the namespace of namespace-less objects; -q hides info findings', async () => {
  const dir = tempInputs({ 'vs.yaml': VALID_VS.replace('  namespace: shop\n', '') + '---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n' });
  const r = await sluice(['validate', '-n', 'team-a', '-o', 'json', dir]);
  assert.equal(r.code, 0);
  const found = JSON.parse(r.stdout) as Array<Record<string, string>>;
  assert.deepEqual(found.map((d) => d.code), ['SLU1004']);
  const bad = await sluice(['validate', '-n', 'team-a', dir.replace(/$/, '/vs.yaml')]);
  assert.equal(bad.code, 0);
  const quiet = await sluice(['validate', '-q', dir]);
  assert.equal(quiet.stdout, '');
  const withHosts = await sluice(['validate', '-n', 'team-a', '-o', 'json', '-'], VALID_VS.replace('  namespace: shop\n', '').replace('host: reviews', 'host: "bad host"'));
  assert.equal(JSON.parse(withHosts.stdout)[0].origin, 'VirtualService team-a/reviews');
});

test('exit codes: 65 wins over 79, warnings alone are 0', () => {
  const d = (code: string, severity: 'Error' | 'Warning' | 'Info') => ({ code, severity, message: '' });
  assert.equal(validateExitCode([]), 0);
  assert.equal(validateExitCode([d('SLU1010', 'Warning'), d('IST0133', 'Warning'), d('SLU1004', 'Info')]), 0);
  assert.equal(validateExitCode([d('IST0106', 'Error')]), 79);
  assert.equal(validateExitCode([d('IST0106', 'Error'), d('SLU1001', 'Error')]), 65);
});

test('a known kind with an unknown apiVersion is a warning (SLU1013) naming the known versions', async () => {
  const r = await sluice(['validate', '-'], VALID_VS.replace('networking.istio.io/v1', 'networking.istio.io/v2'));
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Warning \[SLU1013\] \(VirtualService shop\/reviews <stdin>:1\) networking\.istio\.io\/v2 is not a version of VirtualService Sluice knows \(networking\.istio\.io\/v1, networking\.istio\.io\/v1beta1, networking\.istio\.io\/v1alpha3\)/);
});

test('`sluice validate examples/` is clean (the acceptance check): route-test files are recognised and skipped', async () => {
  const r = await sluice(['validate', '-o', 'json', join(EXAMPLES, '..')]);
  assert.equal(r.code, 0, r.stdout);
  const found = JSON.parse(r.stdout) as Array<{ code: string; level: string }>;
  assert.deepEqual(found.filter((d) => d.level !== 'Info'), []);
  assert.ok(found.every((d) => d.code === 'SLU1014'), r.stdout);
});

test('a route-test document among config files is an info (SLU1014), not a missing-field error', async () => {
  const r = await sluice(['validate', '-'], 'config: [../shop]\nproxy: pod/a.b\ntests:\n- name: t\n  request: {host: a}\n  expect: {route: r}\n');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Info \[SLU1014\] \(<stdin>:1\) document 0 is a Sluice route-test file \(tests:\), not config; skipped$/m);
});
