import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeResource, decodeResource, EncodeError, parseDuration } from './encode.ts';
import { TypeUrl } from '../envoy/types.ts';

const HCM = TypeUrl.HttpConnectionManager;

test('encodes proto-JSON listeners with nested Anys, durations and wrappers', () => {
  const listener = {
    name: 'echo:7070',
    api_listener: { api_listener: {
      '@type': HCM,
      common_http_protocol_options: { idle_timeout: '1.5s' },
      route_config: { name: 'r', virtual_hosts: [{ name: 'v', domains: ['*'], routes: [{ match: { prefix: '' }, route: { weighted_clusters: { clusters: [{ name: 'a', weight: 80 }, { name: 'b', weight: { value: 20 } }] } } }] }] },
      http_filters: [{ name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } }],
    } },
    metadata: { filter_metadata: { istio: { config: '/apis/x', n: 1, list: [true, null] } } },
  };
  const enc = encodeResource(TypeUrl.Listener, listener);
  assert.deepEqual(enc.warnings, []);
  const back = decodeResource(TypeUrl.Listener, enc.bytes) as any;
  const hcm = back.api_listener.api_listener;
  assert.equal(hcm['@type'], HCM);
  assert.deepEqual(hcm.common_http_protocol_options.idle_timeout, { seconds: '1', nanos: 500000000 });
  assert.deepEqual(hcm.route_config.virtual_hosts[0].routes[0].route.weighted_clusters.clusters.map((c: any) => c.weight.value), [80, 20]);
  assert.equal(hcm.http_filters[0].typed_config['@type'], 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router');
  assert.equal(back.metadata.filter_metadata.istio.fields.config.stringValue, '/apis/x');
});

test('unknown fields are reported, not silently dropped; lowerCamel keys are accepted', () => {
  const enc = encodeResource(TypeUrl.RouteConfiguration, { name: 'r', virtualHosts: [{ name: 'v', domains: ['*'] }], bogus_field: 1 });
  assert.deepEqual(enc.warnings, ['bogus_field: no such field in envoy.config.route.v3.RouteConfiguration (dropped)']);
  const back = decodeResource(TypeUrl.RouteConfiguration, enc.bytes) as any;
  assert.equal(back.virtual_hosts[0].name, 'v');
});

test('malformed values are errors naming the field', () => {
  assert.throws(() => encodeResource(TypeUrl.Cluster, { name: 'c', connect_timeout: '10 seconds' }), /connect_timeout: bad duration/);
  assert.throws(() => encodeResource(TypeUrl.Cluster, { name: 'c', type: 'EDSS' }), (e: unknown) => e instanceof EncodeError && /type: "EDSS" is not a value of DiscoveryType/.test(e.message));
  assert.throws(() => encodeResource(TypeUrl.Cluster, { name: 'c', transport_socket: { name: 't', typed_config: { '@type': 'type.googleapis.com/no.such.Type' } } }), /unknown type type.googleapis.com\/no.such.Type/);
});

test('durations parse like proto3 JSON', () => {
  assert.deepEqual(parseDuration('0.200s'), { seconds: '0', nanos: 200000000 });
  assert.deepEqual(parseDuration('10s'), { seconds: '10', nanos: 0 });
  assert.deepEqual(parseDuration('-1.5s'), { seconds: '-1', nanos: -500000000 });
});
