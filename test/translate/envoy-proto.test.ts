// Every generated resource (listeners, routes, clusters, endpoints, with their typed_config Anys) must be valid
// Envoy v3 proto JSON: checked field by field against the real Envoy protos from @grpc/grpc-js-xds/deps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.ts';
import type { ProxyConfig } from '../../src/envoy/types.ts';
import { parseProxySpec } from '../../src/model/proxy-spec.ts';
import { translateProxy } from '../../src/translate/index.ts';
import { checkResource } from './envoy-proto-walk.ts';
import { goldenCases, translateGolden } from './golden-cases.ts';

function protoErrors(pc: ProxyConfig): string[] {
  return [
    ...pc.listeners.flatMap((r) => checkResource('envoy.config.listener.v3.Listener', r, `listener ${r.name}`)),
    ...pc.routes.flatMap((r) => checkResource('envoy.config.route.v3.RouteConfiguration', r, `route ${r.name}`)),
    ...pc.clusters.flatMap((r) => checkResource('envoy.config.cluster.v3.Cluster', r, `cluster ${r.name}`)),
    ...pc.endpoints.flatMap((r) => checkResource('envoy.config.endpoint.v3.ClusterLoadAssignment', r, `endpoints ${r.cluster_name}`)),
  ];
}

test('the checker rejects unknown fields, bad types and bad Any payloads', () => {
  const errs = checkResource('envoy.config.listener.v3.Listener', {
    name: 'x', bogus: 1,
    filter_chains: [{ filters: [{ name: 'f', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', stat_prefix: 's', clusterr: 'c' } }] }],
    traffic_direction: 'SIDEWAYS',
  }, 'x');
  assert.equal(errs.length, 3, errs.join('\n'));
});

for (const c of goldenCases()) {
  test(`golden case ${c.name}: every resource is valid Envoy v3 proto JSON`, () => {
    const pc = translateGolden(c);
    assert.ok(pc.listeners.length > 0 && pc.clusters.length > 0);
    assert.deepEqual(protoErrors(pc), []);
  });
}

const SHOP = join(import.meta.dirname, '..', '..', 'examples', 'shop');
test('example mesh: every proxy config is valid Envoy v3 proto JSON', { skip: !existsSync(SHOP) && 'examples/shop not present' }, () => {
  const { snapshot } = loadConfig([SHOP]);
  const pods = snapshot.byKind('Pod');
  const proxies = pods.length ? pods.map((p) => `pod/${p.ref.name}.${p.ref.namespace}`) : ['sidecar:default'];
  for (const proxy of proxies) assert.deepEqual(protoErrors(translateProxy(snapshot, parseProxySpec(proxy))), [], proxy);
});
