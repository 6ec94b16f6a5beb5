// Regression (QA fix round): analyzers must not crash when labels, annotations or selectors are not maps.
// Validation reports those fields (SLU1011, file:line); analysis carries on as if they were empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_ANALYZERS } from './index.ts';
import { analyzeYaml } from './testing.ts';
import { labelsOf, annotationsOf } from './util/labels.ts';

const KINDS: Array<[string, string]> = [
  ['v1', 'Pod'], ['v1', 'Namespace'], ['v1', 'Service'], ['v1', 'Node'], ['apps/v1', 'Deployment'],
  ['networking.istio.io/v1', 'Gateway'], ['networking.istio.io/v1', 'Sidecar'], ['networking.istio.io/v1', 'ServiceEntry'],
  ['networking.istio.io/v1', 'VirtualService'], ['networking.istio.io/v1', 'DestinationRule'],
  ['security.istio.io/v1', 'PeerAuthentication'], ['security.istio.io/v1', 'RequestAuthentication'],
  ['networking.istio.io/v1alpha3', 'EnvoyFilter'], ['networking.istio.io/v1', 'ProxyConfig'],
];
const BAD_VALUES = ['"app=foo"', '[a, b]', '42'];

function doc(apiVersion: string, kind: string, bad: string, i: number): string {
  const namespaced = kind !== 'Namespace' && kind !== 'Node';
  return `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: x${i}
${namespaced ? '  namespace: shop\n' : ''}  labels: ${bad}
  annotations: ${bad}
spec:
  selector: ${bad}
  workloadSelector: ${bad}
  template: {metadata: {labels: ${bad}}, spec: {containers: ${bad}}}
  containers: [{name: app, securityContext: {runAsUser: 1337}}]
  hosts: [a.shop.svc.cluster.local]
`;
}

test('every analyzer survives non-map labels, annotations and selectors', () => {
  for (const bad of BAD_VALUES) {
    const yaml = KINDS.map(([v, k], i) => doc(v, k, bad, i)).join('---\n');
    assert.doesNotThrow(() => analyzeYaml(yaml, ALL_ANALYZERS), `labels: ${bad}`);
  }
});

test('application UID is still checked when labels are a string', () => {
  const diags = analyzeYaml(doc('v1', 'Pod', '"istio=x"', 0), ALL_ANALYZERS.filter((a) => a.meta.name === 'applicationUID.Analyzer'));
  assert.deepEqual(diags.map((d) => d.code), ['IST0144']);
});

test('labelsOf/annotationsOf give {} for anything but a map', () => {
  for (const v of ['s', 1, ['a'], null, undefined]) {
    assert.deepEqual(labelsOf({ metadata: { labels: v } }), {});
    assert.deepEqual(annotationsOf({ metadata: { annotations: v } }), {});
  }
  assert.deepEqual(labelsOf({ metadata: { labels: { a: 'b' } } }), { a: 'b' });
});
