import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsFor, findingsFor } from './testing.ts';

test('Services: port numbers and ranges are errors; protocol values and missing names are warnings', () => {
  const svc = (ports: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: ns}\nspec:\n  ports:\n${ports}`;
  assert.deepEqual(findingsFor(svc('  - {name: http, port: 80, targetPort: http}\n')), []);
  assert.deepEqual(errorsFor(svc('  - {name: http, port: "80"}\n  - {name: grpc, port: 70000}\n')), [
    'SLU1011 spec.ports[0].port: spec.ports[0].port: must be an integer (got "80")',
    'SLU1011 spec.ports[1].port: spec.ports[1].port: port number 70000 must be in the range 1..65535',
  ]);
  const warnings = findingsFor(svc('  - {port: 80, protocol: HTTP}\n  - {port: 81}\n'));
  assert.equal(warnings.length, 3, warnings.join('\n'));
  assert.ok(warnings.every((w) => w.startsWith('SLU1012')));
});

test('Pods and EndpointSlices: IPs and ports', () => {
  const errs = errorsFor(`apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns, labels: {app: 7}}
spec:
  containers: [{name: c, ports: [{containerPort: http}]}]
status: {podIP: 10.0.0.300}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: e, namespace: ns}
addressType: IPv4
endpoints: [{addresses: [not-an-ip]}, {}]
ports: [{port: 99999}]
`);
  assert.ok(errs.some((e) => /metadata\.labels\.app: must be a string/.test(e)), errs.join('\n'));
  assert.ok(errs.some((e) => /containerPort: must be an integer/.test(e)));
  assert.ok(errs.some((e) => /"10\.0\.0\.300" is not a valid IP address/.test(e)));
  assert.ok(errs.some((e) => /endpoints\[0\]\.addresses\[0\]: "not-an-ip" is not a valid IP address/.test(e)));
  assert.ok(errs.some((e) => /endpoints\[1\]\.addresses: Required value/.test(e)));
  assert.ok(errs.some((e) => /ports\[0\]\.port: .*99999/.test(e)));
});
