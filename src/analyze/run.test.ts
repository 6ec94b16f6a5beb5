import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../config/load/parse.ts';
import { runAnalyzers, sortAndDedupe } from './run.ts';
import { globMatch, parseSuppression } from './suppress.ts';
import { Msg } from './messages.ts';
import type { Analyzer } from './types.ts';
import { TEST_NOW } from './testing.ts';

const services = `apiVersion: v1
kind: Service
metadata: {name: a, namespace: kube-system}
spec: {ports: [{name: x, port: 1}]}
---
apiVersion: v1
kind: Service
metadata: {name: b, namespace: shop, labels: {v: "1"}}
---
apiVersion: v1
kind: Service
metadata: {name: b, namespace: shop, labels: {v: "2"}}
`;

const echo: Analyzer = {
  meta: { name: 'test.Echo', description: 'reports every Service twice with the same text', inputs: ['Service'], needs: ['Service'] },
  analyze(ctx) {
    for (const s of ctx.objects('Service')) {
      ctx.report(Msg.PortNameIsNotUnderNamingConvention, s, 'metadata.name', s.metadata.labels?.v ?? '-', 1, '1');
      ctx.report(Msg.PortNameIsNotUnderNamingConvention, s, 'metadata.name', s.metadata.labels?.v ?? '-', 1, '1');
    }
  },
};

test('Istio loader semantics: ignored namespaces dropped, the later duplicate wins, identical findings deduped', () => {
  const { objects } = parseText(services, 'f.yaml');
  const r = runAnalyzers({ objects, analyzers: [echo], now: TEST_NOW });
  assert.deepEqual(r.diagnostics.map((d) => `${d.resource?.namespace}/${d.resource?.name} ${d.message.slice(10, 11)}`), ['shop/b 2']);
});

test('analyzers whose needed kinds are absent are skipped unless every kind counts as available', () => {
  const r = runAnalyzers({ objects: [], analyzers: [echo], now: TEST_NOW });
  assert.deepEqual(r.skipped, [{ name: 'test.Echo', reason: 'no Service in the input' }]);
  const all = runAnalyzers({ objects: [], analyzers: [echo], now: TEST_NOW, allKindsAvailable: true, addDefaultResources: true });
  assert.deepEqual(all.ran, ['test.Echo']);
  assert.equal(all.diagnostics.length, 1, 'the default ingress Service is analyzed');
});

test('sortAndDedupe orders by level, code, origin', () => {
  const mk = (code: string, severity: 'Error' | 'Warning' | 'Info', name: string) => ({ code, severity, message: 'm', resource: { kind: 'K', namespace: 'n', name } });
  const out = sortAndDedupe([mk('IST0118', 'Info', 'a'), mk('IST0101', 'Error', 'b'), mk('IST0101', 'Error', 'a'), mk('IST0101', 'Error', 'a')]);
  assert.deepEqual(out.map((d) => `${d.code} ${d.resource?.name}`), ['IST0101 a', 'IST0101 b', 'IST0118 a']);
});

test('suppression globs match friendly names', () => {
  assert.ok(globMatch('VirtualService shop/*', 'VirtualService shop/reviews'));
  assert.ok(globMatch('* shop/re?iews', 'DestinationRule shop/reviews'));
  assert.ok(!globMatch('VirtualService shop/*', 'VirtualService other/reviews'));
  assert.deepEqual(parseSuppression('IST0102=Namespace frod'), { code: 'IST0102', glob: 'Namespace frod' });
  assert.equal(parseSuppression('bogus'), undefined);
  assert.equal(parseSuppression('ist0102=x'), undefined);
});
