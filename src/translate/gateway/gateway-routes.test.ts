import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../../config/index.ts';
import { translateProxy } from '../index.ts';
import { hostIntersection } from './gateway-routes.ts';
import { serverHostsForNamespace } from './gateway-servers.ts';

test('host intersection keeps the more specific name of each matching pair', () => {
  assert.deepEqual(hostIntersection(['*.example.com'], ['a.example.com', 'b.other.com']), ['a.example.com']);
  assert.deepEqual(hostIntersection(['a.example.com', 'b.example.com'], ['*.example.com']), ['a.example.com', 'b.example.com']);
  assert.deepEqual(hostIntersection(['*'], ['*.example.com']), ['*.example.com']);
});

test('server hosts ns/host only bind VirtualServices of that namespace', () => {
  assert.deepEqual(serverHostsForNamespace(['shop/a.com', '*/b.com', 'c.com', 'other/d.com'], 'shop'), ['a.com', 'b.com', 'c.com']);
});

const GW = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["a.example.com", "b.example.com", "c.example.com"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ab, namespace: default}
spec:
  hosts: [a.example.com, b.example.com]
  gateways: [istio-system/gw]
  http: [{route: [{destination: {host: web, port: {number: 8080}}}]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: a-api, namespace: default, creationTimestamp: "2030-01-01T00:00:00Z"}
spec:
  hosts: [a.example.com]
  gateways: [istio-system/gw]
  http: [{match: [{uri: {prefix: /api}}], route: [{destination: {host: api, port: {number: 8080}}}]}]
`;

test('gateway RDS: VSes merged per host with catch-alls last, no selector-less blackhole when something binds', () => {
  const { snapshot } = loadConfigFromText([{ path: 'gw.yaml', text: GW }]);
  const pc = translateProxy(snapshot, { type: 'router', namespace: 'istio-system', labels: { istio: 'ingressgateway' }, ips: ['10.0.0.1'] });
  assert.deepEqual(pc.listeners.map((l) => l.name), ['0.0.0.0_80']);
  const rc = pc.routes.find((r) => r.name === 'http.80')!;
  const byName = Object.fromEntries(rc.virtual_hosts!.map((v) => [v.name, v]));
  assert.deepEqual(Object.keys(byName), ['a.example.com:80', 'b.example.com:80']);
  assert.deepEqual(byName['a.example.com:80']!.routes!.map((r) => r.match.prefix), ['/api', '/']);
  assert.deepEqual(byName['b.example.com:80']!.routes!.map((r) => r.route?.cluster), ['outbound|8080||web.default.svc.cluster.local']);
});

test('a server with nothing bound gets the blackhole:<port> vhost (404)', () => {
  const { snapshot } = loadConfigFromText([{ path: 'gw.yaml', text: GW.split('---')[0]! }]);
  const pc = translateProxy(snapshot, { type: 'router', namespace: 'istio-system', labels: { istio: 'ingressgateway' }, ips: ['10.0.0.1'] });
  assert.deepEqual(pc.routes[0]!.virtual_hosts, [{ name: 'blackhole:80', domains: ['*'], routes: [] }]);
});
