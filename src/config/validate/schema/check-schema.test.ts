import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsFor, istio } from '../testing.ts';

test('types, enums, unknown fields and oneOf groups from the CRD schema', () => {
  const out = findingsFor(istio('VirtualService', `
  hosts: reviews
  http:
  - match:
    - uri: {exact: /a, prefix: /b}
      ignoreUriCase: "yes"
    route:
    - destination: {host: a}
      weight: 1.5
    corsPolicy: {unmatchedPreflights: SOMETIMES}
    colour: blue
`));
  const has = (re: RegExp) => assert.ok(out.some((l) => re.test(l)), `expected ${re} in:\n${out.join('\n')}`);
  has(/IST0106 spec\.hosts: .*spec\.hosts in body must be of type array/);
  has(/IST0106 spec\.http\[0\]\.match\[0\]\.uri: .*only one of exact, prefix, regex may be set/);
  has(/IST0106 spec\.http\[0\]\.match\[0\]\.ignoreUriCase: .*must be of type boolean/);
  has(/IST0106 spec\.http\[0\]\.route\[0\]\.weight: .*must be of type integer: "number"/);
  has(/IST0106 spec\.http\[0\]\.corsPolicy\.unmatchedPreflights: .*unsupported value "SOMETIMES"/);
  has(/SLU1010 spec\.http\[0\]\.colour: unknown field "spec\.http\[0\]\.colour"/);
});

test('fields added after the generated CRDs (Istio 1.19+) are known', () => {
  assert.deepEqual(findingsFor(istio('VirtualService', `
  hosts: [a]
  http:
  - route: [{destination: {host: a}}]
    mirrors: [{destination: {host: b}, percentage: {value: 10}}]
`)), []);
  assert.deepEqual(findingsFor(istio('DestinationRule', `
  host: a
  trafficPolicy:
    proxyProtocol: {version: V2}
    connectionPool: {tcp: {idleTimeout: 1h}, http: {maxConcurrentStreams: 10}}
`)), []);
});

test('a spec that is not an object is one clear error', () => {
  const out = findingsFor('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g, namespace: ns}\nspec: [1, 2]\n');
  assert.deepEqual(out, ['IST0106 spec: Schema validation error: spec in body must be of type object: "array"']);
});

test('an unknown top-level field of an Istio object (a misspelled spec) is a warning', () => {
  const out = findingsFor('apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: s, namespace: ns}\nsepc:\n  egress: [{hosts: ["./*"]}]\n');
  assert.ok(out.includes('SLU1010 sepc: unknown field "sepc"'), out.join('\n'));
  assert.ok(out.some((l) => /sidecar: empty configuration provided/.test(l)), out.join('\n'));
});
