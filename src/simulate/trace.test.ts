import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileProxy, traceCompiled, formatTraceText, traceJson } from './index.ts';
import { sidecarConfig } from './testdata/sidecar-config.ts';
import type { TraceRequest } from './types.ts';

const proxy = compileProxy(sidecarConfig);
const run = (r: Partial<TraceRequest>) => traceCompiled(proxy, { port: 9080, host: 'reviews', ...r });
const R = 'reviews.default.svc.cluster.local';

test('outbound HTTP: 0.0.0.0 listener, RDS, vhost by short name with port ignored, first-match route', () => {
  const r = run({ host: 'reviews:9080', path: '/cart/checkout/1' });
  assert.equal(r.error, null);
  assert.equal(r.listener, '0.0.0.0_9080');
  assert.equal(r.routeConfig, '9080');
  assert.equal(r.virtualHost, `${R}:9080`);
  assert.equal(r.route?.name, 'all-cart');
  assert.equal(r.route?.virtualService, 'reviews.default');
  assert.deepEqual(r.clusters, [{ name: `outbound|9080|v1|${R}`, weight: 100, found: true }]);
  assert.equal(r.timeout, '3s');
  assert.deepEqual(r.retryPolicy, { retry_on: '5xx', num_retries: 5 });
  assert.deepEqual(r.fault, { abort: { http_status: 503, percentage: { numerator: 10 } } });
  const routeStep = r.steps.find((s) => s.stage === 'route')!;
  assert.ok(routeStep.details.some((d) => d.includes('route `all-cart` (prefix /cart') && d.includes('matched first') && d.includes('route `checkout` (prefix /cart/checkout') && d.includes('never reached')), routeStep.details.join('\n'));
  assert.ok(routeStep.details.some((d) => d.startsWith('skipped route `jason`') && d.includes('end-user')));
});

test('explain: false leaves out the skipped/shadowed routes but not the answer', () => {
  const r = traceCompiled(proxy, { port: 9080, host: 'reviews', path: '/cart/checkout' }, { explain: false });
  assert.equal(r.route?.name, 'all-cart');
  assert.deepEqual(r.steps.find((s) => s.stage === 'route')!.details, []);
});

test('header match selects the canary; weighted default split otherwise', () => {
  assert.equal(run({ headers: [['End-User', 'jason']] }).route?.name, 'jason');
  const r = run({ path: '/anything' });
  assert.equal(r.route?.name, 'default');
  assert.equal(r.clusterSpecifier, 'weighted_clusters');
  assert.deepEqual(r.clusters.map((c) => [c.name.split('|')[2], c.weight, c.found]), [['v1', 90, true], ['v3', 10, true]]);
  assert.equal(r.retryPolicy && (r.retryPolicy as any).num_retries, 2, 'vhost retry policy applies when the route has none');
  assert.match(formatTraceText(r), /split: outbound\|9080\|v1\|reviews.default.svc.cluster.local 90%/);
});

test('redirects, direct responses, rewrites, regex and case-insensitive paths', () => {
  const legacy = run({ path: '/legacy?x=1' });
  assert.deepEqual(legacy.redirect, { path: '/new', code: 302, location: 'http://reviews/new' });
  const secure = run({ host: 'reviews:9080', path: '/secure/a/b' });
  assert.deepEqual(secure.redirect, { scheme: 'https', path: '/s/a/b', code: 301, location: 'https://reviews/s/a/b' });
  assert.deepEqual(run({ path: '/teapot/42' }).directResponse, { status: 418, body: 'short and stout' });
  assert.equal(run({ path: '/tea/x' }).route?.name, 'default', 'regex is a full match');
  const ci = run({ path: '/caseless/Path?a=b' });
  assert.equal(ci.route?.name, 'ci');
  assert.deepEqual(ci.rewrite, { path: '/lower/Path?a=b', host: 'internal.reviews' });
});

test('query parameters, inverted and range header matches', () => {
  assert.equal(run({ path: '/q?debug=1' }).route?.name, 'qp');
  assert.equal(run({ path: '/q?debug=2' }).route?.name, 'default');
  assert.equal(run({ path: '/nb' }).route?.name, 'not-bot', 'an absent header satisfies an inverted matcher');
  assert.equal(run({ path: '/nb', headers: [['user-agent', 'bot/1']] }).route?.name, 'default');
  assert.equal(run({ path: '/r', headers: [['x-n', '15']] }).route?.name, 'range');
  assert.equal(run({ path: '/r', headers: [['x-n', '20']] }).route?.name, 'default', 'range end is exclusive');
});

test('virtual host order: exact, longest suffix wildcard, prefix wildcard, then *', () => {
  assert.equal(run({ host: 'api.example.com' }).virtualHost, '*.example.com:9080', 'suffix wildcard beats prefix wildcard');
  assert.equal(run({ host: 'api.other' }).virtualHost, 'api.*:9080');
  assert.equal(run({ host: 'example.com' }).virtualHost, 'allow_any', 'a wildcard covers at least one character');
  const pt = run({ host: 'unknown.host' });
  assert.equal(pt.virtualHost, 'allow_any');
  assert.deepEqual(pt.clusterDetails.map((c) => c.type), ['ORIGINAL_DST']);
});

