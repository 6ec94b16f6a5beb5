// Bad input, through the real CLI in-process: each mistake gives a clear finding (file, line, field),
// the documented exit code (0 clean, 65 unparseable input, 79 invalid resource), and never a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempInputs, sluice, noStackTrace, VALID_VS } from './helpers.ts';

test('malformed YAML: file:line:column, exit 65, the other files still load', async () => {
  const dir = tempInputs({ 'a-bad.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: x\nspec: [\n', 'b-good.yaml': VALID_VS });
  const r = await sluice(['validate', '-o', 'json', dir]);
  assert.equal(r.code, 65);
  const found = JSON.parse(r.stdout) as Array<{ code: string; file: string; line: number; column?: number; message: string }>;
  const parse = found.find((d) => d.code === 'SLU1001');
  assert.ok(parse, r.stdout);
  assert.match(parse.file, /a-bad\.yaml$/);
  assert.ok(parse.line >= 3 && typeof parse.column === 'number', JSON.stringify(parse));
  const ok = await sluice(['validate', join(dir, 'b-good.yaml')]);
  assert.equal(ok.code, 0);
  assert.ok(noStackTrace(r));
});

test('a later document of the same file still loads after a syntax error in an earlier one', async () => {
  const dir = tempInputs({ 'multi.yaml': `a: [1, 2\n---\n${VALID_VS}` });
  const r = await sluice(['validate', '-o', 'json', dir]);
  assert.equal(r.code, 65);
  const yamlOut = await sluice(['validate', dir]);
  assert.match(yamlOut.stdout, /Error \[SLU1001\] \(.*multi\.yaml:\d+:\d+\) YAML syntax error/);
});

test('a document that is not an object (a list, a scalar): SLU1002, exit 65', async () => {
  const dir = tempInputs({ 'list.yaml': '- a\n- b\n', 'scalar.yaml': 'just text\n' });
  const r = await sluice(['validate', dir]);
  assert.equal(r.code, 65);
  assert.match(r.stdout, /Error \[SLU1002\] \(.*list\.yaml:1\) document 0 is not an object \(got a list\)/);
  assert.match(r.stdout, /Error \[SLU1002\] \(.*scalar\.yaml:1\) document 0 is not an object \(got a string\)/);
  assert.ok(noStackTrace(r));
});

test('missing kind, apiVersion or metadata.name: SLU1003 naming the fields, exit 79', async () => {
  const dir = tempInputs({
    'missing.yaml': 'apiVersion: v1\nmetadata: {name: a}\n---\nkind: Service\nmetadata: {name: b}\n---\napiVersion: v1\nkind: Service\nmetadata: {}\n',
  });
  const r = await sluice(['validate', dir]);
  assert.equal(r.code, 79);
  assert.match(r.stdout, /missing\.yaml:1\) object is missing required field kind/);
  assert.match(r.stdout, /missing\.yaml:4\) Service object is missing required field apiVersion/);
  assert.match(r.stdout, /missing\.yaml:7\) Service object is missing required field metadata\.name/);
});

test('wrong types: weight "ninety" is an IST0106 error at the field path and its line, exit 79', async () => {
  const text = VALID_VS + '      weight: "ninety"\n';
  const dir = tempInputs({ 'vs.yaml': text });
  const r = await sluice(['validate', '-o', 'json', dir]);
  assert.equal(r.code, 79);
  const [d] = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
  assert.equal(d.code, 'IST0106');
  assert.equal(d.level, 'Error');
  assert.equal(d.origin, 'VirtualService shop/reviews');
  assert.equal(d.path, 'spec.http[0].route[0].weight');
  assert.equal(d.line, text.split('\n').findIndex((l) => l.includes('weight')) + 1);
  assert.match(String(d.message), /must be of type integer/);
});

test('unknown fields are warnings (SLU1010), the object is kept, exit 0', async () => {
  const dir = tempInputs({ 'vs.yaml': VALID_VS.replace('  hosts:', '  hostz: [x]\n  hosts:') });
  const r = await sluice(['validate', dir]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Warning \[SLU1010\] \(VirtualService shop\/reviews .*vs\.yaml:7\) unknown field "spec\.hostz"/);
  assert.match(r.stderr, /1 object\(s\) in 1 file\(s\) are valid/);
});

test('duplicate objects: SLU1009 naming both files, exit 79', async () => {
  const dir = tempInputs({ 'one.yaml': VALID_VS, 'two.yaml': VALID_VS });
  const r = await sluice(['validate', dir]);
  assert.equal(r.code, 79);
  assert.match(r.stdout, /Error \[SLU1009\] \(VirtualService shop\/reviews .*two\.yaml:1\) VirtualService shop\/reviews is defined twice: .*one\.yaml:1 and .*two\.yaml:1/);
});

test('an empty directory is a warning (SLU1008), exit 0', async () => {
  const dir = tempInputs({ 'notes.txt': 'not config' });
  const r = await sluice(['validate', dir]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Warning \[SLU1008\] .*contains no \.yaml, \.yml or \.json files/);
});

