import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../../config/index.ts';
import type { Listener } from '../../envoy/types.ts';
import { translateProxy } from '../index.ts';

const YAML = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {clusterIP: 10.0.0.1, ports: [{name: http, port: 80}, {name: auto, port: 81}, {name: tcp-db, port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: mongo, namespace: default}
spec: {clusterIP: 10.0.0.2, ports: [{name: mongo, port: 27017}]}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: other, namespace: default}
spec:
  hosts: [other.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{number: 27017, name: http, protocol: HTTP}, {number: 443, name: tls, protocol: TLS}]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: a-mongo, namespace: default}
spec:
  hosts: [a-mongo.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{number: 27017, name: mongo, protocol: MONGO}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: default}
spec:
  host: web
  trafficPolicy: {loadBalancer: {consistentHash: {useSourceIp: true}}}
`;

function listeners(): Map<string, Listener> {
  const { snapshot } = loadConfigFromText([{ path: 'x.yaml', text: YAML }]);
  const pc = translateProxy(snapshot, { type: 'sidecar', namespace: 'default', labels: {}, ips: ['10.1.0.1'] });
  return new Map(pc.listeners.map((l) => [l.name, l]));
}

test('HTTP ports share 0.0.0.0_<port> with RDS "<port>" and a passthrough default chain', () => {
  const l = listeners().get('0.0.0.0_80')!;
  assert.equal(l.filter_chains![0]!.filters![0]!.typed_config.rds.route_config_name, '80');
  assert.deepEqual(l.filter_chains![0]!.filter_chain_match, { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] });
  assert.equal(l.default_filter_chain!.name, 'PassthroughFilterChain');
  assert.equal(l.bind_to_port, false);
});

test('auto ports on a VIP: HCM chain (RDS fqdn:port, by ALPN) + TCP chain; http_inspector only', () => {
  const l = listeners().get('10.0.0.1_81')!;
  assert.equal(l.filter_chains![0]!.filters![0]!.typed_config.rds.route_config_name, 'web.default.svc.cluster.local:81');
  assert.deepEqual(l.filter_chains![0]!.filter_chain_match, { application_protocols: ['http/1.1', 'h2c'] });
  assert.equal(l.filter_chains![1]!.filters![0]!.typed_config.cluster, 'outbound|81||web.default.svc.cluster.local');
  assert.deepEqual(l.listener_filters!.map((f) => f.name), ['envoy.filters.listener.http_inspector']);
});

test('TCP ports bind the VIP; useSourceIp consistent hash becomes a tcp_proxy source_ip hash', () => {
  const tp = listeners().get('10.0.0.1_5432')!.filter_chains![0]!.filters![0]!.typed_config;
  assert.equal(tp.cluster, 'outbound|5432||web.default.svc.cluster.local');
  assert.deepEqual(tp.hash_policy, [{ source_ip: {} }]);
});

test('TLS on 0.0.0.0 matches the SNI of the host and falls back to passthrough', () => {
  const l = listeners().get('0.0.0.0_443')!;
  assert.deepEqual(l.filter_chains![0]!.filter_chain_match, { server_names: ['other.example.com'] });
  assert.equal(l.default_filter_chain!.name, 'PassthroughFilterChain');
});

test('a Mongo port keeps its listener: a different protocol on the same bind:port is dropped', () => {
  const all = listeners();
  assert.ok(all.has('10.0.0.2_27017'));
  // a-mongo (Mongo, no address) and other (HTTP) both bind 0.0.0.0_27017: the HTTP one is dropped.
  const chains = all.get('0.0.0.0_27017')!.filter_chains!;
  assert.deepEqual(chains.map((c) => c.filters![0]!.typed_config.cluster), ['outbound|27017||a-mongo.example.com']);
});
