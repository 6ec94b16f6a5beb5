import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RouteBuildContext } from './route-context.ts';
import { buildVirtualServiceRoutes, sortVirtualHostRoutes } from './virtual-service-routes.ts';

const ctx: RouteBuildContext = {
  port: 9080, gateways: ['mesh'], proxyLabels: { app: 'p' }, proxyNamespace: 'default', isGateway: false,
  resolveHost: (h, ns) => (h.includes('.') ? h : `${h}.${ns}.svc.cluster.local`),
  cluster: (h, subset, port) => `outbound|${port ?? 9080}|${subset ?? ''}|${h}`,
};
const vs = (http: object[]) => ({ name: 'reviews', namespace: 'default', http });

test('N match blocks make N routes; a rule without match truncates the rest', () => {
  const routes: any[] = buildVirtualServiceRoutes(vs([
    { name: 'a', match: [{ name: 'm1', uri: { prefix: '/a' } }, { uri: { exact: '/b' } }], route: [{ destination: { host: 'reviews' } }] },
    { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
    { name: 'never', route: [{ destination: { host: 'ratings' } }] },
  ]), ctx);
  assert.deepEqual(routes.map((r) => r.name), ['a.m1', 'a', undefined]);
  assert.equal(routes[2]!.route.cluster, 'outbound|9080|v1|reviews.default.svc.cluster.local');
  assert.equal(routes[0]!.metadata.filter_metadata.istio.config, '/apis/networking.istio.io/v1/namespaces/default/virtual-service/reviews');
  assert.equal(routes[0]!.decorator.operation, 'reviews.default.svc.cluster.local:9080/a*');
});

test('a prefix / match block truncates; match blocks for other ports are dropped', () => {
  const routes: any[] = buildVirtualServiceRoutes(vs([
    { match: [{ port: 8080, uri: { prefix: '/x' } }, { uri: { prefix: '/' } }], route: [{ destination: { host: 'a' } }] },
    { route: [{ destination: { host: 'b' } }] },
  ]), ctx);
  assert.equal(routes.length, 1);
  assert.equal(routes[0]!.match.prefix, '/');
});

test('weights: weighted_clusters without total_weight, weight 0 skipped; decorator names the VS', () => {
  const [r]: any[] = buildVirtualServiceRoutes(vs([{ route: [
    { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
    { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
    { destination: { host: 'reviews', subset: 'v3' }, weight: 0 },
  ] }]), ctx);
  assert.deepEqual(r!.route.weighted_clusters, { clusters: [
    { name: 'outbound|9080|v1|reviews.default.svc.cluster.local', weight: 90 },
    { name: 'outbound|9080|v2|reviews.default.svc.cluster.local', weight: 10 },
  ] });
  assert.equal(r!.decorator.operation, 'reviews:9080/*');
});

test('timeout defaults to 0s, max_grpc_timeout follows; rewrite, headers, mirror, fault, cors', () => {
  const [r]: any[] = buildVirtualServiceRoutes(vs([{
    route: [{ destination: { host: 'reviews' } }],
    timeout: '2s', rewrite: { uri: '/v2', authority: 'new.host' },
    headers: { request: { set: { b: '2', a: '1' }, add: { c: '3' }, remove: ['d'] } },
    mirror: { host: 'shadow' }, mirrorPercentage: { value: 12.5 },
    fault: { abort: { httpStatus: 503, percentage: { value: 1 } }, delay: { fixedDelay: '1s' } },
    corsPolicy: { allowOrigins: [{ prefix: 'https://' }], allowMethods: ['GET', 'PUT'], maxAge: '1m', unmatchedPreflights: 'IGNORE' },
  }]), ctx);
  assert.equal(r!.route.timeout, '2s');
  assert.equal(r!.route.max_grpc_timeout, '2s');
  assert.equal(r!.route.prefix_rewrite, '/v2');
  assert.equal(r!.route.host_rewrite_literal, 'new.host');
  assert.deepEqual(r!.request_headers_to_add.map((h: any) => [h.header.key, h.append_action]), [['a', 'OVERWRITE_IF_EXISTS_OR_ADD'], ['b', 'OVERWRITE_IF_EXISTS_OR_ADD'], ['c', 'APPEND_IF_EXISTS_OR_ADD']]);
  assert.deepEqual(r!.request_headers_to_remove, ['d']);
  assert.deepEqual(r!.route.request_mirror_policies, [{ cluster: 'outbound|9080||shadow.default.svc.cluster.local', runtime_fraction: { default_value: { numerator: 125000, denominator: 'MILLION' } }, trace_sampled: false }]);
  const fault = r!.typed_per_filter_config['envoy.filters.http.fault'];
  assert.deepEqual(fault.abort, { http_status: 503, percentage: { numerator: 10000, denominator: 'MILLION' } });
  assert.deepEqual(fault.delay, { fixed_delay: '1s', percentage: { numerator: 0, denominator: 'MILLION' } });
  const cors = r!.typed_per_filter_config['envoy.filters.http.cors'];
  assert.equal(cors.allow_methods, 'GET,PUT');
  assert.equal(cors.max_age, '60');
  assert.equal(cors.forward_not_matching_preflights, false);
});

test('redirect and direct response; unsupported redirect codes leave no route', () => {
  const routes: any[] = buildVirtualServiceRoutes(vs([
    { match: [{ uri: { exact: '/r' } }], redirect: { uri: '/new', scheme: 'https', port: 443, redirectCode: 308 } },
    { match: [{ uri: { exact: '/bad' } }], redirect: { uri: '/x', redirectCode: 399 } },
    { match: [{ uri: { exact: '/d' } }], directResponse: { status: 418, body: { string: 'teapot' } } },
  ]), ctx);
  assert.equal(routes.length, 2);
  assert.deepEqual(routes[0]!.redirect, { path_redirect: '/new', scheme_redirect: 'https', response_code: 'PERMANENT_REDIRECT' });
  assert.deepEqual(routes[1]!.direct_response, { status: 418, body: { inline_string: 'teapot' } });
});

test('gateway merge order: catch-alls move to the end, others keep their order', () => {
  const sorted = sortVirtualHostRoutes([{ name: 'all', match: { prefix: '/' } }, { name: 'x', match: { prefix: '/x' } }, { name: 'y', match: { path: '/y' } }]);
  assert.deepEqual(sorted.map((r) => r.name), ['x', 'y', 'all']);
});
