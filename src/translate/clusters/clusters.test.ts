import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewFrom } from '../../model/testing.ts';
import type { Cluster } from '../../envoy/types.ts';
import { buildClusters, clustersForHostPort } from './index.ts';
import { clusterTrafficPolicy } from './traffic-policy.ts';
import { protoErrors } from './envoy-proto-check.testkit.ts';
import { encodeResource } from '../../xds/encode.ts';

const REVIEWS = `
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: default}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}, {name: grpc, port: 9090}, {name: tcp-db, port: 5432}, {name: dns, port: 53, protocol: UDP}, {name: web, port: 8000}]
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v1, namespace: default, labels: {app: reviews, version: v1, security.istio.io/tlsMode: istio}}
spec: {containers: [{name: c}]}
status: {podIP: 10.1.0.1}`;

const drYaml = (spec: string, name = 'reviews', ns = 'default') => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec:
  host: reviews.default.svc.cluster.local
${spec}`;

const byName = (cs: readonly Cluster[]) => new Map(cs.map((c) => [c.name, c]));
const clustersOf = (yaml: string, proxy = 'sidecar:default', mesh?: string) => byName(buildClusters(viewFrom(yaml, proxy, mesh)));

/** Valid against Envoy's protos, and encodable by our xDS server. */
function assertProtoValid(cs: readonly Cluster[]): void {
  for (const c of cs) {
    assert.deepEqual(protoErrors('envoy.config.cluster.v3.Cluster', c), [], c.name);
    assert.doesNotThrow(() => encodeResource('type.googleapis.com/envoy.config.cluster.v3.Cluster', c), c.name);
  }
}

test('sidecar CDS: outbound per port (UDP skipped), subsets, fixed clusters, inbound, in istiod order', () => {
  const v = viewFrom(REVIEWS + drYaml('  subsets: [{name: v1, labels: {version: v1}}]'), 'sidecar:default:app=reviews');
  const names = buildClusters(v).map((c) => c.name);
  assert.deepEqual(names, [
    // Ports in declared order, each followed by its subsets.
    'outbound|9080||reviews.default.svc.cluster.local', 'outbound|9080|v1|reviews.default.svc.cluster.local',
    'outbound|9090||reviews.default.svc.cluster.local', 'outbound|9090|v1|reviews.default.svc.cluster.local',
    'outbound|5432||reviews.default.svc.cluster.local', 'outbound|5432|v1|reviews.default.svc.cluster.local',
    'outbound|8000||reviews.default.svc.cluster.local', 'outbound|8000|v1|reviews.default.svc.cluster.local',
    'BlackHoleCluster', 'PassthroughCluster',
    'inbound|5432||', 'inbound|8000||', 'inbound|9080||', 'inbound|9090||',
    'InboundPassthroughCluster',
  ]);
  assertProtoValid(buildClusters(v));
});

test('Istio defaults on an outbound EDS cluster', () => {
  const c = clustersOf(REVIEWS).get('outbound|9080||reviews.default.svc.cluster.local')!;
  assert.equal(c.type, 'EDS');
  assert.deepEqual(c.eds_cluster_config, { service_name: c.name, eds_config: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' } });
  assert.equal(c.connect_timeout, '10s');
  assert.equal(c.lb_policy, 'LEAST_REQUEST');
  assert.deepEqual(c.circuit_breakers, { thresholds: [{ max_connections: 4294967295, max_pending_requests: 4294967295, max_requests: 4294967295, max_retries: 4294967295 }] });
  assert.deepEqual(c.common_lb_config, {});
  assert.equal(c.alt_stat_name, `${c.name};`);
  assert.deepEqual(c.metadata, { filter_metadata: { istio: { services: [{ host: 'reviews.default.svc.cluster.local', name: 'reviews', namespace: 'default' }] } } });
  assert.equal(c.filters, undefined, 'istio.metadata_exchange is deliberately omitted');
  assert.equal(c.outlier_detection, undefined);
  assert.equal(c.typed_extension_protocol_options, undefined);
});

test('protocol options: h2 for grpc, downstream protocol for auto ports on sidecars only, none for TCP', () => {
  const key = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
  const sc = clustersOf(REVIEWS);
  assert.deepEqual(sc.get('outbound|9090||reviews.default.svc.cluster.local')!.typed_extension_protocol_options[key].explicit_http_config, { http2_protocol_options: {} });
  assert.ok(sc.get('outbound|8000||reviews.default.svc.cluster.local')!.typed_extension_protocol_options[key].use_downstream_protocol_config);
  assert.equal(sc.get('outbound|5432||reviews.default.svc.cluster.local')!.typed_extension_protocol_options, undefined);
  const gw = clustersOf(REVIEWS, 'router:istio-system:istio=ingressgateway');
  assert.equal(gw.get('outbound|8000||reviews.default.svc.cluster.local')!.typed_extension_protocol_options, undefined);
  assert.equal(gw.has('PassthroughCluster'), false);
  assert.equal(gw.has('BlackHoleCluster'), true);
});

test('traffic policy merging: port level replaces top level wholesale; subset replaces per component', () => {
  const dr = {
    host: 'r', from: [],
    spec: {
      trafficPolicy: {
        loadBalancer: { simple: 'RANDOM' }, connectionPool: { tcp: { maxConnections: 5 } },
        portLevelSettings: [{ port: { number: 9080 }, outlierDetection: { consecutive5xxErrors: 3 } }],
      },
      subsets: [
        { name: 'v1', trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } },
        { name: 'v2', trafficPolicy: { tls: { mode: 'SIMPLE' }, portLevelSettings: [{ port: { number: 9080 }, loadBalancer: { simple: 'LEAST_REQUEST' } }] } },
      ],
    },
  } as any;
  const cases: Array<[number, string | undefined, object]> = [
    [8000, undefined, { loadBalancer: { simple: 'RANDOM' }, connectionPool: { tcp: { maxConnections: 5 } } }],
    [9080, undefined, { outlierDetection: { consecutive5xxErrors: 3 } }],
    [8000, 'v1', { loadBalancer: { simple: 'ROUND_ROBIN' }, connectionPool: { tcp: { maxConnections: 5 } } }],
    [9080, 'v1', { loadBalancer: { simple: 'ROUND_ROBIN' }, outlierDetection: { consecutive5xxErrors: 3 } }],
    [8000, 'v2', { loadBalancer: { simple: 'RANDOM' }, connectionPool: { tcp: { maxConnections: 5 } }, tls: { mode: 'SIMPLE' } }],
    [9080, 'v2', { loadBalancer: { simple: 'LEAST_REQUEST' } }],
  ];
  for (const [port, subset, want] of cases) assert.deepEqual(clusterTrafficPolicy(dr, port, subset), want, `${port}/${subset}`);
});

test('load balancer: simple policies, consistent hash → RING_HASH / MAGLEV, warmup', () => {
  const lb = (spec: string) => clustersOf(REVIEWS + drYaml(`  trafficPolicy: {loadBalancer: ${spec}}`)).get('outbound|9080||reviews.default.svc.cluster.local')!;
  assert.equal(lb('{simple: ROUND_ROBIN}').lb_policy, 'ROUND_ROBIN');
  assert.equal(lb('{simple: RANDOM}').lb_policy, 'RANDOM');
  assert.equal(lb('{simple: LEAST_CONN}').lb_policy, 'LEAST_REQUEST');
  const rr = lb('{simple: ROUND_ROBIN, warmupDurationSecs: 30s}');
  assert.deepEqual(rr.round_robin_lb_config, { slow_start_config: { slow_start_window: '30s' } });
  const ring = lb('{consistentHash: {httpHeaderName: x-user}}');
  assert.equal(ring.lb_policy, 'RING_HASH');
  assert.deepEqual(ring.ring_hash_lb_config, { minimum_ring_size: '1024' });
  assert.deepEqual(lb('{consistentHash: {useSourceIp: true, ringHash: {minimumRingSize: 64}}}').ring_hash_lb_config, { minimum_ring_size: '64' });
  const mag = lb('{consistentHash: {httpHeaderName: x, maglev: {tableSize: 65537}}}');
  assert.equal(mag.lb_policy, 'MAGLEV');
  assert.deepEqual(mag.maglev_lb_config, { table_size: '65537' });
  const pt = lb('{simple: PASSTHROUGH}');
  assert.deepEqual([pt.type, pt.lb_policy, pt.eds_cluster_config], ['ORIGINAL_DST', 'CLUSTER_PROVIDED', undefined]);
  assertProtoValid([rr, ring, mag, pt]);
});

test('connection pool → circuit breakers, timeouts, keepalive, HTTP options; 0 keeps the default', () => {
  const c = clustersOf(REVIEWS + drYaml(`  trafficPolicy:
    connectionPool:
      tcp: {maxConnections: 10, connectTimeout: 250ms, tcpKeepalive: {time: 7200s, interval: 75s, probes: 9}, maxConnectionDuration: 1h}
      http: {http1MaxPendingRequests: 0, http2MaxRequests: 100, maxRetries: 3, idleTimeout: 30s, maxRequestsPerConnection: 1}`)).get('outbound|9080||reviews.default.svc.cluster.local')!;
  assert.deepEqual(c.circuit_breakers.thresholds[0], { max_connections: 10, max_pending_requests: 4294967295, max_requests: 100, max_retries: 3 });
  assert.equal(c.connect_timeout, '0.250s');
  assert.deepEqual(c.upstream_connection_options, { tcp_keepalive: { keepalive_probes: 9, keepalive_time: 7200, keepalive_interval: 75 } });
  const opts = c.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'];
  assert.deepEqual(opts.common_http_protocol_options, { idle_timeout: '30s', max_requests_per_connection: 1, max_connection_duration: '3600s' });
  assert.deepEqual(opts.explicit_http_config, { http_protocol_options: {} });
  assertProtoValid([c]);
});

test('outlier detection only when set; panic threshold always emitted with it', () => {
  const none = clustersOf(REVIEWS).get('outbound|9080||reviews.default.svc.cluster.local')!;
  assert.equal(none.outlier_detection, undefined);
  const c = clustersOf(REVIEWS + drYaml(`  trafficPolicy:
    outlierDetection: {consecutive5xxErrors: 7, consecutiveGatewayErrors: 0, interval: 5s, baseEjectionTime: 1m, maxEjectionPercent: 50}`)).get('outbound|9080||reviews.default.svc.cluster.local')!;
  assert.deepEqual(c.outlier_detection, {
    enforcing_success_rate: 0, consecutive_5xx: 7, enforcing_consecutive_5xx: 100, consecutive_gateway_failure: 0,
    enforcing_consecutive_gateway_failure: 0, interval: '5s', base_ejection_time: '60s', max_ejection_percent: 50,
  });
  assert.deepEqual(c.common_lb_config, { healthy_panic_threshold: { value: 0 } });
  const min = clustersOf(REVIEWS + drYaml('  trafficPolicy: {outlierDetection: {minHealthPercent: 25}}')).get('outbound|9080||reviews.default.svc.cluster.local')!;
  assert.deepEqual(min.common_lb_config, { healthy_panic_threshold: { value: 25 } });
  assertProtoValid([c, min]);
});

test('auto-mTLS: transport_socket_matches unless DR tls, mesh-external, PeerAuthentication DISABLE or auto-mTLS off', () => {
  const c = clustersOf(REVIEWS).get('outbound|9090||reviews.default.svc.cluster.local')!;
  assert.deepEqual(c.transport_socket_matches.map((m: any) => [m.name, m.match]), [['tlsMode-istio', { tlsMode: 'istio' }], ['tlsMode-disabled', {}]]);
  const ctx = c.transport_socket_matches[0].transport_socket.typed_config;
  assert.equal(ctx.sni, 'outbound_.9090_._.reviews.default.svc.cluster.local');
  assert.deepEqual(ctx.common_tls_context.alpn_protocols, ['istio-peer-exchange', 'istio', 'h2']);
  assert.equal(ctx.common_tls_context.tls_certificate_sds_secret_configs[0].name, 'default');
  assert.equal(ctx.common_tls_context.combined_validation_context.validation_context_sds_secret_config.name, 'ROOTCA');
  assert.deepEqual(ctx.common_tls_context.combined_validation_context.default_validation_context, { match_subject_alt_names: [{ exact: 'spiffe://cluster.local/ns/default/sa/default' }] });
  const disabled = clustersOf(REVIEWS + `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: default}
