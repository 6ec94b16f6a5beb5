// classifyChange: which config changes may take the endpoint-only (EDS) push path. Table-driven.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../config/index.ts';
import { buildMeshModel } from '../model/index.ts';
import type { ConfigSnapshot } from '../config/snapshot.ts';
import { classifyChange, type ChangeClass } from './change.ts';

const NS = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
`;
const service = (name: string, extra = '') => `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { app: ${name} }
  ports: [{ name: http, port: 8080, targetPort: 8080 }]
${extra}`;
const pod = (name: string, app: string, ip: string, o: { ready?: boolean; version?: string; tls?: boolean } = {}) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: { app: ${app}, version: ${o.version ?? 'v1'}${o.tls === false ? '' : ', security.istio.io/tlsMode: istio'} }
spec:
  containers: [{ name: app, ports: [{ containerPort: 8080 }] }]
status:
  podIP: ${ip}
  podIPs: [{ ip: ${ip} }]
  conditions: [{ type: Ready, status: "${o.ready === false ? 'False' : 'True'}" }]
`;
const dr = (subsets: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: web, namespace: shop }
spec:
  host: web
  subsets: [${subsets}]
`;
const dnsEntry = (ip: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: db, namespace: shop }
spec:
  hosts: [db.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{ number: 5432, name: tcp, protocol: TCP }]
  endpoints: [{ address: ${ip} }]
`;
const weEntry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: vm, namespace: shop }
spec:
  hosts: [vm.shop.internal]
  location: MESH_INTERNAL
  resolution: STATIC
  ports: [{ number: 80, name: http, protocol: HTTP }]
  workloadSelector: { labels: { app: vm } }
`;
const we = (ip: string) => `apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: { name: vm-1, namespace: shop }
spec:
  address: ${ip}
  labels: { app: vm, security.istio.io/tlsMode: istio }
`;

const staticEntry = (ip: string, port: number) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ext, namespace: shop }
spec:
  hosts: [ext.shop.internal]
  location: MESH_INTERNAL
  resolution: STATIC
  ports: [{ number: ${port}, name: http, protocol: HTTP }]
  endpoints: [{ address: ${ip}, labels: { security.istio.io/tlsMode: istio } }]
`;

const BASE = [NS, service('web'), service('api'), pod('web-1', 'web', '10.1.0.1'), pod('api-1', 'api', '10.1.1.1'), dr('{ name: v1, labels: { version: v1 } }')];
const snap = (docs: string[]): ConfigSnapshot => {
  const r = loadConfigFromText([{ path: 'mesh.yaml', text: docs.join('---\n') }]);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'Error').map((d) => d.message), []);
  return r.snapshot;
};
const classify = (a: ConfigSnapshot, b: ConfigSnapshot): ChangeClass =>
  classifyChange({ snapshot: a, model: () => buildMeshModel(a) }, { snapshot: b, model: () => buildMeshModel(b) });
const replace = (docs: string[], i: number, doc: string): string[] => docs.map((d, j) => (j === i ? doc : d));

const CASES: { name: string; from: string[]; to: string[]; want: 'none' | 'full' | 'eds'; fullForIps?: string[] }[] = [
  { name: 'identical content, reloaded', from: BASE, to: [...BASE], want: 'none' },
  { name: 'a new replica of web', from: BASE, to: [...BASE, pod('web-2', 'web', '10.1.0.2')], want: 'eds', fullForIps: ['10.1.0.2'] },
  { name: 'a replica moves to another IP', from: [...BASE, pod('web-2', 'web', '10.1.0.2')], to: [...BASE, pod('web-2', 'web', '10.1.0.3')], want: 'eds', fullForIps: ['10.1.0.2', '10.1.0.3'] },
  { name: 'a replica turns unready', from: [...BASE, pod('web-2', 'web', '10.1.0.2')], to: [...BASE, pod('web-2', 'web', '10.1.0.2', { ready: false })], want: 'eds', fullForIps: ['10.1.0.2'] },
  { name: 'a replica relabelled into another subset', from: [...BASE, pod('web-2', 'web', '10.1.0.2')], to: [...BASE, pod('web-2', 'web', '10.1.0.2', { version: 'v2' })], want: 'eds', fullForIps: ['10.1.0.2'] },
  { name: 'a WorkloadEntry of a STATIC ServiceEntry moves', from: [...BASE, weEntry, we('10.2.0.1')], to: [...BASE, weEntry, we('10.2.0.2')], want: 'eds', fullForIps: ['10.2.0.1', '10.2.0.2'] },
  { name: 'the last endpoint of a service goes (istiod: full push)', from: BASE, to: BASE.filter((_, i) => i !== 4), want: 'full' },
  { name: 'an endpoint without a sidecar joins (auto-mTLS capability changes)', from: BASE, to: [...BASE, pod('web-2', 'web', '10.1.0.2', { tls: false })], want: 'full' },
  { name: 'a new DestinationRule subset (clusters change)', from: BASE, to: replace(BASE, 5, dr('{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }')), want: 'full' },
  { name: 'a new Service', from: BASE, to: [...BASE, service('cart')], want: 'full' },
  { name: 'a Service port changes', from: BASE, to: replace(BASE, 1, service('web').replace('port: 8080,', 'port: 9090,')), want: 'full' },
  { name: 'a DNS ServiceEntry endpoint (inline in CDS)', from: [...BASE, dnsEntry('db1.example.com')], to: [...BASE, dnsEntry('db2.example.com')], want: 'full' },
  { name: 'a headless Service endpoint (per-endpoint listeners)', from: [...BASE, service('hl', '  clusterIP: None\n'), pod('hl-1', 'hl', '10.3.0.1')], to: [...BASE, service('hl', '  clusterIP: None\n'), pod('hl-1', 'hl', '10.3.0.2')], want: 'full' },
  { name: 'a STATIC ServiceEntry endpoint moves (service unchanged)', from: [...BASE, staticEntry('10.5.0.1', 80)], to: [...BASE, staticEntry('10.5.0.2', 80)], want: 'eds', fullForIps: ['10.5.0.1', '10.5.0.2'] },
  { name: 'a STATIC ServiceEntry port changes', from: [...BASE, staticEntry('10.5.0.1', 80)], to: [...BASE, staticEntry('10.5.0.1', 81)], want: 'full' },
  { name: 'a Service selector changes (the model service changes)', from: BASE, to: replace(BASE, 1, service('web').replace('app: web }', 'app: web, tier: a }')), want: 'full' },
  { name: 'a pod no service selects', from: BASE, to: [...BASE, pod('job-1', 'job', '10.4.0.1')], want: 'eds', fullForIps: ['10.4.0.1'] },
];

for (const c of CASES) {
  test(`classifyChange: ${c.name} → ${c.want}`, () => {
    const got = classify(snap(c.from), snap(c.to));
    assert.equal(got.kind, c.want, got.kind === 'full' ? got.reason : '');
    if (got.kind === 'eds' && c.fullForIps) assert.deepEqual([...got.fullForIps].sort(), c.fullForIps);
  });
}

test('classifyChange: the same snapshot object is no change; a mesh config change is full', () => {
  const a = snap(BASE);
  assert.equal(classify(a, a).kind, 'none');
  const mesh = `apiVersion: v1
kind: ConfigMap
metadata: { name: istio, namespace: istio-system }
data:
  mesh: |
    connectTimeout: 3s
`;
  const got = classify(snap(BASE), snap([...BASE, mesh]));
  assert.equal(got.kind, 'full');
});