test('require_tls ALL redirects plaintext requests', () => {
  const r = run({ host: 'pay.internal', path: '/x' });
  assert.equal(r.error, 'tls_required');
  assert.deepEqual(r.redirect, { scheme: 'https', code: 301, location: 'https://pay.internal/x' });
});

test('missing clusters are reported', () => {
  const r = run({ host: 'pay.internal', tls: 'none', path: '/m' });
  assert.equal(r.error, 'tls_required');
  const m = run({ path: '/m' });
  assert.equal(m.error, 'cluster_not_found');
  assert.deepEqual(m.clusters, [{ name: 'outbound|9080||ghost', weight: 100, found: false }]);
  assert.deepEqual(m.mirrors, [{ cluster: `outbound|9080|v3|${R}`, percentage: 50 }]);
});

test('listener fallback: exact address, then 0.0.0.0, then virtualOutbound', () => {
  const tcp = traceCompiled(proxy, { port: 3306, address: '10.0.0.5', protocol: 'tcp' });
  assert.equal(tcp.listener, '10.0.0.5_3306');
  assert.equal(tcp.clusterSpecifier, 'tcp_proxy');
  assert.equal(tcp.clusters[0].name, 'outbound|3306||mysql.default.svc.cluster.local');
  const other = traceCompiled(proxy, { port: 3306, address: '10.0.0.6', protocol: 'tcp' });
  assert.equal(other.listener, 'virtualOutbound');
  assert.equal(other.filterChain, 'virtualOutbound-catchall-tcp');
  assert.equal(other.clusters[0].name, 'PassthroughCluster');
  const tcpToHttp = traceCompiled(proxy, { port: 9080, protocol: 'tcp' });
  assert.equal(tcpToHttp.filterChain, 'PassthroughFilterChain', 'no ALPN from http_inspector: default chain');
});

test('filter chains: SNI exact over longest wildcard, CIDR, no tls_inspector means raw_buffer', () => {
  const sni = (s: string, address?: string) => traceCompiled(proxy, { port: 443, tls: 'tls', sni: s, protocol: 'tcp', address }).filterChain;
  assert.equal(sni('api.example.com'), 'exact');
  assert.equal(sni('a.svc.example.com'), 'wild-long');
  assert.equal(sni('b.example.com'), 'wild-short');
  assert.equal(sni('other.org', '10.1.2.3'), 'cidr');
  const none = traceCompiled(proxy, { port: 443, tls: 'tls', sni: 'other.org', protocol: 'tcp' });
  assert.equal(none.error, 'no_filter_chain');
});

test('inbound: virtualInbound, mTLS chain, TLS errors, inline route config', () => {
  const ok = traceCompiled(proxy, { port: 9080, inbound: true, tls: 'mtls', host: 'reviews' });
  assert.equal(ok.error, null);
  assert.equal(ok.listener, 'virtualInbound');
  assert.equal(ok.filterChain, '0.0.0.0_9080');
  assert.equal(ok.routeConfig, null);
  assert.equal(ok.virtualHost, 'inbound|http|9080');
  assert.equal(ok.clusters[0].name, 'inbound|9080||');
  assert.equal(traceCompiled(proxy, { port: 9080, inbound: true, tls: 'tls', alpn: ['istio-http/1.1'] }).error, 'mtls_error');
  assert.equal(traceCompiled(proxy, { port: 9443, inbound: true, tls: 'mtls', protocol: 'tcp' }).error, 'mtls_error');
  assert.equal(traceCompiled(proxy, { port: 9443, inbound: true, tls: 'tls', protocol: 'tcp' }).clusters[0].name, 'inbound|9443||');
  assert.equal(traceCompiled(proxy, { port: 9080, inbound: true }).error, 'no_filter_chain', 'the port chain wins on destination_port, then wants TLS');
  const plain = traceCompiled(proxy, { port: 8888, inbound: true });
  assert.equal(plain.filterChain, 'virtualInbound-catchall-http');
  assert.equal(plain.error, 'no_route_config');
  assert.equal(traceCompiled(proxy, { port: 9080, alpn: ['h2'] }).error, 'invalid_request');
});

test('cluster details: type, DestinationRule and endpoints; JSON shape', () => {
  const r = run({ path: '/cart' });
  assert.deepEqual(r.clusterDetails[0], {
    name: `outbound|9080|v1|${R}`, found: true, type: 'EDS', lbPolicy: 'ROUND_ROBIN', destinationRule: 'reviews.default',
    endpoints: [{ address: '10.0.1.1:9080', health: 'HEALTHY', locality: 'r1/z1' }, { address: '10.0.1.2:9080', health: 'UNHEALTHY', locality: 'r1/z1' }],
  });
  const j = traceJson(r);
  for (const k of ['listener', 'filterChain', 'routeConfig', 'virtualHost', 'route', 'clusters', 'redirect', 'directResponse', 'timeout', 'retryPolicy', 'fault', 'mirrors', 'error', 'steps']) assert.ok(k in j, k);
  assert.deepEqual(j.route, { name: 'all-cart', match: 'prefix /cart', virtualService: 'reviews.default', index: 1 });
});