spec: {mtls: {mode: DISABLE}}`).get('outbound|9080||reviews.default.svc.cluster.local')!;
  assert.equal(disabled.transport_socket_matches, undefined);
  const off = clustersOf(REVIEWS, 'sidecar:default', 'enableAutoMtls: false').get('outbound|9080||reviews.default.svc.cluster.local')!;
  assert.equal(off.transport_socket_matches, undefined);
  const drTls = clustersOf(REVIEWS + drYaml('  trafficPolicy: {tls: {mode: DISABLE}}')).get('outbound|9080||reviews.default.svc.cluster.local')!;
  assert.deepEqual([drTls.transport_socket_matches, drTls.transport_socket], [undefined, undefined]);
  assert.equal(drTls.metadata!.filter_metadata.istio.config, '/apis/networking.istio.io/v1/namespaces/default/destination-rule/reviews');
  assertProtoValid([c]);
});

test('DR TLS modes: ISTIO_MUTUAL plain socket with subset SNI; SIMPLE with sni / auto_sni; MUTUAL files; credentialName on sidecars needs a selector', () => {
  const cs = clustersOf(REVIEWS + drYaml(`  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
  subsets:
  - name: v1
    labels: {version: v1}
  - name: simple
    labels: {version: v1}
    trafficPolicy: {tls: {mode: SIMPLE, sni: api.example.com, caCertificates: /etc/ca.pem, subjectAltNames: [api.example.com]}}
  - name: auto
    labels: {version: v1}
    trafficPolicy: {tls: {mode: SIMPLE}}
  - name: mutual
    labels: {version: v1}
    trafficPolicy: {tls: {mode: MUTUAL, clientCertificate: /c.pem, privateKey: /k.pem}}
  - name: cred
    labels: {version: v1}
    trafficPolicy: {tls: {mode: MUTUAL, credentialName: my-secret}}`));
  const im = cs.get('outbound|9080|v1|reviews.default.svc.cluster.local')!;
  assert.equal(im.transport_socket_matches, undefined);
  assert.equal(im.transport_socket.typed_config.sni, 'outbound_.9080_.v1_.reviews.default.svc.cluster.local');
  assert.equal(im.metadata!.filter_metadata.istio.subset, 'v1');
  const simple = cs.get('outbound|9080|simple|reviews.default.svc.cluster.local')!;
  const sctx = simple.transport_socket.typed_config;
  assert.equal(sctx.sni, 'api.example.com');
  assert.equal(sctx.common_tls_context.combined_validation_context.validation_context_sds_secret_config.name, 'file-root:/etc/ca.pem');
  assert.equal(simple.metadata!.filter_metadata.istio.alpn_override, 'false');
  const auto = cs.get('outbound|9080|auto|reviews.default.svc.cluster.local')!;
  assert.deepEqual(auto.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].upstream_http_protocol_options, { auto_sni: true, auto_san_validation: true });
  const mutual = cs.get('outbound|9080|mutual|reviews.default.svc.cluster.local')!;
  assert.equal(mutual.transport_socket.typed_config.common_tls_context.tls_certificate_sds_secret_configs[0].name, 'file-cert:/c.pem~/k.pem');
  assert.equal(cs.get('outbound|9080|cred|reviews.default.svc.cluster.local')!.transport_socket, undefined);
  const gw = clustersOf(REVIEWS + drYaml('  trafficPolicy: {tls: {mode: MUTUAL, credentialName: my-secret}}'), 'router:istio-system:istio=gw');
  assert.equal(gw.get('outbound|9080||reviews.default.svc.cluster.local')!.transport_socket.typed_config.common_tls_context.tls_certificate_sds_secret_configs[0].name, 'kubernetes://my-secret');
  assertProtoValid([...cs.values()]);
});

test('ServiceEntry resolutions: NONE → ORIGINAL_DST (EDS on gateways), DNS → STRICT_DNS inline endpoints, DNS with no endpoints omitted', () => {
  const y = `
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: none, namespace: default}
spec: {hosts: [none.com], ports: [{number: 80, name: http, protocol: HTTP, targetPort: 8080}], resolution: NONE}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: dns, namespace: default}
spec:
  hosts: [dns.com]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
  endpoints: [{address: a.dns.com, labels: {v: a}}, {address: b.dns.com, labels: {v: b}}]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: rr, namespace: default}
