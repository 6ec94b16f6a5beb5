import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsFor, findingsFor, istio } from '../testing.ts';

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

test('integer ranges: int32 fields (CRD format: int32) and the 64-bit ceiling; durations up to protobuf\'s maximum', () => {
  const out = errorsFor(istio('VirtualService', `
  hosts: [a]
  http:
  - route:
    - destination: {host: a}
      weight: 99999999999999999999
    - destination: {host: b}
      weight: 2147483647
    retries: {attempts: 1e30, perTryTimeout: 315576000000s}
    timeout: 315576000001s
`));
  assert.equal(out.length, 3, out.join('\n'));
  assert.match(out[0], /IST0106 spec\.http\[0\]\.route\[0\]\.weight: .*out of range for int32 \(-2147483648 to 2147483647\)/);
  assert.match(out[1], /IST0106 spec\.http\[0\]\.retries\.attempts: .*1e\+30 is out of range for int32/);
  assert.match(out[2], /timeout "315576000001s" is longer than the protobuf Duration maximum/);
  const big = errorsFor(istio('DestinationRule', `
  host: a
  trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: x, ringHash: {minimumRingSize: 1e20}}}}
`));
  assert.ok(big.some((l) => /minimumRingSize: .*out of range for 64-bit integer/.test(l)), big.join('\n'));
});
