import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFrom } from './testing.ts';
import { serviceKey } from './mesh-model.ts';

const svc = (name: string, ns: string, extra = '') => `
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 80, targetPort: web}, {name: grpc, port: 90, targetPort: 9090}]
${extra}
`;

const pod = (name: string, ns: string, app: string, ip: string, ready = 'True', extraLabels = '') => `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: {app: ${app}${extraLabels}}}
spec: {serviceAccountName: sa-${app}, containers: [{name: c, ports: [{name: web, containerPort: 8080}]}]}
status: {podIP: ${ip}, conditions: [{type: Ready, status: "${ready}"}]}
`;

test('k8s Service conversion: hostname, VIPs, headless, ExternalName, exportTo annotation', () => {
  const m = modelFrom(`
apiVersion: v1
kind: Service
metadata: {name: a, namespace: ns1, annotations: {networking.istio.io/exportTo: "."}}
spec: {clusterIP: 10.0.0.1, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: h, namespace: ns1}
spec: {clusterIP: None, ports: [{name: tcp, port: 5000}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: ns1}
spec: {type: ExternalName, externalName: example.com, ports: [{port: 443, name: https}]}
`);
  const a = m.servicesByHost.get('a.ns1.svc.cluster.local')![0]!;
  assert.deepEqual(a.addresses, ['10.0.0.1']);
  assert.equal(a.resolution, 'ClientSideLB');
  assert.equal(a.exportTo.public, false);
  assert.deepEqual([...a.exportTo.namespaces], ['ns1']);
  const h = m.servicesByHost.get('h.ns1.svc.cluster.local')![0]!;
  assert.equal(h.headless, true);
  assert.equal(h.resolution, 'Passthrough');
  const ext = m.servicesByHost.get('ext.ns1.svc.cluster.local')![0]!;
  assert.equal(ext.resolution, 'Alias');
  assert.equal(ext.externalName, 'example.com');
  assert.deepEqual(m.namespaces, ['istio-system', 'ns1']);
});

test('endpoints from selected Pods: named targetPort, readiness, tlsMode, service accounts', () => {
  const m = modelFrom(svc('r', 'd') + pod('r1', 'd', 'r', '10.1.0.1', 'True', ', security.istio.io/tlsMode: istio') + pod('r2', 'd', 'r', '10.1.0.2', 'False') + pod('x', 'other', 'r', '10.9.9.9'));
  const eps = m.endpointsByService.get(serviceKey('r.d.svc.cluster.local', 'd'))!;
  const http = eps.filter((e) => e.servicePort === 80).map((e) => [e.address, e.port, e.health, e.tlsMode]);
  assert.deepEqual(http, [['10.1.0.1', 8080, 'Healthy', 'istio'], ['10.1.0.2', 8080, 'Unhealthy', 'disabled']]);
  assert.deepEqual(eps.filter((e) => e.servicePort === 90).map((e) => e.port), [9090, 9090]);
  const s = m.servicesByHost.get('r.d.svc.cluster.local')![0]!;
  assert.deepEqual(s.serviceAccounts, ['spiffe://cluster.local/ns/d/sa/sa-r']);
});

test('EndpointSlices win over Pods; ports matched by name; conditions', () => {
  const m = modelFrom(svc('r', 'd') + pod('r1', 'd', 'r', '10.1.0.1') + `
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: r-abc, namespace: d, labels: {kubernetes.io/service-name: r}}
addressType: IPv4
ports: [{name: http, port: 7070}]
endpoints:
- addresses: [10.2.0.1]
  conditions: {ready: true}
  zone: z1
- addresses: [10.2.0.2]
  conditions: {ready: false, terminating: true}
`);
  const eps = m.endpointsByService.get(serviceKey('r.d.svc.cluster.local', 'd'))!;
  assert.deepEqual(eps.map((e) => [e.address, e.port, e.servicePort, e.health, e.locality.zone]), [
    ['10.2.0.1', 7070, 80, 'Healthy', 'z1'],
    ['10.2.0.2', 7070, 80, 'Terminating', ''],
  ]);
});

test('Endpoints object when no EndpointSlice', () => {
  const m = modelFrom(svc('r', 'd') + `
---
apiVersion: v1
kind: Endpoints
metadata: {name: r, namespace: d}
subsets:
- addresses: [{ip: 10.3.0.1}]
  notReadyAddresses: [{ip: 10.3.0.2}]
  ports: [{name: grpc, port: 9999}]
`);
  const eps = m.endpointsByService.get(serviceKey('r.d.svc.cluster.local', 'd'))!;
  assert.deepEqual(eps.map((e) => [e.address, e.port, e.servicePort, e.health]), [['10.3.0.1', 9999, 90, 'Healthy'], ['10.3.0.2', 9999, 90, 'Unhealthy']]);
});