spec: {hosts: [rr.com], ports: [{number: 80, name: http, protocol: HTTP}], resolution: DNS_ROUND_ROBIN}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dns, namespace: default}
spec: {host: dns.com, subsets: [{name: a, labels: {v: a}}, {name: none, labels: {v: zzz}}]}`;
  const cs = clustersOf(y);
  const none = cs.get('outbound|80||none.com')!;
  assert.deepEqual([none.type, none.lb_policy, none.original_dst_lb_config], ['ORIGINAL_DST', 'CLUSTER_PROVIDED', { upstream_port_override: 8080 }]);
  assert.equal(none.metadata!.filter_metadata.istio.external, true);
  assert.equal(none.metadata!.filter_metadata.istio.services[0].name, 'none.com');
  assert.equal(none.transport_socket_matches, undefined, 'mesh-external: no auto-mTLS');
  const dns = cs.get('outbound|443||dns.com')!;
  assert.equal(dns.type, 'STRICT_DNS');
  assert.deepEqual(dns.load_assignment.endpoints[0].lb_endpoints.map((e: any) => e.endpoint.address.socket_address.address), ['a.dns.com', 'b.dns.com']);
  assert.deepEqual([dns.dns_lookup_family, dns.dns_refresh_rate, dns.respect_dns_ttl], ['V4_ONLY', '60s', true]);
  assert.equal(cs.get('outbound|443|a|dns.com')!.load_assignment.endpoints[0].lb_endpoints.length, 1);
  assert.equal(cs.has('outbound|443|none|dns.com'), false);
  const rr = cs.get('outbound|80||rr.com')!;
  assert.equal(rr.type, 'LOGICAL_DNS');
  assert.equal(rr.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address, 'rr.com');
  assert.equal(clustersOf(y, 'router:istio-system:istio=gw').get('outbound|80||none.com')!.type, 'EDS');
  assertProtoValid([...cs.values()]);
});

test('headless service: ORIGINAL_DST; auto-mTLS only as plain socket when every endpoint has a sidecar', () => {
  const y = (tls: string) => `
