import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../../config/index.ts';
import { allRoutes, generateProxyless } from './index.ts';
import { encodeResource } from '../../xds/encode.ts';
import { TypeUrl } from '../../envoy/types.ts';

const YAML = `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: echo, namespace: test }
spec:
  hosts: [echo.test.svc.cluster.local]
  location: MESH_INTERNAL
  resolution: STATIC
  ports: [{ number: 7070, name: grpc, protocol: GRPC }]
  endpoints:
  - { address: 127.0.0.1, ports: { grpc: 50001 }, labels: { version: v1 }, locality: r1/z1 }
  - { address: 127.0.0.1, ports: { grpc: 50002 }, labels: { version: v2 }, locality: r1/z1 }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: echo, namespace: test }
spec:
  host: echo.test.svc.cluster.local
  subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: echo, namespace: test }
spec:
  hosts: [echo.test.svc.cluster.local]
  http:
  - match: [{ headers: { x-canary: { exact: "true" } } }]
    route: [{ destination: { host: echo.test.svc.cluster.local, subset: v2 } }]
    timeout: 200ms
  - route:
    - { destination: { host: echo.test.svc.cluster.local, subset: v1 }, weight: 80 }
    - { destination: { host: echo.test.svc.cluster.local, subset: v2 }, weight: 20 }
`;

const spec = { type: 'sidecar' as const, namespace: 'test', labels: {}, ips: ['10.0.0.9'] };

test('proxyless shape: api_listeners per target, RDS outbound|port||host, EDS clusters per subset, weighted localities', () => {
  const { snapshot, diagnostics } = loadConfigFromText([{ path: 'mesh.yaml', text: YAML }]);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'Error'), []);
  const pc = generateProxyless(snapshot, spec);
  const names = pc.listeners.map((l) => l.name).sort();
  assert.ok(names.includes('echo.test.svc.cluster.local:7070'), names.join());
  assert.ok(names.includes('echo:7070'));
  const l = pc.listeners.find((x) => x.name === 'echo:7070')!;
  const hcm = l.api_listener!.api_listener;
  assert.equal(hcm.rds.route_config_name, 'outbound|7070||echo.test.svc.cluster.local');
  assert.deepEqual(hcm.http_filters.map((f: any) => f.name), ['envoy.filters.http.fault', 'envoy.filters.http.router']);
  const rc = allRoutes(pc).find((r) => r.name === 'outbound|7070||echo.test.svc.cluster.local')!;
  const vh = rc.virtual_hosts![0];
  assert.ok(vh.domains.includes('echo.test.svc.cluster.local:7070') && vh.domains.includes('echo:7070'));
  const [canary, split] = vh.routes!;
  assert.equal(canary.route!.cluster, 'outbound|7070|v2|echo.test.svc.cluster.local');
  assert.deepEqual(canary.route!.max_stream_duration, { max_stream_duration: '0.200s', grpc_timeout_header_max: '0.200s' });
  assert.equal(canary.route!.timeout, undefined);
  assert.deepEqual(split.route!.weighted_clusters.clusters.map((c: any) => [c.name, c.weight]), [['outbound|7070|v1|echo.test.svc.cluster.local', 80], ['outbound|7070|v2|echo.test.svc.cluster.local', 20]]);
  assert.deepEqual(pc.clusters.map((c) => c.name).sort(), ['outbound|7070||echo.test.svc.cluster.local', 'outbound|7070|v1|echo.test.svc.cluster.local', 'outbound|7070|v2|echo.test.svc.cluster.local'].sort());
  assert.ok(pc.clusters.every((c) => c.type === 'EDS' && c.outlier_detection));
  const v2 = pc.endpoints.find((e) => e.cluster_name === 'outbound|7070|v2|echo.test.svc.cluster.local')!;
  assert.deepEqual(v2.endpoints, [{ locality: { region: 'r1', zone: 'z1', sub_zone: '' }, lb_endpoints: [{ endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: 50002 } } }, health_status: 'HEALTHY', load_balancing_weight: 1 }], load_balancing_weight: 1 }]);
});

test('a route change changes the content fingerprint grpc-js compares', () => {
  const a = generateProxyless(loadConfigFromText([{ path: 'a.yaml', text: YAML }]).snapshot, spec);
  const b = generateProxyless(loadConfigFromText([{ path: 'a.yaml', text: YAML.replace('weight: 80', 'weight: 70').replace('weight: 20', 'weight: 30') }]).snapshot, spec);
  const fp = (pc: typeof a) => allRoutes(pc)[0].virtual_hosts![0].routes![1].metadata!.filter_metadata.sluice.content;
  assert.notEqual(fp(a), fp(b));
});

