import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRouteTestText } from './route-test-yaml.ts';
import { RouteTestFormatError } from './route-tests.ts';

const doc = (proxy: string) => `config: [x]\nproxy: ${proxy}\ntests:\n- name: t\n  request: {host: reviews}\n  expect: {}\n`;

test('parseRouteTestText: several documents, empty ones skipped', () => {
  const docs = parseRouteTestText(`${doc('sidecar:a')}---\n${doc('sidecar:b')}---\n`);
  assert.deepEqual(docs.map((d) => d.spec.proxy), ['sidecar:a', 'sidecar:b']);
  assert.equal(docs[1].lineOf('proxy'), 9, 'lines are lines of the whole file');
});

test('parseRouteTestText: errors carry the field and its line', () => {
  const err = (text: string) => { try { parseRouteTestText(text); } catch (e) { assert.ok(e instanceof RouteTestFormatError); return e; } assert.fail('no error'); };
  let e = err(doc('garbage'));
  assert.equal(e.field, 'proxy');
  assert.equal(e.line, 2);
  e = err(`${doc('sidecar:a')}---\n${doc('sidecar:a').replace('{host: reviews}', '{host: reviews, port: 0}')}`);
  assert.equal(e.field, 'tests[0].request.port');
  assert.equal(e.line, 12);
  e = err('tests: [\n');
  assert.match(e.message, /^not valid YAML: /);
  assert.equal(e.line, 2);
  e = err('# nothing\n');
  assert.match(e.message, /no test document/);
});
