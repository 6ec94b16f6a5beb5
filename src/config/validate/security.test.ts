import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsFor, findingsFor, istio } from './testing.ts';

const pa = (spec: string) => istio('PeerAuthentication', spec);

test('PeerAuthentication: modes, port-level mTLS needs a selector, ports are numbers', () => {
  assert.deepEqual(findingsFor(pa('  mtls: {mode: STRICT}\n')), []);
  assert.deepEqual(findingsFor(pa('  selector: {matchLabels: {app: a}}\n  portLevelMtls: {"8080": {mode: DISABLE}}\n')), []);
  const errs = errorsFor(pa('  mtls: {mode: SOMETIMES}\n  portLevelMtls: {"0": {mode: DISABLE}, http: {mode: STRICT}}\n'));
  assert.ok(errs.some((e) => /spec\.mtls\.mode: unsupported value "SOMETIMES"/.test(e)), errs.join('\n'));
  assert.ok(errs.some((e) => /mesh\/namespace peer authentication cannot have port level mTLS/.test(e)));
  assert.ok(errs.some((e) => /port cannot be 0/.test(e)));
  assert.ok(errs.some((e) => /port "http" is not a valid port number/.test(e)));
});

test('WorkloadEntry: an address unless a network, valid ports and labels', () => {
  const we = (spec: string) => istio('WorkloadEntry', spec);
  assert.deepEqual(findingsFor(we('  address: 10.0.0.1\n  ports: {http: 8080}\n  labels: {app: a}\n')), []);
  assert.deepEqual(findingsFor(we('  network: remote\n')), []);
  const errs = errorsFor(we('  ports: {http: 0}\n'));
  assert.ok(errs.some((e) => /spec\.address: .*address is required/.test(e)), errs.join('\n'));
  assert.ok(errs.some((e) => /spec\.ports\.http: .*port number 0/.test(e)));
  assert.ok(errorsFor(we('  address: "not an address"\n')).some((e) => /invalid address not an address/.test(e)));
});
