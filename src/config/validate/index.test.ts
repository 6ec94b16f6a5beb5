import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../index.ts';
import { parseText } from '../load/parse.ts';
import { schemaValidationFindings, validateObjects } from './index.ts';

const TEXT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: good, namespace: shop}
spec:
  hosts: [a]
  http: [{route: [{destination: {host: a}}]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bad, namespace: shop}
spec:
  hosts: [a]
  http: [{route: [{destination: {host: a}, weight: -5}], colour: red}]
---
apiVersion: v1
kind: Service
metadata: {name: a, namespace: shop}
spec: {ports: [{name: http, port: 80}]}
`;

test('invalid objects are left out of the snapshot; the valid ones next to them are kept', () => {
  const cfg = loadConfigFromText([{ path: 'x.yaml', text: TEXT }]);
  assert.deepEqual(cfg.snapshot.objects.map((o) => `${o.kind}/${o.ref.name}`), ['VirtualService/good', 'Service/a']);
  assert.equal(cfg.snapshot.get('VirtualService', 'shop', 'bad'), undefined);
  const v = validateObjects(parseText(TEXT, 'x.yaml').objects);
  assert.deepEqual(v.invalid.map((o) => o.ref.name), ['bad']);
});

test('schemaValidationFindings: Istio kinds only, Istio codes only (no unknown-field warnings)', () => {
  const found = schemaValidationFindings(parseText(TEXT, 'x.yaml').objects);
  assert.deepEqual(found.map((d) => `${d.code} ${d.resource?.name} ${d.path}`), ['IST0106 bad spec.http[0].route[0].weight']);
  assert.deepEqual(schemaValidationFindings(parseText(TEXT, 'x.yaml').objects, 'Gateway'), []);
});
