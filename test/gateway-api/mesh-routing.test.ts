// Gateway API mesh routing (GAMMA) end to end: HTTPRoute YAML → load → model (synthetic VirtualServices)
// → sidecar RDS → trace. Istio semantics: pilot/pkg/config/kube/gateway (route_collections.go, conversion.go),
// route.go (gateway semantics: path-separated prefixes, namespace rule), sidecar.go (consumer override).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';
import { loadConfigFromText } from '../../src/config/index.ts';
import type { ProxyConfig } from '../../src/envoy/types.ts';
import { buildMeshModel } from '../../src/model/index.ts';
import { parseProxySpec } from '../../src/model/proxy-spec.ts';
import { trace } from '../../src/simulate/index.ts';
import type { TraceRequest } from '../../src/simulate/types.ts';
import { translateProxy } from '../../src/translate/index.ts';
import { checkResource } from '../translate/envoy-proto-walk.ts';

const SERVICES = `
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {clusterIP: 10.0.0.1, ports: [{name: http, port: 9080}, {name: http-admin, port: 9090}]}
---
apiVersion: v1
kind: Service
metadata: {name: reviews-v2, namespace: shop}
spec: {clusterIP: 10.0.0.2, ports: [{name: http, port: 9080}, {name: http-admin, port: 9090}]}
---
apiVersion: v1
kind: Service
metadata: {name: canary, namespace: shop}
spec: {clusterIP: 10.0.0.3, ports: [{name: http, port: 9080}]}
`;

const PRODUCER = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: reviews, namespace: shop, creationTimestamp: "2021-01-01T00:00:00Z"}
spec:
  parentRefs: [{group: "", kind: Service, name: reviews, port: 9080}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api/}}]
    backendRefs: [{name: reviews-v2, port: 9080, weight: 90}, {name: canary, port: 9080, weight: 10}]
  - backendRefs: [{name: reviews, port: 9080}]
`;

const OLD_VS = `
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: legacy, namespace: other, creationTimestamp: "2019-01-01T00:00:00Z"}
spec:
  hosts: [reviews.shop.svc.cluster.local]
  http: [{route: [{destination: {host: canary.shop.svc.cluster.local}}]}]
`;

function translate(yaml: string, proxy: string): ProxyConfig {
  const loaded = loadConfigFromText([{ path: 'mesh.yaml', text: yaml }]);
  assert.deepEqual(loaded.diagnostics.filter((d) => d.severity !== 'Info'), []);
  return translateProxy(loaded.snapshot, parseProxySpec(proxy));
}

const req = (port: number, path: string): TraceRequest =>
  ({ port, host: 'reviews.shop.svc.cluster.local', path, headers: [], protocol: 'http', tls: 'none', inbound: false, address: '10.0.0.1' }) as TraceRequest;

function outcome(pc: ProxyConfig, port: number, path: string): string {
  const t = trace(pc, req(port, path));
  return t.error ? `error:${t.error}` : t.clusters.map((c) => `${c.name}${t.clusterSpecifier === 'weighted_clusters' ? `@${c.weight}` : ''}`).join(',');
}

test('a producer HTTPRoute routes the Service port it names; prefixes are path-separated; other ports keep the default', () => {
  const pc = translate(SERVICES + PRODUCER, 'sidecar:shop');
  const cases: Array<[number, string, string]> = [
    [9080, '/api/v1', 'outbound|9080||reviews-v2.shop.svc.cluster.local@90,outbound|9080||canary.shop.svc.cluster.local@10'],
    [9080, '/api', 'outbound|9080||reviews-v2.shop.svc.cluster.local@90,outbound|9080||canary.shop.svc.cluster.local@10'],
    [9080, '/apis', 'outbound|9080||reviews.shop.svc.cluster.local'], // not /api/…: falls to the catch-all rule
    [9090, '/api/v1', 'outbound|9090||reviews.shop.svc.cluster.local'], // parentRef port 9080 only
  ];
  for (const [port, path, want] of cases) assert.equal(outcome(pc, port, path), want, `${port} ${path}`);
  const vh = pc.routes.find((r) => r.name === '9080')!.virtual_hosts!.find((v) => v.name === 'reviews.shop.svc.cluster.local:9080')!;
  assert.deepEqual(vh.routes![0]!.match, { path_separated_prefix: '/api', case_sensitive: true });
  assert.equal(vh.routes![0]!.name, 'shop.reviews.0');
  assert.deepEqual(vh.routes![0]!.metadata, { filter_metadata: { istio: { config: '/apis/networking.istio.io/v1/namespaces/shop/virtual-service/shop~9080~reviews.shop.svc.cluster.local' } } });
  for (const r of pc.routes) assert.deepEqual(checkResource('envoy.config.route.v3.RouteConfiguration', r, r.name), []);
});

test('consumer override: the proxy namespace\'s HTTPRoute beats an older VirtualService; elsewhere age wins', () => {
  const yaml = SERVICES + PRODUCER + OLD_VS;
  // In the producer's namespace the (newer) HTTPRoute is favoured over the 2019 VirtualService.
  assert.equal(outcome(translate(yaml, 'sidecar:shop'), 9080, '/'), 'outbound|9080||reviews.shop.svc.cluster.local');
  // From another namespace both are public: the oldest (the VirtualService) wins, as for two VirtualServices.
  assert.equal(outcome(translate(yaml, 'sidecar:frontend'), 9080, '/'), 'outbound|9080||canary.shop.svc.cluster.local');
});

test('a consumer HTTPRoute only changes routing for clients in its own namespace', () => {
  const consumer = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: pin, namespace: frontend}
spec:
  parentRefs: [{group: "", kind: Service, name: reviews, namespace: shop}]
  rules: [{backendRefs: [{name: reviews-v2, namespace: shop, port: 9080}]}]
`;
  const yaml = SERVICES + consumer;
  assert.equal(outcome(translate(yaml, 'sidecar:frontend'), 9080, '/'), 'outbound|9080||reviews-v2.shop.svc.cluster.local');
  assert.equal(outcome(translate(yaml, 'sidecar:shop'), 9080, '/'), 'outbound|9080||reviews.shop.svc.cluster.local');
  assert.equal(outcome(translate(yaml, 'sidecar:billing'), 9080, '/'), 'outbound|9080||reviews.shop.svc.cluster.local');
});

