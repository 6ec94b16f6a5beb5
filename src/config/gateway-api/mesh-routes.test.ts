import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../index.ts';
import { convertMeshRoutes } from './mesh-routes.ts';

const SERVICES = `
apiVersion: v1
kind: Service
metadata: { name: a, namespace: default }
spec: { ports: [{ port: 80, name: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: b, namespace: default }
spec: { ports: [{ port: 80, name: http }] }
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ext, namespace: default }
spec: { hosts: [api.example.com, www.example.com], ports: [{ number: 443, name: https, protocol: TLS }], resolution: DNS }
`;

function route(name: string, ns: string, time: string, parents: string, rules: string, kind = 'HTTPRoute'): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: { name: ${name}, namespace: ${ns}, creationTimestamp: "${time}" }
spec:
  parentRefs: ${parents}
  rules: ${rules}
`;
}

const TO_B = '[{ backendRefs: [{ name: b, namespace: default, port: 80 }] }]';
const A = '[{ group: "", kind: Service, name: a, namespace: default }]';

function convert(yaml: string) {
  const loaded = loadConfigFromText([{ path: 'routes.yaml', text: SERVICES + yaml }]);
  return { ...convertMeshRoutes(loaded.snapshot), loaded };
}

test('producer route: one VirtualService per parent host, Istio naming, annotations, the route as source', () => {
  const { virtualServices: [vs], diagnostics } = convert(route('r1', 'default', '2020-01-01T00:00:00Z', A, TO_B));
  assert.deepEqual(diagnostics, []);
  assert.equal(vs?.kind, 'VirtualService');
  assert.equal(vs?.ref.name, 'default~a.default.svc.cluster.local');
  assert.equal(vs?.metadata.creationTimestamp, '2020-01-01T00:00:00Z');
  assert.deepEqual(vs?.metadata.annotations, { 'internal.istio.io/route-semantics': 'gateway', 'internal.istio.io/parents': 'HTTPRoute/r1.default', 'sluice.io/derived-from': 'HTTPRoute default/r1' });
  assert.deepEqual(vs?.spec, {
    hosts: ['a.default.svc.cluster.local'], gateways: ['mesh'],
    http: [{ name: 'default.r1.0', route: [{ destination: { host: 'b.default.svc.cluster.local', port: { number: 80 } } }] }],
  });
  assert.equal(vs?.source.file, 'routes.yaml');
  assert.ok(vs!.source.line > 15, 'points at the HTTPRoute document');
});

test('consumer route (other namespace than the Service) is exported to its own namespace only', () => {
  const { virtualServices: [vs] } = convert(route('r1', 'client', '2020-01-01T00:00:00Z', A, TO_B));
  assert.equal(vs?.ref.name, 'client~a.default.svc.cluster.local');
  assert.deepEqual(vs?.spec.exportTo, ['client']);
});

test('routes for the same namespace and host merge: oldest first, then precedence; the oldest names the time', () => {
  const newer = route('new', 'default', '2021-01-01T00:00:00Z', A, '[{ matches: [{ path: { type: Exact, value: /x } }], backendRefs: [{ name: b, port: 80 }] }, { backendRefs: [{ name: b, port: 81 }] }]');
  const older = route('old', 'default', '2019-01-01T00:00:00Z', A, '[{ backendRefs: [{ name: b, port: 82 }] }]');
  const { virtualServices } = convert(newer + older);
  assert.equal(virtualServices.length, 1);
  const vs = virtualServices[0]!;
  assert.equal(vs.metadata.creationTimestamp, '2019-01-01T00:00:00Z');
  assert.equal(vs.metadata.annotations?.['internal.istio.io/parents'], 'HTTPRoute/old.default,HTTPRoute/new.default');
  assert.deepEqual(vs.spec.http.map((h: any) => h.name), ['default.new.0', 'default.old.0', 'default.new.1']);
});

test('parentRef port: separate VirtualService with port matches; several parents give several VirtualServices', () => {
  const parents = '[{ group: "", kind: Service, name: a, port: 8080 }, { group: "", kind: Service, name: b }]';
  const { virtualServices } = convert(route('r', 'default', '2020-01-01T00:00:00Z', parents, TO_B));
  assert.deepEqual(virtualServices.map((v) => v.ref.name), ['default~8080~a.default.svc.cluster.local', 'default~b.default.svc.cluster.local']);
  assert.deepEqual(virtualServices[0]!.spec.http[0].match, [{ port: 8080 }]);
  assert.equal(virtualServices[1]!.spec.http[0].match, undefined);
});

test('ServiceEntry parent: one VirtualService per ServiceEntry host', () => {
  const parents = '[{ group: networking.istio.io, kind: ServiceEntry, name: ext }]';
  const { virtualServices } = convert(route('r', 'default', '2020-01-01T00:00:00Z', parents, TO_B));
  assert.deepEqual(virtualServices.map((v) => v.spec.hosts[0]), ['api.example.com', 'www.example.com']);
});

test('parents Istio does not accept are reported with file:line; a route without mesh parents makes nothing', () => {
  const parents = '[{ group: "", kind: Service, name: missing }, { name: my-gateway }, { kind: Service, name: a }]';
  const { virtualServices, diagnostics } = convert(route('r', 'default', '2020-01-01T00:00:00Z', parents, TO_B));
  assert.deepEqual(virtualServices, []);
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.severity} ${d.path}`), ['SLU1601 Warning spec.parentRefs[0]', 'SLU1604 Info spec.parentRefs[1]']);
  assert.equal(diagnostics[0]!.message, 'parent service: "missing" not found');
  assert.deepEqual(diagnostics[0]!.resource, { kind: 'HTTPRoute', name: 'r', namespace: 'default', apiVersion: 'gateway.networking.k8s.io/v1' });
  assert.equal(diagnostics[0]!.source?.file, 'routes.yaml');
});

