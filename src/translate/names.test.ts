import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  configPath, dnsSrvClusterName, gatewayRouteConfigName, inboundClusterName, listenerName, outboundClusterName, parseClusterName,
  parseConfigPath, parseHostPort, parseListenerName, parseRouteConfigName, virtualHostName,
} from './names.ts';

test('cluster names build and parse back (Istio BuildSubsetKey / ParseSubsetKey)', () => {
  const cases: Array<[string, ReturnType<typeof parseClusterName>]> = [
    [outboundClusterName(9080, 'reviews.default.svc.cluster.local', 'v1'), { direction: 'outbound', port: 9080, subset: 'v1', host: 'reviews.default.svc.cluster.local' }],
    [outboundClusterName(80, 'a.com'), { direction: 'outbound', port: 80, subset: '', host: 'a.com' }],
    [inboundClusterName(8080), { direction: 'inbound', port: 8080, subset: '', host: '' }],
    [dnsSrvClusterName(9080, 'reviews.default.svc.cluster.local'), { direction: 'outbound', port: 9080, subset: '', host: 'reviews.default.svc.cluster.local' }],
    [dnsSrvClusterName(443, 'x.y', 'v2'), { direction: 'outbound', port: 443, subset: 'v2', host: 'x.y' }],
    ['PassthroughCluster', undefined],
    ['outbound|abc||x', undefined],
  ];
  for (const [name, want] of cases) assert.deepEqual(parseClusterName(name), want, name);
  assert.equal(outboundClusterName(9080, 'reviews.default.svc.cluster.local', 'v1'), 'outbound|9080|v1|reviews.default.svc.cluster.local');
  assert.equal(inboundClusterName(8080), 'inbound|8080||');
  assert.equal(dnsSrvClusterName(9080, 'r.default.svc.cluster.local'), 'outbound_.9080_._.r.default.svc.cluster.local');
});

test('listener names', () => {
  assert.equal(listenerName('0.0.0.0', 9080), '0.0.0.0_9080');
  assert.deepEqual(parseListenerName('10.0.0.1_9080'), { bind: '10.0.0.1', port: 9080, udp: false });
  assert.deepEqual(parseListenerName('udp_0.0.0.0_53'), { bind: '0.0.0.0', port: 53, udp: true });
  assert.equal(parseListenerName('virtualOutbound'), undefined);
});

test('route config names', () => {
  assert.equal(gatewayRouteConfigName({ https: false, port: 8080 }), 'http.8080');
  assert.equal(gatewayRouteConfigName({ https: true, port: 443, portName: 'https', gatewayName: 'gw', gatewayNamespace: 'ns' }), 'https.443.https.gw.ns');
  assert.equal(gatewayRouteConfigName({ https: false, port: 80, bind: '1.2.3.4' }), 'http.80.1.2.3.4');
  assert.deepEqual(parseRouteConfigName('9080'), { kind: 'sidecar', port: 9080 });
  assert.deepEqual(parseRouteConfigName('http.80'), { kind: 'gateway-http', port: 80 });
  assert.deepEqual(parseRouteConfigName('https.443.https.gw.ns'), { kind: 'gateway-https', port: 443, portName: 'https', gatewayName: 'gw', gatewayNamespace: 'ns' });
  assert.deepEqual(parseRouteConfigName('a.default.svc.cluster.local:8080'), { kind: 'sniffed', host: 'a.default.svc.cluster.local', port: 8080 });
  assert.deepEqual(parseRouteConfigName('inbound|9080||'), { kind: 'inbound', port: 9080 });
  assert.deepEqual(parseRouteConfigName('http_proxy'), { kind: 'other', name: 'http_proxy' });
});

test('vhost names and provenance paths', () => {
  assert.equal(virtualHostName('reviews.default.svc.cluster.local', 9080), 'reviews.default.svc.cluster.local:9080');
  assert.equal(virtualHostName('::1', 80), '[::1]:80');
  assert.deepEqual(parseHostPort('[::1]:80'), { host: '::1', port: 80 });
  assert.equal(parseHostPort('allow_any'), undefined);
  const p = configPath('VirtualService', 'ns', 'vs');
  assert.equal(p, '/apis/networking.istio.io/v1/namespaces/ns/virtual-service/vs');
  assert.deepEqual(parseConfigPath(p), { kind: 'VirtualService', namespace: 'ns', name: 'vs' });
  assert.deepEqual(parseConfigPath(configPath('DestinationRule', 'a', 'b')), { kind: 'DestinationRule', namespace: 'a', name: 'b' });
  assert.equal(parseConfigPath('/apis/x'), undefined);
});
