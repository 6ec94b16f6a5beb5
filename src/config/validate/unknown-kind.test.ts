import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../load/parse.ts';
import { validateObjects } from './index.ts';
import { editDistance, suggestKind } from './unknown-kind.ts';

const doc = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\n`;
const check = (apiVersion: string, kind: string) => validateObjects(parseText(doc(apiVersion, kind), 'k.yaml').objects).diagnostics;

test('a typo of a known kind is a Warning with a suggestion, at the kind line', () => {
  const [d] = check('networking.istio.io/v1', 'VirtualServce');
  assert.equal(d.code, 'SLU1004');
  assert.equal(d.severity, 'Warning');
  assert.equal(d.source?.line, 2);
  assert.match(d.message, /VirtualServce is not a known kind \(did you mean VirtualService\?\)/);
  assert.match(check('v1', 'service')[0].message, /did you mean Service\?/);
});

test('an unknown kind in an Istio group Sluice reads is a Warning; other unknown kinds stay Info', () => {
  assert.equal(check('security.istio.io/v1', 'Bogus')[0].severity, 'Warning');
  assert.equal(check('networking.istio.io/v1beta1', 'ProxyConfig')[0].severity, 'Info');
  assert.equal(check('v1', 'PersistentVolumeClaim')[0].severity, 'Info');
  assert.equal(check('rbac.authorization.k8s.io/v1', 'Role')[0].severity, 'Info'); // close to Node, but another group
  assert.equal(check('telemetry.istio.io/v1', 'Telemetry')[0].severity, 'Info');
});

test('edit distance and suggestions', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('gatway', 'gateway'), 1);
  assert.equal(suggestKind('networking.istio.io', 'Gatewy'), 'Gateway');
  assert.equal(suggestKind('networking.istio.io', 'Telemetry'), undefined);
});