test('a rule whose backends all have weight 0 answers 500', () => {
  const zero = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: off, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: canary}]
  rules: [{backendRefs: [{name: canary, port: 9080, weight: 0}]}]
`;
  const pc = translate(SERVICES + zero, 'sidecar:shop');
  const t = trace(pc, { ...req(9080, '/'), host: 'canary.shop.svc.cluster.local', address: '10.0.0.3' });
  assert.equal(t.directResponse?.status, 500);
});

test('gateway semantics in the sidecar route: 500 for unknown clusters, prefix removal, redirect prefix replacement', () => {
  const filters = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: edit, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: canary}]
  rules:
  - matches: [{path: {value: /old}}]
    filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}, statusCode: 302}}]
  - matches: [{path: {value: /strip}}]
    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}]
    backendRefs: [{name: canary, port: 9080}]
`;
  const pc = translate(SERVICES + filters, 'sidecar:shop');
  const vh = pc.routes.find((r) => r.name === '9080')!.virtual_hosts!.find((v) => v.name === 'canary.shop.svc.cluster.local:9080')!;
  const [strip, redirect] = vh.routes!; // longer prefix first (Gateway API precedence)
  assert.deepEqual(redirect!.redirect, { prefix_rewrite: '/new', response_code: 'FOUND', port_redirect: 9080 });
  assert.equal(strip!.route!.cluster_not_found_response_code, 'INTERNAL_SERVER_ERROR');
  assert.deepEqual(strip!.route!.regex_rewrite, { pattern: { regex: '^/strip(/?)(.*)' }, substitution: '/\\2' });
  const t = trace(pc, { ...req(9080, '/strip/a/b'), host: 'canary.shop.svc.cluster.local', address: '10.0.0.3' });
  assert.equal(t.rewrite?.path, '/a/b');
  for (const r of pc.routes) assert.deepEqual(checkResource('envoy.config.route.v3.RouteConfiguration', r, r.name), []);
});

test('a Gateway API Gateway is not mistaken for an Istio Gateway (the kind names collide)', () => {
  const k8sGateway = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec: {gatewayClassName: istio, listeners: [{name: http, port: 80, protocol: HTTP}]}
`;
  const loaded = loadConfigFromText([{ path: 'mesh.yaml', text: SERVICES + k8sGateway }]);
  assert.deepEqual(buildMeshModel(loaded.snapshot).gateways, []);
  const router = translateProxy(loaded.snapshot, parseProxySpec('router:shop:app=gw'));
  assert.deepEqual(router.listeners, []);
});

test('sluice trace names the HTTPRoute behind a generated VirtualService, with its file:line', async () => {
  const io = captureIO(SERVICES + PRODUCER);
  const args = ['node', 'sluice', 'trace', '-', '--proxy', 'sidecar:shop', '--host', 'reviews.shop.svc.cluster.local', '--port', '9080', '--path', '/api/x'];
  assert.equal(await main(args, io), 0, io.stderr());
  assert.match(io.stdout(), /VirtualService shop~9080~reviews\.shop\.svc\.cluster\.local\.shop is generated from HTTPRoute shop\/reviews \(<stdin>:18\)/);
});

test('a backend that does not exist: the route keeps its cluster name and Envoy answers 500, not 503', () => {
  const missing = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: gone, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: canary}]
  rules: [{backendRefs: [{name: retired, port: 9080}]}]
`;
  const loaded = loadConfigFromText([{ path: 'mesh.yaml', text: SERVICES + missing }]);
  assert.deepEqual(loaded.diagnostics.map((d) => `${d.code} ${d.message}`), ['SLU1603 backend(retired.shop.svc.cluster.local) not found']);
  const pc = translateProxy(loaded.snapshot, parseProxySpec('sidecar:shop'));
  const t = trace(pc, { ...req(9080, '/'), host: 'canary.shop.svc.cluster.local', address: '10.0.0.3' });
  assert.equal(t.error, 'cluster_not_found');
  assert.deepEqual(t.clusters.map((c) => c.name), ['outbound|9080||retired.shop.svc.cluster.local']);
  assert.ok(t.steps.some((s) => s.details.some((d) => d.includes('Envoy answers 500'))));
});