test('ServiceEntry: one service per host, resolutions, location default MESH_EXTERNAL, endpoints and DNS self-endpoint', () => {
  const m = modelFrom(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se, namespace: ns}
spec:
  hosts: [a.example.com, b.example.com]
  addresses: [240.0.0.1/32, 10.10.0.0/16]
  ports: [{number: 80, name: http, protocol: HTTP, targetPort: 8080}]
  resolution: STATIC
  location: MESH_INTERNAL
  endpoints:
  - {address: 1.1.1.1, labels: {v: one}, locality: r1/z1, weight: 3}
  - {address: 2.2.2.2, ports: {http: 9000}, serviceAccount: sa}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: dns, namespace: ns}
spec:
  hosts: [dns.example.com]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
`);
  const a = m.servicesByHost.get('a.example.com')![0]!;
  assert.equal(a.resolution, 'ClientSideLB');
  assert.equal(a.meshExternal, false);
  assert.deepEqual(a.addresses, ['240.0.0.1', '10.10.0.0/16']);
  assert.ok(m.servicesByHost.get('b.example.com'));
  const eps = m.endpointsByService.get(serviceKey('a.example.com', 'ns'))!;
  assert.deepEqual(eps.map((e) => [e.address, e.port, e.weight, e.locality.region, e.tlsMode]), [
    ['1.1.1.1', 8080, 3, 'r1', 'disabled'],
    ['2.2.2.2', 9000, 1, '', 'istio'],
  ]);
  const dns = m.servicesByHost.get('dns.example.com')![0]!;
  assert.equal(dns.resolution, 'DNSLB');
  assert.equal(dns.meshExternal, true);
  assert.deepEqual(m.endpointsByService.get(serviceKey('dns.example.com', 'ns'))!.map((e) => [e.address, e.port]), [['dns.example.com', 443]]);
});

test('ServiceEntry workloadSelector selects Pods and WorkloadEntries in its namespace', () => {
  const m = modelFrom(pod('p1', 'ns', 'vm', '10.0.0.7') + `
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: we1, namespace: ns}
spec: {address: 10.0.0.8, labels: {app: vm}, ports: {http: 7000}}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se, namespace: ns}
spec:
  hosts: [vm.internal]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: STATIC
  workloadSelector: {labels: {app: vm}}
`);
  const eps = m.endpointsByService.get(serviceKey('vm.internal', 'ns'))!;
  assert.deepEqual(eps.map((e) => [e.address, e.port]), [['10.0.0.7', 80], ['10.0.0.8', 7000]]);
});

test('same host in one namespace: k8s Service wins over ServiceEntry, endpoints merged', () => {
  const m = modelFrom(svc('r', 'd') + pod('r1', 'd', 'r', '10.1.0.1') + `
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se, namespace: d}
spec:
  hosts: [r.d.svc.cluster.local]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: STATIC
  endpoints: [{address: 10.5.5.5}]
`);
  const list = m.servicesByHost.get('r.d.svc.cluster.local')!;
  assert.equal(list.length, 1);
  assert.equal(list[0]!.kind, 'Service');
  const eps = m.endpointsByService.get(serviceKey('r.d.svc.cluster.local', 'd'))!.filter((e) => e.servicePort === 80);
  assert.deepEqual(eps.map((e) => e.address).sort(), ['10.1.0.1', '10.5.5.5']);
});

test('VirtualService entries: hosts resolved, gateways normalized, order by creation time then name', () => {
  const m = modelFrom(`
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: b, namespace: ns, creationTimestamp: "2020-01-01T00:00:00Z"}
spec: {hosts: [reviews, reviews.prod], gateways: [gw, other/gw3, gw4.sys.svc.cluster.local, mesh], http: [{route: [{destination: {host: reviews}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: a, namespace: ns, creationTimestamp: "2021-01-01T00:00:00Z"}
spec: {hosts: ["*.x.com"], exportTo: ["."], http: [{route: [{destination: {host: x}}]}]}
`);
  assert.deepEqual(m.virtualServices.map((v) => v.name), ['b', 'a']);
  const b = m.virtualServices[0]!;
  assert.deepEqual(b.hosts, ['reviews.ns.svc.cluster.local', 'reviews.prod']);
  assert.deepEqual(b.gateways, ['ns/gw', 'other/gw3', 'sys/gw4', 'mesh']);
  assert.deepEqual(m.virtualServices[1]!.gateways, ['mesh']);
  assert.deepEqual(m.index.vsPrivate.get('ns')!.map((v) => v.name), ['a']);
  assert.deepEqual(m.index.vsPublic.map((v) => v.name), ['b']);
});

test('resolveGatewayName forms', async () => {
  const { resolveGatewayName } = await import('./config-entries.ts');
  assert.deepEqual(['mesh', 'gw', './gw', 'o/gw', 'gw.sys.svc.cluster.local'].map((g) => resolveGatewayName(g, 'ns')), ['mesh', 'ns/gw', 'ns/gw', 'o/gw', 'sys/gw']);
});