---
apiVersion: v1
kind: Service
metadata: {name: h, namespace: default}
spec: {clusterIP: None, selector: {app: h}, ports: [{name: tcp, port: 5000}]}
---
apiVersion: v1
kind: Pod
metadata: {name: h1, namespace: default, labels: {app: h${tls}}}
spec: {containers: [{name: c}]}
status: {podIP: 10.0.0.3}`;
  const withSidecar = clustersOf(y(', security.istio.io/tlsMode: istio')).get('outbound|5000||h.default.svc.cluster.local')!;
  assert.equal(withSidecar.type, 'ORIGINAL_DST');
  assert.ok(withSidecar.transport_socket);
  assert.equal(withSidecar.transport_socket_matches, undefined);
  assert.equal(clustersOf(y('')).get('outbound|5000||h.default.svc.cluster.local')!.transport_socket, undefined);
});

test('fixed and inbound clusters', () => {
  const cs = clustersOf(REVIEWS, 'sidecar:default:app=reviews');
  assert.deepEqual(cs.get('BlackHoleCluster'), { name: 'BlackHoleCluster', type: 'STATIC', connect_timeout: '10s' });
  const pt = cs.get('PassthroughCluster')!;
  assert.deepEqual([pt.type, pt.lb_policy], ['ORIGINAL_DST', 'CLUSTER_PROVIDED']);
  const ipt = cs.get('InboundPassthroughCluster')!;
  assert.deepEqual(ipt.upstream_bind_config, { source_address: { address: '127.0.0.6', port_value: 0 } });
  const inb = cs.get('inbound|9080||')!;
  assert.deepEqual([inb.type, inb.lb_policy, inb.upstream_bind_config.source_address.address], ['ORIGINAL_DST', 'CLUSTER_PROVIDED', '127.0.0.6']);
  assert.deepEqual(inb.metadata!.filter_metadata.istio.services, [{ host: 'reviews.default.svc.cluster.local', name: 'reviews', namespace: 'default' }]);
  assertProtoValid([...cs.values()]);
});

test('Sidecar ingress replaces service-derived inbound clusters; defaultEndpoint forms', () => {
  const cs = clustersOf(REVIEWS + `
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: default}
spec:
  ingress:
  - {port: {number: 9080, protocol: HTTP, name: http}, defaultEndpoint: "127.0.0.1:8080"}
  - {port: {number: 9090, protocol: GRPC, name: grpc}, defaultEndpoint: "0.0.0.0:9091"}
  - {port: {number: 7000, protocol: TCP, name: tcp}, defaultEndpoint: "unix:///var/run/app.sock"}
  - {port: {number: 7001, protocol: TCP, name: tcp2}}`, 'sidecar:default:app=reviews');
  const names = [...cs.keys()].filter((n) => n.startsWith('inbound|'));
  assert.deepEqual(names, ['inbound|9080||', 'inbound|9090||', 'inbound|7000||', 'inbound|7001||']);
  assert.deepEqual(cs.get('inbound|9080||')!.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address, { socket_address: { address: '127.0.0.1', port_value: 8080 } });
  assert.equal(cs.get('inbound|9090||')!.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address, '1.1.1.1');
  assert.deepEqual(cs.get('inbound|7000||')!.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address, { pipe: { path: '/var/run/app.sock' } });
  assert.equal(cs.get('inbound|7001||')!.type, 'ORIGINAL_DST');
  assertProtoValid([...cs.values()]);
});

test('clustersForHostPort (reusable by other generators)', () => {
  const v = viewFrom(REVIEWS + drYaml('  subsets: [{name: v1, labels: {version: v1}}]'));
  assert.deepEqual(clustersForHostPort(v, 'reviews.default.svc.cluster.local', 9080).map((c) => c.name), [
    'outbound|9080||reviews.default.svc.cluster.local', 'outbound|9080|v1|reviews.default.svc.cluster.local',
  ]);
  assert.deepEqual(clustersForHostPort(v, 'reviews.default.svc.cluster.local', 53), []);
  assert.deepEqual(clustersForHostPort(v, 'nope', 80), []);
});

test('AUTO_PASSTHROUGH gateways get SNI-DNAT clusters without TLS, EDS keeps only mTLS endpoints', async () => {
  const { buildEndpoints } = await import('../endpoints/index.ts');
  const y = REVIEWS + drYaml('  subsets: [{name: v1, labels: {version: v1}}]') + `
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-plain, namespace: default, labels: {app: reviews, version: v2}}
spec: {containers: [{name: c}]}
status: {podIP: 10.1.0.9}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: cross-network, namespace: istio-system}
spec:
  selector: {istio: eastwestgateway}
  servers: [{port: {number: 15443, name: tls, protocol: TLS}, tls: {mode: AUTO_PASSTHROUGH}, hosts: ["*.local"]}]`;
  const v = viewFrom(y, 'router:istio-system:istio=eastwestgateway');
  const cs = byName(buildClusters(v));
  const dnat = cs.get('outbound_.9080_.v1_.reviews.default.svc.cluster.local')!;
  assert.equal(dnat.type, 'EDS');
  assert.deepEqual([dnat.transport_socket, dnat.transport_socket_matches], [undefined, undefined]);
  assert.ok(cs.has('outbound_.9080_._.reviews.default.svc.cluster.local'));
  assert.ok(cs.get('outbound|9080||reviews.default.svc.cluster.local')!.transport_socket_matches);
  const eds = new Map(buildEndpoints(v).map((e) => [e.cluster_name, e]));
  const addrs = (n: string) => (eds.get(n)!.endpoints ?? []).flatMap((l: any) => l.lb_endpoints.map((e: any) => e.endpoint.address.socket_address.address));
  assert.deepEqual(addrs('outbound_.9080_._.reviews.default.svc.cluster.local'), ['10.1.0.1']);
  assert.deepEqual(addrs('outbound|9080||reviews.default.svc.cluster.local'), ['10.1.0.1', '10.1.0.9']);
  assert.equal(byName(buildClusters(viewFrom(y, 'router:istio-system:istio=ingressgateway'))).has('outbound_.9080_._.reviews.default.svc.cluster.local'), false);
  assertProtoValid([dnat]);
});

test('DNS lookup family follows the proxy IP families', async () => {
  const { dnsLookupFamily } = await import('./outbound.ts');
  assert.deepEqual([dnsLookupFamily(['1.1.1.1']), dnsLookupFamily(['fd00::1']), dnsLookupFamily(['1.1.1.1', 'fd00::1']), dnsLookupFamily([])], ['V4_ONLY', 'V6_ONLY', 'ALL', 'V4_ONLY']);
});

test('h2UpgradePolicy: DR UPGRADE / DO_NOT_UPGRADE, DEFAULT falls back to the mesh setting', () => {
  const key = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
  const h2 = (dr: string, mesh?: string) => {
    const c = clustersOf(REVIEWS + (dr ? drYaml(`  trafficPolicy: {connectionPool: {http: {h2UpgradePolicy: ${dr}}}}`) : ''), 'sidecar:default', mesh).get('outbound|9080||reviews.default.svc.cluster.local')!;
    return !!c.typed_extension_protocol_options?.[key]?.explicit_http_config?.http2_protocol_options;
  };
  assert.deepEqual([h2('UPGRADE'), h2('DO_NOT_UPGRADE', 'h2UpgradePolicy: UPGRADE'), h2('DEFAULT', 'h2UpgradePolicy: UPGRADE'), h2(''), h2('', 'h2UpgradePolicy: UPGRADE')], [true, false, true, false, true]);
});
