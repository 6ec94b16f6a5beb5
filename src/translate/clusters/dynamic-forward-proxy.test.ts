// ALLOW_ANY_DYNAMIC_DNS: cluster, HCM filter, catch-all vhost and virtualOutbound chain, checked on the generated
// Envoy config and through the trace engine (plaintext HTTP → AllowAnyDynamicDNSCluster; TLS/TCP → passthrough).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../../config/index.ts';
import { meshConfigFrom } from '../../config/mesh-config.ts';
import type { Json, ProxyConfig } from '../../envoy/types.ts';
import { parseProxySpec } from '../../model/proxy-spec.ts';
import { trace } from '../../simulate/index.ts';
import type { TraceRequest } from '../../simulate/types.ts';
import { translateProxy } from '../index.ts';
import { protoErrors } from './envoy-proto-check.testkit.ts';
import { encodeResource } from '../../xds/encode.ts';
import { DFP_HTTP_FILTER } from './dynamic-forward-proxy.ts';

const SE = `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se, namespace: default}
spec:
  hosts: [istio.io]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{name: http, number: 80, protocol: HTTP}, {name: tcp, number: 82, protocol: TCP}]
`;
const SIDECAR_EGRESS_PROXY = `
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: default}
spec:
  outboundTrafficPolicy:
    mode: ALLOW_ANY
    egressProxy: {host: istio.io, port: {number: 80}}
`;

function translate(mode: string | undefined, extra = '', proxy = 'sidecar:default'): ProxyConfig {
  const mesh = meshConfigFrom(mode ? { outboundTrafficPolicy: { mode } } : {});
  const { snapshot, diagnostics } = loadConfigFromText([{ path: 'in.yaml', text: SE + extra }], { meshConfig: mesh });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'Error'), []);
  return translateProxy(snapshot, parseProxySpec(proxy));
}

const req = (port: number, extra: Partial<TraceRequest> = {}): TraceRequest =>
  ({ port, host: 'foo', path: '/', headers: [], address: '1.3.3.7', protocol: 'http', tls: 'none', inbound: false, ...extra }) as TraceRequest;
const clusterOf = (pc: ProxyConfig, r: TraceRequest) => trace(pc, r).clusters.map((c) => c.name).join(',');
const hcmFilters = (pc: ProxyConfig, listener: string): string[][] =>
  pc.listeners.find((l) => l.name === listener)!.filter_chains!.flatMap((c) => (c.filters ?? []) as Json[])
    .filter((f) => f.name === 'envoy.filters.network.http_connection_manager').map((f) => f.typed_config.http_filters.map((h: Json) => h.name));

const CASES: Array<{ name: string; mode?: string; extra?: string; dfp: boolean; catchAll: string }> = [
  { name: 'ALLOW_ANY_DYNAMIC_DNS', mode: 'ALLOW_ANY_DYNAMIC_DNS', dfp: true, catchAll: 'AllowAnyDynamicDNSCluster' },
  { name: 'ALLOW_ANY', mode: 'ALLOW_ANY', dfp: false, catchAll: 'PassthroughCluster' },
  { name: 'default mesh', dfp: false, catchAll: 'PassthroughCluster' },
  { name: 'REGISTRY_ONLY', mode: 'REGISTRY_ONLY', dfp: false, catchAll: '' },
  { name: 'a Sidecar ALLOW_ANY + egressProxy overrides the mesh mode', mode: 'ALLOW_ANY_DYNAMIC_DNS', extra: SIDECAR_EGRESS_PROXY, dfp: false, catchAll: 'outbound|80||istio.io' },
];

