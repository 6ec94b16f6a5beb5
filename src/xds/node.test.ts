import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNode, structToJson } from './node.ts';

const struct = (o: Record<string, unknown>): unknown => ({
  fields: Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? { kind: 'string_value', string_value: v } : { kind: 'struct_value', struct_value: struct(v as Record<string, unknown>) }])),
});

test('Istio node ids and metadata become a ProxySpec', () => {
  const n = parseNode({ id: 'sidecar~10.1.0.7~reviews-v1-abc.default~default.svc.cluster.local', metadata: struct({ LABELS: { app: 'reviews', version: 'v1' }, CLUSTER_ID: 'east', ISTIO_VERSION: '1.24.0' }) });
  assert.deepEqual({ ...n.spec, metadata: undefined }, { type: 'sidecar', namespace: 'default', labels: { app: 'reviews', version: 'v1' }, ips: ['10.1.0.7'], podName: 'reviews-v1-abc', clusterId: 'east', istioVersion: '1.24.0', metadata: undefined });
  assert.equal(n.proxyless, false);
  assert.deepEqual(n.warnings, []);
  const gw = parseNode({ id: 'router~10.1.0.9~gw-1.istio-system~istio-system.svc.cluster.local', metadata: struct({ NAMESPACE: 'istio-system', INSTANCE_IPS: '10.1.0.9,fd00::9' }) });
  assert.equal(gw.spec.type, 'router');
  assert.deepEqual(gw.spec.ips, ['10.1.0.9', 'fd00::9']);
});

test('GENERATOR: grpc marks proxyless clients; identical identities share a key', () => {
  const a = parseNode({ id: 'sidecar~10.0.0.1~a.ns~ns.svc.cluster.local', metadata: struct({ GENERATOR: 'grpc' }) });
  const b = parseNode({ id: 'sidecar~10.0.0.2~b.ns~ns.svc.cluster.local', metadata: struct({ GENERATOR: 'grpc' }) });
  assert.equal(a.proxyless, true);
  assert.equal(a.key, b.key);
  assert.notEqual(a.key, parseNode({ id: 'sidecar~10.0.0.2~b.ns~ns.svc.cluster.local' }).key);
});

test('non-Istio node ids are served as sidecars with a warning', () => {
  const n = parseNode({ id: 'probe-node-1', metadata: struct({ NAMESPACE: 'test' }) });
  assert.equal(n.spec.namespace, 'test');
  assert.match(n.warnings[0], /not in Istio's TYPE~IP~POD\.NAMESPACE/);
});

test('Struct decoding accepts both field casings', () => {
  assert.deepEqual(structToJson({ fields: { a: { stringValue: 'x' }, b: { numberValue: 2 }, c: { listValue: { values: [{ boolValue: true }] } } } }), { a: 'x', b: 2, c: [true] });
});
