import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../core/diagnostic.ts';
import { artifactLocationFor, toSarif } from './sarif.ts';

const ref = { kind: 'VirtualService', namespace: 'shop', name: 'reviews' };
const diag = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'IST0101', severity: 'Error', message: 'Referenced host not found: "x"', resource: ref, source: { file: 'cfg/vs.yaml', line: 12 }, ...over });
const opts = { toolVersion: '1.2.3', srcRoot: '/repo' };
const run = (diags: Diagnostic[]) => (toSarif(diags, opts) as any).runs[0];

test('file names become %SRCROOT%-relative URIs, percent-encoded; outside the root an absolute file URI', () => {
  assert.deepEqual(artifactLocationFor('cfg/vs.yaml', '/repo'), { uri: 'cfg/vs.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactLocationFor('./cfg/../cfg/my vs#1.yaml', '/repo'), { uri: 'cfg/my%20vs%231.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactLocationFor('/repo/a/b.yaml', '/repo'), { uri: 'a/b.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactLocationFor('../other/x.yaml', '/repo'), { uri: 'file:///other/x.yaml' });
  assert.deepEqual(artifactLocationFor('/etc/istio/x.yaml', '/repo'), { uri: 'file:///etc/istio/x.yaml' });
  assert.equal(artifactLocationFor('<stdin>', '/repo'), undefined);
});

test('levels: Error → error, Warning → warning, Info → note, on results and on rule defaults', () => {
  const r = run([diag({}), diag({ code: 'SLU0001', severity: 'Warning' }), diag({ code: 'IST0118', severity: 'Info' })]);
  assert.deepEqual(r.results.map((x: any) => [x.ruleId, x.level]), [['IST0101', 'error'], ['SLU0001', 'warning'], ['IST0118', 'note']]);
  assert.deepEqual(r.tool.driver.rules.map((x: any) => [x.id, x.defaultConfiguration.level]), [['IST0101', 'error'], ['IST0118', 'note'], ['SLU0001', 'warning']]);
  assert.deepEqual(r.results.map((x: any) => r.tool.driver.rules[x.ruleIndex].id), ['IST0101', 'SLU0001', 'IST0118']);
});

test('partial fingerprints ignore the line (a finding that moves keeps its alert) but not the resource or text', () => {
  const fp = (d: Diagnostic) => run([d]).results[0].partialFingerprints['sluiceFinding/v1'];
  assert.equal(fp(diag({})), fp(diag({ source: { file: 'cfg/vs.yaml', line: 40 } })));
  assert.notEqual(fp(diag({})), fp(diag({ resource: { ...ref, name: 'ratings' } })));
  assert.notEqual(fp(diag({})), fp(diag({ message: 'Referenced host not found: "y"' })));
});

test('columns become startColumn; a finding without a file keeps only its resource; artifacts are listed once', () => {
  const r = run([diag({ source: { file: 'cfg/vs.yaml', line: 3, column: 7 } }), diag({ source: undefined }), diag({ code: 'IST0112' })]);
  assert.deepEqual(r.results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: 7 });
  assert.deepEqual(r.results[1].locations, [{ logicalLocations: [{ name: 'reviews', fullyQualifiedName: 'VirtualService shop/reviews', kind: 'resource' }] }]);
  assert.deepEqual(r.artifacts, [{ location: { uri: 'cfg/vs.yaml', uriBaseId: '%SRCROOT%' } }]);
  assert.equal(r.tool.driver.version, '1.2.3');
});

test('rules carry descriptions, not templates; IST rules link Istio, SLU rules name the doc section', () => {
  const rules = run([diag({}), diag({ code: 'SLU0003', severity: 'Warning' }), diag({ code: 'SLU1003' })]).tool.driver.rules;
  const [ist, slu, loader] = rules;
  assert.equal(ist.fullDescription.text, 'A resource being referenced does not exist. An Istio analyzer message, reported as istioctl analyze reports it.');
  assert.equal(ist.helpUri, 'https://istio.io/latest/docs/reference/config/analysis/ist0101/');
  assert.equal(slu.helpUri, undefined);
  assert.equal(slu.properties.documentation, 'docs/analyze.md#slu0003-retrybudgetexceedstimeout');
  assert.match(slu.help.text, /docs\/analyze\.md#slu0003-retrybudgetexceedstimeout/);
  assert.equal(loader.properties.documentation, 'docs/validation.md#codes');
  for (const r of rules) assert.doesNotMatch(JSON.stringify(r), /%[svqd]/);
});
