import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewFrom } from '../../model/testing.ts';
import { buildEndpoints, endpointsForCluster } from './index.ts';
import { protoErrors } from '../clusters/envoy-proto-check.testkit.ts';
import { encodeResource } from '../../xds/encode.ts';

const pod = (name: string, labels: string, ip: string, extra = '') => `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: default, labels: {app: r, ${labels}}}
spec: {containers: [{name: c}]${extra}}
status: {podIP: ${ip}, conditions: [{type: Ready, status: "${name.includes('notready') ? 'False' : 'True'}"}]}`;

const MESH = `
---
apiVersion: v1
kind: Service
metadata: {name: r, namespace: default}
spec: {selector: {app: r}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: r, namespace: default}
spec:
  host: r
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}, {name: pt, labels: {version: v1}, trafficPolicy: {loadBalancer: {simple: PASSTHROUGH}}}]
` + pod('r-v1-a', 'version: v1, security.istio.io/tlsMode: istio, istio-locality: us-east.zone-b', '10.0.0.2')
  + pod('r-v1-b', 'version: v1', '10.0.0.1')
  + pod('r-v2', 'version: v2, istio-locality: us-east.zone-a.sz1', '10.0.0.3')
  + pod('r-v2-notready', 'version: v2', '10.0.0.4');

test('EDS: one assignment per EDS cluster, subsets filtered by labels, unhealthy dropped, localities sorted', () => {
  const v = viewFrom(MESH);
  const eds = buildEndpoints(v);
  assert.deepEqual(eds.map((e) => e.cluster_name), [
    'outbound|80||r.default.svc.cluster.local', 'outbound|80|v1|r.default.svc.cluster.local', 'outbound|80|v2|r.default.svc.cluster.local',
  ]);
  const all = eds[0]!;
  assert.deepEqual(all.endpoints!.map((l: any) => [l.locality, l.load_balancing_weight, l.lb_endpoints.map((e: any) => e.endpoint.address.socket_address.address)]), [
    [{}, 1, ['10.0.0.1']],
    [{ region: 'us-east', zone: 'zone-a', sub_zone: 'sz1' }, 1, ['10.0.0.3']],
    [{ region: 'us-east', zone: 'zone-b' }, 1, ['10.0.0.2']],
  ]);
  const v1 = eds[1]!;
  assert.deepEqual(v1.endpoints!.flatMap((l: any) => l.lb_endpoints.map((e: any) => e.endpoint.address.socket_address.port_value)), [8080, 8080]);
  const meta = v1.endpoints![1].lb_endpoints[0].metadata;
  assert.deepEqual(meta.filter_metadata['envoy.transport_socket_match'], { tlsMode: 'istio' });
  assert.equal(meta.filter_metadata.istio.workload, 'r-v1-a;default;r;v1;Kubernetes');
  assert.equal(v1.endpoints![0].lb_endpoints[0].metadata.filter_metadata['envoy.transport_socket_match'], undefined);
  for (const e of eds) {
    assert.deepEqual(protoErrors('envoy.config.endpoint.v3.ClusterLoadAssignment', e), []);
    assert.doesNotThrow(() => encodeResource('type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment', e));
  }
});

test('endpointsForCluster by name; no endpoints → cluster_name only; SNI-DNAT name keeps mTLS endpoints', () => {
  const v = viewFrom(MESH);
  assert.equal(endpointsForCluster(v, 'outbound|80|v2|r.default.svc.cluster.local')!.endpoints!.length, 1);
  assert.equal(endpointsForCluster(v, 'outbound|80|nope|r.default.svc.cluster.local'), undefined);
  assert.equal(endpointsForCluster(v, 'outbound|81||r.default.svc.cluster.local'), undefined);
  assert.equal(endpointsForCluster(v, 'inbound|80||'), undefined);
  const dnat = endpointsForCluster(v, 'outbound_.80_._.r.default.svc.cluster.local')!;
  assert.deepEqual(dnat.endpoints!.flatMap((l: any) => l.lb_endpoints.map((e: any) => e.endpoint.address.socket_address.address)), ['10.0.0.2']);
  const empty = viewFrom(MESH.split('\n---\napiVersion: v1\nkind: Pod')[0]!);
  assert.deepEqual(endpointsForCluster(empty, 'outbound|80||r.default.svc.cluster.local'), { cluster_name: 'outbound|80||r.default.svc.cluster.local' });
});

test('ServiceEntry STATIC endpoints: weights and locality from the entry', () => {
  const v = viewFrom(`
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se, namespace: default}
spec:
  hosts: [api.internal]
  location: MESH_INTERNAL
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: STATIC
  endpoints:
  - {address: 10.9.0.1, weight: 3, locality: r1/z1}
  - {address: 10.9.0.2, weight: 2, locality: r1/z1}
  - {address: 10.9.0.3, locality: r2/z1}`);
  const [cla] = buildEndpoints(v);
  assert.deepEqual(cla!.endpoints!.map((l: any) => [l.locality.region, l.load_balancing_weight, l.lb_endpoints.map((e: any) => e.load_balancing_weight)]), [
    ['r1', 5, [3, 2]],
    ['r2', 1, [1]],
  ]);
});

