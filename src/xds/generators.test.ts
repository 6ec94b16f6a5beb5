// The endpoint-only push path gives exactly what a full translation gives (every type, every resource),
// reuses the previous listeners/routes/clusters when it applies, and falls back to full otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../config/index.ts';
import type { ConfigSnapshot } from '../config/snapshot.ts';
import { ResourceCache } from './cache.ts';
import { defaultEdsGenerator, defaultGenerator } from './generators.ts';
import { parseNode, type ProxyNode } from './node.ts';
import { toResourceSet, type ResourceSet } from './snapshot.ts';

const MESH = (webIps: string[], extra = '') => `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 8080, targetPort: 8080 }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: web, namespace: shop }
spec:
  host: web
  subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }]
${extra}${webIps.map((ip, i) => `---
apiVersion: v1
kind: Pod
metadata:
  name: web-${i}
  namespace: shop
  labels: { app: web, version: v${(i % 2) + 1}, security.istio.io/tlsMode: istio }
spec:
  containers: [{ name: app, ports: [{ containerPort: 8080 }] }]
status:
  podIP: ${ip}
  podIPs: [{ ip: ${ip} }]
  conditions: [{ type: Ready, status: "True" }]
`).join('')}`;
const snap = (yaml: string): ConfigSnapshot => loadConfigFromText([{ path: 'mesh.yaml', text: yaml }]).snapshot;
const sidecar = (ip: string, app: string): ProxyNode => parseNode({ id: `sidecar~${ip}~${app}-x.shop~shop.svc.cluster.local`, metadata: { fields: { NAMESPACE: { stringValue: 'shop' }, LABELS: { structValue: { fields: { app: { stringValue: app } } } } } } } as never);
const hashes = (s: ResourceSet) => Object.fromEntries((['lds', 'rds', 'cds', 'eds'] as const).map((t) => [t, Object.fromEntries([...s[t]].map(([n, r]) => [n, r.hash]))]));

const NODES = [sidecar('10.9.0.1', 'client'), sidecar('10.1.0.1', 'web'), sidecar('10.1.0.2', 'web')];

test('EDS-only path: same resources as a full translation; listeners/routes/clusters reused; own-IP proxies get a full one', () => {
  const cache = new ResourceCache(defaultGenerator, () => {}, defaultEdsGenerator);
  cache.setSnapshot(snap(MESH(['10.1.0.1', '10.1.0.2'])));
  const before = new Map(NODES.map((n) => [n.key, cache.resources(n)]));
  const next = snap(MESH(['10.1.0.1', '10.1.0.3', '10.1.0.4']));
  cache.setSnapshot(next);
  assert.equal(cache.change.kind, 'eds');
  for (const n of NODES) {
    const got = cache.resources(n);
    assert.deepEqual(hashes(got), hashes(toResourceSet(defaultGenerator(next, n))), n.id);
    const reused = got.lds === before.get(n.key)!.lds && got.cds === before.get(n.key)!.cds;
    // 10.1.0.2 was a changed endpoint: that proxy's own workload changed, so it is translated in full.
    assert.equal(reused, n.spec.ips[0] !== '10.1.0.2', n.id);
  }
  const eds = [...cache.resources(NODES[0]).eds.keys()];
  assert.ok(eds.includes('outbound|8080|v2|web.shop.svc.cluster.local'), eds.join());
});

test('EDS-only path: a change that alters clusters still gets a full translation', () => {
  const cache = new ResourceCache(defaultGenerator, () => {}, defaultEdsGenerator);
  cache.setSnapshot(snap(MESH(['10.1.0.1', '10.1.0.2'])));
  const before = cache.resources(NODES[0]);
  const lb = `---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: api, namespace: shop }
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{ number: 443, name: tls, protocol: TLS }]
`;
  const next = snap(MESH(['10.1.0.1', '10.1.0.3'], lb));
  cache.setSnapshot(next);
  assert.equal(cache.change.kind, 'full');
  const got = cache.resources(NODES[0]);
  assert.notEqual(got.cds, before.cds);
  assert.ok(got.cds.has('outbound|443||api.example.com') && !before.cds.has('outbound|443||api.example.com'));
  assert.deepEqual(hashes(got), hashes(toResourceSet(defaultGenerator(next, NODES[0]))));
});

test('an unchanged reload reuses every proxy result', () => {
  const cache = new ResourceCache(defaultGenerator, () => {}, defaultEdsGenerator);
  cache.setSnapshot(snap(MESH(['10.1.0.1'])));
  const before = cache.resources(NODES[0]);
  cache.setSnapshot(snap(MESH(['10.1.0.1'])));
  assert.equal(cache.change.kind, 'none');
  assert.equal(cache.resources(NODES[0]), before);
});

test('wire bytes of clusters carried over by EDS-only changes are not re-encoded by the next full push', () => {
  const cache = new ResourceCache(defaultGenerator, () => {}, defaultEdsGenerator);
  cache.setSnapshot(snap(MESH(['10.1.0.1', '10.1.0.2'])));
  const cluster = cache.resources(NODES[0]).cds.get('outbound|8080||web.shop.svc.cluster.local')!;
  const bytes = cache.packed('cds', cluster);
  assert.ok(bytes);
  for (const ips of [['10.1.0.1', '10.1.0.3'], ['10.1.0.1', '10.1.0.4']]) {
    cache.setSnapshot(snap(MESH(ips)));
    assert.equal(cache.change.kind, 'eds');
    cache.resources(NODES[0]); // only EDS is sent: the clusters are not packed again
  }
  cache.setSnapshot(snap(MESH(['10.1.0.1', '10.1.0.4'], `---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: api, namespace: shop }
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{ number: 443, name: tls, protocol: TLS }]
`)));
  assert.equal(cache.change.kind, 'full');
  const again = cache.resources(NODES[0]).cds.get('outbound|8080||web.shop.svc.cluster.local')!;
  assert.equal(again.hash, cluster.hash);
  assert.equal(cache.packed('cds', again), bytes, 'the cached encoding is reused');
});
