// proxy-config / diff over a synthetic large dump (2,000 services: clusters per subset, one route
// config per port with a vhost per service, outbound listeners, EDS with 3 endpoints each).
// Metrics: table rendering per view, -o json (jsonpb ordering from Envoy's protos; schema load
// timed separately), and diff of two dumps that differ in one weight.
import { performance } from 'node:perf_hooks';
import { clustersTable, selectClusters } from '../../src/inspect/proxy-config/clusters.ts';
import { listenersTable } from '../../src/inspect/proxy-config/listeners.ts';
import { routesTable } from '../../src/inspect/proxy-config/routes.ts';
import { edsTable } from '../../src/inspect/proxy-config/eds.ts';
import { protoList, ProtoType } from '../../src/inspect/proxy-config/structured.ts';
import { diffProxyConfigs } from '../../src/inspect/diff/proxy-diff.ts';
import { fromConfigDump } from '../../src/envoy/config-dump.ts';
import { envoyProtoSchema } from '../../src/cli/envoy-protos.ts';
import type { Dump } from '../../src/inspect/proxy-config/dump.ts';

const T = 'type.googleapis.com/envoy.admin.v3.';
const SERVICES = 2000;

function syntheticDump(weight: number): Dump {
  const clusters: any[] = [], endpoints: any[] = [], vhosts: any[] = [], listeners: any[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const host = `svc-${i}.ns-${i % 50}.svc.cluster.local`;
    for (const subset of ['', 'v1', 'v2']) {
      const name = `outbound|8080|${subset}|${host}`;
      clusters.push({ cluster: { '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', name, type: 'EDS', eds_cluster_config: { eds_config: { ads: {} }, service_name: name }, connect_timeout: '10s', metadata: { filter_metadata: { istio: { config: `/apis/networking.istio.io/v1/namespaces/ns-${i % 50}/destination-rule/svc-${i}` } } } } });
      endpoints.push({ endpoint_config: { cluster_name: name, endpoints: [{ locality: {}, lb_endpoints: [1, 2, 3].map((n) => ({ endpoint: { address: { socket_address: { address: `10.${i % 250}.${n}.${i % 200}`, port_value: 8080 } } }, health_status: 'HEALTHY', load_balancing_weight: 1 })) }] } });
    }
    const w = i === 7 ? weight : 90;
    vhosts.push({ name: `${host}:8080`, domains: [host, `svc-${i}`, `${host}:8080`], routes: [{ name: 'default', match: { prefix: '/' }, metadata: { filter_metadata: { istio: { config: `/apis/networking.istio.io/v1/namespaces/ns-${i % 50}/virtual-service/svc-${i}` } } }, route: { weighted_clusters: { clusters: [{ name: `outbound|8080|v1|${host}`, weight: w }, { name: `outbound|8080|v2|${host}`, weight: 100 - w }] } } }] });
    listeners.push({ name: `10.96.${i % 250}.${i % 200}_8080`, active_state: { listener: { name: `10.96.${i % 250}.${i % 200}_8080`, address: { socket_address: { address: `10.96.${i % 250}.${i % 200}`, port_value: 8080 } }, filter_chains: [{ filters: [{ name: 'envoy.filters.network.tcp_proxy', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', cluster: `outbound|8080||${host}` } }] }] } } });
  }
  const configs = [
    { '@type': `${T}ClustersConfigDump`, dynamic_active_clusters: clusters },
    { '@type': `${T}ListenersConfigDump`, dynamic_listeners: listeners },
    { '@type': `${T}RoutesConfigDump`, dynamic_route_configs: [{ route_config: { name: '8080', virtual_hosts: vhosts } }] },
    { '@type': `${T}EndpointsConfigDump`, dynamic_endpoint_configs: endpoints },
  ];
  return { configs };
}

const ms = (f: () => unknown): number => { const t = performance.now(); f(); return Math.round((performance.now() - t) * 10) / 10; };

export default {
  name: 'proxy-config',
  run() {
    const a = syntheticDump(90), b = syntheticDump(80);
    clustersTable(a, {}); // warm-up
    const schemaMs = ms(() => envoyProtoSchema());
    const pa = fromConfigDump({ configs: a.configs }), pb = fromConfigDump({ configs: b.configs });
    return {
      'proxyConfig.clusters6k.table.ms': ms(() => clustersTable(a, {})),
      'proxyConfig.listeners2k.table.ms': ms(() => listenersTable(a, {})),
      'proxyConfig.routes2kVhosts.table.ms': ms(() => routesTable(a, {})),
      'proxyConfig.eds18kEndpoints.table.ms': ms(() => edsTable(a, {})),
      'proxyConfig.protoSchemaLoad.ms': schemaMs,
      'proxyConfig.clusters6k.json.ms': ms(() => protoList(selectClusters(a, {}), ProtoType.Cluster, 'json', envoyProtoSchema())),
      'proxyConfig.diff6kClusters.ms': ms(() => diffProxyConfigs(pa, pb)),
    };
  },
};