test('every proxyless resource encodes against the Envoy protos with no dropped field', () => {
  const pc = generateProxyless(loadConfigFromText([{ path: 'a.yaml', text: YAML }]).snapshot, spec);
  const warnings: string[] = [];
  for (const [url, list] of [[TypeUrl.Listener, pc.listeners], [TypeUrl.RouteConfiguration, allRoutes(pc)], [TypeUrl.Cluster, pc.clusters], [TypeUrl.ClusterLoadAssignment, pc.endpoints]] as const) {
    for (const r of list) warnings.push(...encodeResource(url, r).warnings);
  }
  assert.deepEqual(warnings, []);
});

test('DestinationRule ISTIO_MUTUAL → xDS mTLS with the "default" certificate provider and pinned SANs', () => {
  const yaml = YAML.replace('  location: MESH_INTERNAL\n', '  location: MESH_INTERNAL\n  subjectAltNames: [spiffe://cluster.local/ns/test/sa/echo]\n')
    .replace('  subsets: [{ name: v1', '  trafficPolicy: { tls: { mode: ISTIO_MUTUAL } }\n  subsets: [{ name: v1');
  const pc = generateProxyless(loadConfigFromText([{ path: 'a.yaml', text: yaml }]).snapshot, spec);
  const c = pc.clusters.find((x) => x.name === 'outbound|7070|v1|echo.test.svc.cluster.local')!;
  const ctx = c.transport_socket.typed_config.common_tls_context;
  assert.equal(c.transport_socket.name, 'envoy.transport_sockets.tls');
  assert.deepEqual(ctx.tls_certificate_provider_instance, { instance_name: 'default', certificate_name: 'default' });
  assert.deepEqual(ctx.combined_validation_context.default_validation_context, {
    ca_certificate_provider_instance: { instance_name: 'default', certificate_name: 'ROOTCA' },
    match_subject_alt_names: [{ exact: 'spiffe://cluster.local/ns/test/sa/echo' }],
  });
  assert.deepEqual(encodeResource(TypeUrl.Cluster, c).warnings, []);
});

test('a port-level DR policy replaces the top-level loadBalancer/outlierDetection wholesale (Istio MergeTrafficPolicy)', () => {
  const yaml = YAML.replace('  subsets: [{ name: v1', [
    '  trafficPolicy:',
    '    outlierDetection: { consecutive5xxErrors: 3 }',
    '    portLevelSettings: [{ port: { number: 7070 }, loadBalancer: { consistentHash: { httpHeaderName: x-user, minimumRingSize: 64 } } }]',
    '  subsets: [{ name: v1',
  ].join('\n'));
  const { snapshot, diagnostics } = loadConfigFromText([{ path: 'a.yaml', text: yaml }]);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'Error'), []);
  const c = generateProxyless(snapshot, spec).clusters.find((x) => x.name === 'outbound|7070|v1|echo.test.svc.cluster.local')!;
  assert.equal(c.lb_policy, 'RING_HASH');
  assert.deepEqual(c.ring_hash_lb_config, { minimum_ring_size: '64' });
  assert.deepEqual(c.outlier_detection, { enforcing_success_rate: 0, enforcing_failure_percentage: 0 });
});

test('proxyless EDS keeps not-ready endpoints as UNHEALTHY, selects subset labels, sorts localities', () => {
  const pod = (name: string, labels: string, ip: string, ready: boolean) => `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: default, labels: {app: r, ${labels}}}
spec: {containers: [{name: c}]}
status: {podIP: ${ip}, conditions: [{type: Ready, status: "${ready ? 'True' : 'False'}"}]}`;
  const yaml = `
apiVersion: v1
kind: Service
metadata: {name: r, namespace: default}
spec: {selector: {app: r}, ports: [{name: grpc, port: 80, targetPort: 8080}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: r, namespace: default}
spec: {host: r, subsets: [{name: v2, labels: {version: v2}}]}
` + pod('r-v1', 'version: v1', '10.0.0.1', true) + pod('r-v2', 'version: v2, istio-locality: us-east.zone-a', '10.0.0.3', true) + pod('r-v2-b', 'version: v2', '10.0.0.4', false);
  const pc = generateProxyless(loadConfigFromText([{ path: 'a.yaml', text: yaml }]).snapshot, { type: 'sidecar', namespace: 'default', labels: {}, ips: ['10.0.0.9'] });
  const v2 = pc.endpoints.find((e) => e.cluster_name === 'outbound|80|v2|r.default.svc.cluster.local')!;
  assert.deepEqual(v2.endpoints!.map((g: any) => [g.locality, g.lb_endpoints.map((e: any) => [e.endpoint.address.socket_address.address, e.health_status])]), [
    [{ region: '', zone: '', sub_zone: '' }, [['10.0.0.4', 'UNHEALTHY']]],
    [{ region: 'us-east', zone: 'zone-a', sub_zone: '' }, [['10.0.0.3', 'HEALTHY']]],
  ]);
});