test('a hard error in any rule drops the route from the mesh; soft ones keep it', () => {
  const rules = '[{ backendRefs: [{ name: b, port: 80 }] }, { backendRefs: [{ group: networking.istio.io, kind: Hostname, name: x.example.com }] }]';
  const bad = convert(route('r', 'default', '2020-01-01T00:00:00Z', A, rules));
  assert.deepEqual(bad.virtualServices, []);
  assert.deepEqual(bad.diagnostics.map((d) => `${d.code} ${d.path}`), ['SLU1602 spec.rules[1].backendRefs[0]']);
  const soft = convert(route('r', 'default', '2020-01-01T00:00:00Z', A, '[{ backendRefs: [{ name: gone, port: 80 }] }]'));
  assert.equal(soft.virtualServices.length, 1);
  assert.deepEqual(soft.diagnostics.map((d) => d.code), ['SLU1603']);
  // The loader reports them too.
  assert.ok(soft.loaded.diagnostics.some((d) => d.code === 'SLU1603'));
});

test('GRPCRoutes convert (merged apart from HTTPRoutes); HTTPRoute kinds of other groups are ignored', () => {
  const grpc = route('g', 'default', '2020-01-01T00:00:00Z', A, '[{ matches: [{ method: { service: s.S } }], backendRefs: [{ name: b, port: 9000 }] }]', 'GRPCRoute');
  const foreign = '---\napiVersion: example.io/v1\nkind: HTTPRoute\nmetadata: { name: f, namespace: default }\nspec: { parentRefs: [{ group: "", kind: Service, name: a }] }\n';
  const { virtualServices } = convert(grpc + foreign);
  assert.equal(virtualServices.length, 1);
  assert.deepEqual(virtualServices[0]!.spec.http[0].match, [{ uri: { prefix: '/s.S/' } }]);
  assert.equal(virtualServices[0]!.metadata.annotations?.['internal.istio.io/parents'], 'GRPCRoute/g.default');
});

test('malformed routes never throw: odd values are skipped or reported', () => {
  const odd = [
    'spec: { parentRefs: "nope", rules: 5 }',
    'spec: { parentRefs: [null, 3, "x"], rules: [null] }',
    `spec: { parentRefs: ${A}, rules: [null, { matches: [null, { path: null, headers: [null], queryParams: 7 }], filters: [null], backendRefs: [null, 4] }] }`,
    `spec: { parentRefs: ${A}, rules: [{ backendRefs: [null] }] }`,
    `spec: { parentRefs: ${A}, rules: [{ filters: [{ type: RequestMirror }, { type: URLRewrite }, { type: RequestRedirect }, { type: CORS, cors: { allowOrigins: [1, a] } }], backendRefs: [{ name: b, port: x }] }] }`,
  ];
  for (const body of odd) {
    const yaml = `---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: odd, namespace: default }\n${body}\n`;
    assert.doesNotThrow(() => convert(yaml), body);
  }
});

test('routes the API server would reject are not converted: Error diagnostics with field and line', () => {
  const rules = '[{ matches: [{ path: { type: PathPrefix, value: api } }], backendRefs: [{ name: b, port: 80, weight: -1 }] }]';
  const { virtualServices, diagnostics } = convert(route('r', 'default', '2020-01-01T00:00:00Z', A, rules));
  assert.deepEqual(virtualServices, []);
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.severity} ${d.path}`), [
    'SLU1605 Error spec.rules[0].matches[0].path.value',
    'SLU1605 Error spec.rules[0].backendRefs[0].weight',
  ]);
  assert.ok(diagnostics[0]!.source!.line > 15);
});