test('a 50 MB file is refused before it is read (SLU1005, exit 65); --max-file-size raises the limit', async () => {
  const dir = tempInputs();
  const big = join(dir, 'big.yaml');
  const chunk = `# ${'x'.repeat(1022)}\n`;
  writeFileSync(big, chunk.repeat(50 * 1024));
  const r = await sluice(['validate', big]);
  assert.equal(r.code, 65);
  assert.match(r.stdout, /Error \[SLU1005\] \(.*big\.yaml:1\) .*big\.yaml is 50\.0 MiB, over the 32 MiB limit \(--max-file-size\)/);
  const small = tempInputs({ 'vs.yaml': VALID_VS });
  const tight = await sluice(['validate', '--max-file-size', '0.0001', small]);
  assert.equal(tight.code, 65);
  const usage = await sluice(['validate', '--max-file-size', 'lots', small]);
  assert.equal(usage.code, 64);
  assert.ok(noStackTrace(usage));
});

test('deeply nested YAML is refused with a bounded parse error, exit 65', async () => {
  const dir = tempInputs({
    'flow.yaml': `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    'block.yaml': Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x\n',
  });
  const r = await sluice(['validate', dir]);
  assert.equal(r.code, 65);
  assert.match(r.stdout, /flow\.yaml:1\) cannot parse .*nesting deeper than 100 levels/);
  assert.match(r.stdout, /block\.yaml:1\) cannot parse .*nesting deeper than 100 levels/);
  assert.ok(noStackTrace(r));
});

test('an anchor bomb (billion laughs) stops at the alias budget, exit 65', async () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i), cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const dir = tempInputs({ 'bomb.yaml': lines.join('\n') + '\n' });
  const r = await sluice(['validate', dir]);
  assert.equal(r.code, 65);
  assert.match(r.stdout, /Error \[SLU1001\] \(.*bomb\.yaml:1\) cannot load document 0: .*alias/i);
});

test('binary data is refused (SLU1006), exit 65', async () => {
  const dir = tempInputs({ 'blob.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0xff]) });
  const r = await sluice(['validate', dir]);
  assert.equal(r.code, 65);
  assert.match(r.stdout, /Error \[SLU1006\] .*blob\.yaml looks like binary data/);
});

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
test('an unreadable file is reported (SLU1007), exit 65', { skip: isRoot ? 'running as root: chmod 000 does not stop root from reading' : false }, async () => {
  const dir = tempInputs({ 'secret.yaml': VALID_VS });
  chmodSync(join(dir, 'secret.yaml'), 0o000);
  try {
    const r = await sluice(['validate', dir]);
    assert.equal(r.code, 65);
    assert.match(r.stdout, /Error \[SLU1007\] .*cannot read .*secret\.yaml: permission denied/);
  } finally {
    chmodSync(join(dir, 'secret.yaml'), 0o644);
  }
});

// Root reads chmod-000 files, so the test above is skipped in CI (which runs as root). A file that even
// root cannot read: /proc/self/mem fails with EIO on read (Linux), exercising the same read-error path.
test('a file that fails on read, even for root, is reported (SLU1007), exit 65', { skip: existsSync('/proc/self/mem') ? false : 'no /proc on this OS' }, async () => {
  const r = await sluice(['validate', '/proc/self/mem']);
  assert.equal(r.code, 65);
  assert.match(r.stdout, /Error \[SLU1007\] .*cannot read \/proc\/self\/mem: /);
  assert.ok(noStackTrace(r));
});

test('a path that does not exist is reported (SLU1007), exit 65', async () => {
  const r = await sluice(['validate', '/nonexistent/sluice/input.yaml']);
  assert.equal(r.code, 65);
  assert.match(r.stdout, /Error \[SLU1007\] .*cannot read \/nonexistent\/sluice\/input\.yaml: no such file or directory/);
});

test('stdin via -', async () => {
  const r = await sluice(['validate', '-'], VALID_VS);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /1 object\(s\) in 1 file\(s\) are valid/);
  const bad = await sluice(['validate', '-'], VALID_VS.replace('host: reviews', 'host: "*.*"'));
  assert.equal(bad.code, 79);
  assert.match(bad.stdout, /Error \[IST0106\] \(VirtualService shop\/reviews <stdin>:12\) .*spec\.http\[0\]\.route\[0\]\.destination\.host/);
});

test('JSON files and kind: List load like YAML', async () => {
  const obj = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'shop' }, spec: { ports: [{ name: 'http', port: 'eighty' }] } }] };
  const dir = tempInputs({ 'list.json': JSON.stringify(obj, null, 2) });
  const r = await sluice(['validate', '-o', 'json', dir]);
  assert.equal(r.code, 79);
  const found = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(found.map((d) => [d.code, d.origin, d.path]), [['SLU1011', 'Service shop/s', 'spec.ports[0].port']]);
  assert.ok((found[0].line as number) > 1);
});