test('locality failover priorities when the cluster has outlierDetection and the proxy locality is known', () => {
  const y = `
---
apiVersion: v1
kind: Service
metadata: {name: r, namespace: default}
spec: {selector: {app: r}, ports: [{name: http, port: 80}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: r, namespace: default}
spec: {host: r, trafficPolicy: {outlierDetection: {consecutive5xxErrors: 5}}}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default, labels: {app: client, istio-locality: us.a.1}}
spec: {containers: [{name: c}]}
status: {podIP: 10.0.1.1}`
    + pod('same', 'istio-locality: us.a.1', '10.0.0.1') + pod('zone', 'istio-locality: us.a.2', '10.0.0.2')
    + pod('region', 'istio-locality: us.b.1', '10.0.0.3') + pod('far', 'istio-locality: eu.c.1', '10.0.0.4');
  const prio = (proxy: string) => Object.fromEntries(buildEndpoints(viewFrom(y, proxy))[0]!.endpoints!.map((l: any) => [l.lb_endpoints[0].endpoint.address.socket_address.address, l.priority ?? 0]));
  assert.deepEqual(prio('pod/client.default'), { '10.0.0.1': 0, '10.0.0.2': 1, '10.0.0.3': 2, '10.0.0.4': 3 });
  // No proxy locality (not a known pod): no priorities.
  assert.deepEqual(prio('sidecar:default'), { '10.0.0.1': 0, '10.0.0.2': 0, '10.0.0.3': 0, '10.0.0.4': 0 });
  // Without outlierDetection: no priorities (Istio applies failover only with outlier detection).
  const noOd = y.replace('trafficPolicy: {outlierDetection: {consecutive5xxErrors: 5}}', 'trafficPolicy: {loadBalancer: {simple: RANDOM}}');
  assert.deepEqual(Object.values(Object.fromEntries(buildEndpoints(viewFrom(noOd, 'pod/client.default'))[0]!.endpoints!.map((l: any, i: number) => [i, l.priority ?? 0]))), [0, 0, 0, 0]);
});

test('locality distribute re-weights locality groups; failover pushes non-target regions down; DR can disable', async () => {
  const { buildClusters } = await import('../clusters/index.ts');
  const base = (tp: string) => `
---
apiVersion: v1
kind: Service
metadata: {name: r, namespace: default}
spec: {selector: {app: r}, ports: [{name: http, port: 80}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: r, namespace: default}
spec: {host: r, trafficPolicy: ${tp}}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default, labels: {app: client, istio-locality: us.a.1}}
spec: {containers: [{name: c}]}
status: {podIP: 10.0.1.1}`
    + pod('a1', 'istio-locality: us.a.1', '10.0.0.1') + pod('a2', 'istio-locality: us.a.2', '10.0.0.2')
    + pod('eu', 'istio-locality: eu.c.1', '10.0.0.3') + pod('ap', 'istio-locality: ap.d.1', '10.0.0.4');
  const groups = (tp: string) => buildEndpoints(viewFrom(base(tp), 'pod/client.default'))[0]!.endpoints!
    .map((l: any) => [l.locality.region ?? '', l.locality.zone ?? '', l.load_balancing_weight, l.lb_endpoints.length, l.priority ?? 0]);
  assert.deepEqual(groups('{loadBalancer: {localityLbSetting: {distribute: [{from: "us/a/*", to: {"us/a/*": 80, "eu/*": 20}}]}}}'), [
    ['ap', 'd', 1, 0, 0], ['eu', 'c', 20, 1, 0], ['us', 'a', 40, 1, 0], ['us', 'a', 40, 1, 0],
  ]);
  assert.deepEqual(groups('{outlierDetection: {consecutive5xxErrors: 3}, loadBalancer: {localityLbSetting: {failover: [{from: us, to: eu}]}}}').map((g) => [g[0], g[4]]), [
    ['ap', 3], ['eu', 2], ['us', 0], ['us', 1],
  ]);
  assert.deepEqual(groups('{outlierDetection: {consecutive5xxErrors: 3}, loadBalancer: {localityLbSetting: {enabled: false}}}').map((g) => g[4]), [0, 0, 0, 0]);
  const c = buildClusters(viewFrom(base('{loadBalancer: {localityLbSetting: {distribute: [{from: "us/*", to: {"us/*": 100}}]}}}'), 'pod/client.default'))[0]!;
  assert.deepEqual(c.common_lb_config, { locality_weighted_lb_config: {} });
});

test('EDS drops non-IP addresses; publishNotReadyAddresses keeps not-ready pods', () => {
  const v = viewFrom(`
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: vm-dns, namespace: default}
spec: {address: vm.example.com, labels: {app: vm}}
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: vm-ip, namespace: default}
spec: {address: 10.7.0.1, labels: {app: vm}}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se, namespace: default}
spec:
  hosts: [vm.internal]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: STATIC
  workloadSelector: {labels: {app: vm}}`);
  assert.deepEqual(buildEndpoints(v)[0]!.endpoints!.flatMap((l: any) => l.lb_endpoints.map((e: any) => e.endpoint.address.socket_address.address)), ['10.7.0.1']);
  const y = MESH.replace('spec: {selector: {app: r}, ports:', 'spec: {publishNotReadyAddresses: true, selector: {app: r}, ports:');
  const v2 = buildEndpoints(viewFrom(y)).find((e) => e.cluster_name === 'outbound|80|v2|r.default.svc.cluster.local')!;
  assert.equal(v2.endpoints!.reduce((n: number, l: any) => n + l.lb_endpoints.length, 0), 2);
});

test('isIpAddress', async () => {
  const { isIpAddress } = await import('./load-assignment.ts');
  assert.deepEqual(['10.0.0.1', 'fd00::1', 'a.example.com', '::ffff:1.2.3.4', 'unix:///x'].map(isIpAddress), [true, true, false, true, false]);
});