for (const c of CASES) {
  test(`outbound traffic policy ${c.name}`, () => {
    const pc = translate(c.mode, c.extra);
    const dfpCluster = pc.clusters.find((x) => x.name === 'AllowAnyDynamicDNSCluster');
    assert.equal(!!dfpCluster, c.dfp);
    // unknown plaintext HTTP: through the port-80 route config's catch-all, and through virtualOutbound
    assert.equal(clusterOf(pc, req(80)), c.catchAll);
    if (c.mode !== 'REGISTRY_ONLY') assert.equal(clusterOf(pc, req(9999)), c.dfp ? 'AllowAnyDynamicDNSCluster' : c.catchAll);
    for (const filters of hcmFilters(pc, '0.0.0.0_80')) {
      assert.equal(filters.includes(DFP_HTTP_FILTER), c.dfp);
      assert.equal(filters.at(-1), 'envoy.filters.http.router', 'router stays last');
    }
  });
}

test('ALLOW_ANY_DYNAMIC_DNS: TLS and opaque TCP still pass through; known services unchanged', () => {
  const pc = translate('ALLOW_ANY_DYNAMIC_DNS');
  assert.equal(clusterOf(pc, req(9999, { tls: 'tls', sni: 'foo', alpn: ['http/1.1'] })), 'PassthroughCluster');
  assert.equal(clusterOf(pc, req(9999, { protocol: 'tcp' })), 'PassthroughCluster');
  assert.equal(clusterOf(pc, req(80, { host: 'istio.io' })), 'outbound|80||istio.io');
  assert.equal(clusterOf(pc, req(82, { protocol: 'tcp' })), 'outbound|82||istio.io');
});

test('ALLOW_ANY_DYNAMIC_DNS: filter and cluster share one DNS cache; everything is valid Envoy v3', () => {
  const pc = translate('ALLOW_ANY_DYNAMIC_DNS');
  const cluster = pc.clusters.find((x) => x.name === 'AllowAnyDynamicDNSCluster')!;
  assert.equal(cluster.cluster_type?.name, 'envoy.clusters.dynamic_forward_proxy');
  const vo = pc.listeners.find((l) => l.name === 'virtualOutbound')!;
  const hcm = vo.filter_chains!.flatMap((ch) => ch.filters ?? []).find((f: Json) => f.name === 'envoy.filters.network.http_connection_manager')!;
  const dfp = hcm.typed_config.http_filters.find((f: Json) => f.name === DFP_HTTP_FILTER);
  assert.deepEqual(dfp.typed_config.dns_cache_config, cluster.cluster_type!.typed_config.dns_cache_config);
  for (const c of pc.clusters) assert.deepEqual(protoErrors('envoy.config.cluster.v3.Cluster', c), [], c.name);
  for (const l of pc.listeners) assert.deepEqual(protoErrors('envoy.config.listener.v3.Listener', l), [], l.name);
  for (const r of pc.routes) assert.deepEqual(protoErrors('envoy.config.route.v3.RouteConfiguration', r), [], r.name);
  // and our xDS server can encode them (every Any resolved, nothing dropped)
  assert.deepEqual(encodeResource('type.googleapis.com/envoy.config.cluster.v3.Cluster', cluster).warnings, []);
  assert.deepEqual(encodeResource('type.googleapis.com/envoy.config.listener.v3.Listener', vo).warnings, []);
});

test('gateways never get the dynamic forward proxy', () => {
  const pc = translate('ALLOW_ANY_DYNAMIC_DNS', '', 'router:istio-system:istio=ingressgateway');
  assert.equal(pc.clusters.some((x) => x.name === 'AllowAnyDynamicDNSCluster'), false);
});

test('mesh config: the three outbound modes parse; an unknown one falls back to ALLOW_ANY', () => {
  for (const m of ['ALLOW_ANY', 'REGISTRY_ONLY', 'ALLOW_ANY_DYNAMIC_DNS']) assert.equal(meshConfigFrom({ outboundTrafficPolicy: { mode: m } }).outboundTrafficPolicy.mode, m);
  assert.equal(meshConfigFrom('outboundTrafficPolicy: {mode: ALLOW_ANY_DYNAMIC_DNS}').outboundTrafficPolicy.mode, 'ALLOW_ANY_DYNAMIC_DNS');
  assert.equal(meshConfigFrom({ outboundTrafficPolicy: { mode: 'VIA_PROXY' } }).outboundTrafficPolicy.mode, 'ALLOW_ANY');
});
