// Hand-written Envoy config in the shape istiod sends a sidecar (names, filters and metadata as Istio
// generates them), used by the engine's unit tests while they do not depend on the translator.
import type { Json, ProxyConfig } from '../../envoy/types.ts';

const HCM = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const TCP = 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy';
const TLS_CTX = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext';
const vs = (name: string, ns = 'default') => ({ filter_metadata: { istio: { config: `/apis/networking.istio.io/v1/namespaces/${ns}/virtual-service/${name}` } } });
const hcm = (extra: Json) => ({ name: 'envoy.filters.network.http_connection_manager', typed_config: { '@type': HCM, stat_prefix: 'x', ...extra } });
const tcp = (cluster: string) => ({ name: 'envoy.filters.network.tcp_proxy', typed_config: { '@type': TCP, stat_prefix: cluster, cluster } });
const addr = (address: string, port: number) => ({ socket_address: { address, port_value: port } });
const httpInspector = { name: 'envoy.filters.listener.http_inspector', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.http_inspector.v3.HttpInspector' } };
const tlsInspector = { name: 'envoy.filters.listener.tls_inspector', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector' } };
const istioMtls = {
  name: 'envoy.transport_sockets.tls',
  typed_config: { '@type': TLS_CTX, common_tls_context: { tls_certificate_sds_secret_configs: [{ name: 'default' }], alpn_protocols: ['h2', 'http/1.1'] }, require_client_certificate: true },
};
const reviews = 'reviews.default.svc.cluster.local';

export const sidecarConfig: ProxyConfig = {
  listeners: [
    {
      name: '0.0.0.0_9080', address: addr('0.0.0.0', 9080), bind_to_port: false, traffic_direction: 'OUTBOUND',
      listener_filters: [httpInspector],
      filter_chains: [{ filter_chain_match: { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] }, filters: [hcm({ rds: { route_config_name: '9080' } })] }],
      default_filter_chain: { name: 'PassthroughFilterChain', filters: [tcp('PassthroughCluster')] },
    },
    {
      name: '10.0.0.5_3306', address: addr('10.0.0.5', 3306), bind_to_port: false,
      filter_chains: [{ filters: [tcp('outbound|3306||mysql.default.svc.cluster.local')] }],
    },
    {
      name: '0.0.0.0_443', address: addr('0.0.0.0', 443), bind_to_port: false, listener_filters: [tlsInspector],
      filter_chains: [
        { name: 'exact', filter_chain_match: { server_names: ['api.example.com'] }, filters: [tcp('outbound|443||api.example.com')] },
        { name: 'wild-long', filter_chain_match: { server_names: ['*.svc.example.com'] }, filters: [tcp('outbound|443||svc-wild')] },
        { name: 'wild-short', filter_chain_match: { server_names: ['*.example.com'] }, filters: [tcp('outbound|443||wild')] },
        { name: 'cidr', filter_chain_match: { prefix_ranges: [{ address_prefix: '10.1.0.0', prefix_len: 16 }] }, filters: [tcp('outbound|443||cidr16')] },
      ],
    },
    {
      name: 'virtualOutbound', address: addr('0.0.0.0', 15001), use_original_dst: true,
      filter_chains: [
        { name: 'virtualOutbound-blackhole', filter_chain_match: { destination_port: 15001 }, filters: [tcp('BlackHoleCluster')] },
        { name: 'virtualOutbound-catchall-tcp', filters: [tcp('PassthroughCluster')] },
      ],
    },
    {
      name: 'virtualInbound', address: addr('0.0.0.0', 15006), listener_filters: [tlsInspector, httpInspector], traffic_direction: 'INBOUND',
      filter_chains: [
        { name: 'virtualInbound-blackhole', filter_chain_match: { destination_port: 15006 }, filters: [tcp('BlackHoleCluster')] },
        {
          name: '0.0.0.0_9080', filter_chain_match: { destination_port: 9080, transport_protocol: 'tls', application_protocols: ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'] },
          transport_socket: istioMtls,
          filters: [hcm({ route_config: { name: 'inbound|9080||', virtual_hosts: [{ name: 'inbound|http|9080', domains: ['*'], routes: [{ name: 'default', match: { prefix: '/' }, route: { cluster: 'inbound|9080||', timeout: '0s' } }] }] } })],
        },
        {
          name: '0.0.0.0_9443', filter_chain_match: { destination_port: 9443, transport_protocol: 'tls' },
          transport_socket: { name: 'tls', typed_config: { '@type': TLS_CTX, common_tls_context: { tls_certificate_sds_secret_configs: [{ name: 'kubernetes://my-cert' }] } } },
          filters: [tcp('inbound|9443||')],
        },
        { name: 'virtualInbound-catchall-http', filter_chain_match: { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] }, filters: [hcm({ rds: { route_config_name: 'missing-route' } })] },
      ],
    },
  ],
  routes: [
    {
      name: '9080', validate_clusters: false, ignore_port_in_host_matching: true,
      virtual_hosts: [
        {
          name: `${reviews}:9080`, domains: [reviews, 'reviews', 'reviews.default', 'reviews.default.svc'],
          retry_policy: { retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes', num_retries: 2 },
          routes: [
            { name: 'jason', match: { prefix: '/', headers: [{ name: 'end-user', string_match: { exact: 'jason' } }] }, route: { cluster: `outbound|9080|v2|${reviews}`, timeout: '0s' }, metadata: vs('reviews') },
            { name: 'all-cart', match: { prefix: '/cart' }, route: { cluster: `outbound|9080|v1|${reviews}`, timeout: '3s', retry_policy: { retry_on: '5xx', num_retries: 5 } }, metadata: vs('reviews'), typed_per_filter_config: { 'envoy.filters.http.fault': { '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault', abort: { http_status: 503, percentage: { numerator: 10 } } } } },
            { name: 'checkout', match: { prefix: '/cart/checkout' }, route: { cluster: `outbound|9080|v3|${reviews}` }, metadata: vs('reviews') },
            { name: 'old', match: { path: '/legacy' }, redirect: { path_redirect: '/new', response_code: 'FOUND' }, metadata: vs('reviews') },
            { name: 'secure', match: { prefix: '/secure/' }, redirect: { https_redirect: true, prefix_rewrite: '/s/' }, metadata: vs('reviews') },
            { name: 'teapot', match: { safe_regex: { regex: '/tea(pot)?/[0-9]+' } }, direct_response: { status: 418, body: { inline_string: 'short and stout' } } },
            { name: 'ci', match: { prefix: '/CaseLess', case_sensitive: false }, route: { cluster: `outbound|9080|v1|${reviews}`, prefix_rewrite: '/lower', host_rewrite_literal: 'internal.reviews' } },
            { name: 'qp', match: { prefix: '/q', query_parameters: [{ name: 'debug', string_match: { exact: '1' } }] }, route: { cluster: `outbound|9080|v2|${reviews}` } },
            { name: 'not-bot', match: { prefix: '/nb', headers: [{ name: 'user-agent', string_match: { prefix: 'bot' }, invert_match: true }] }, route: { cluster: `outbound|9080|v2|${reviews}` } },
            { name: 'range', match: { prefix: '/r', headers: [{ name: 'x-n', range_match: { start: 10, end: 20 } }] }, route: { cluster: `outbound|9080|v2|${reviews}` } },
            { name: 'mirror', match: { prefix: '/m' }, route: { cluster: 'outbound|9080||ghost', request_mirror_policies: [{ cluster: `outbound|9080|v3|${reviews}`, runtime_fraction: { default_value: { numerator: 50 } } }] } },
            { name: 'default', match: { prefix: '/' }, route: { weighted_clusters: { clusters: [{ name: `outbound|9080|v1|${reviews}`, weight: 90 }, { name: `outbound|9080|v3|${reviews}`, weight: 10 }] }, timeout: '0s' }, metadata: vs('reviews') },
          ],
        },
        { name: '*.example.com:9080', domains: ['*.example.com'], routes: [{ name: 'suffix', match: { prefix: '/' }, route: { cluster: 'suffix' } }] },
        { name: 'api.*:9080', domains: ['api.*'], routes: [{ name: 'prefix', match: { prefix: '/' }, route: { cluster: 'prefix' } }] },
        { name: 'secure-only', domains: ['pay.internal'], require_tls: 'ALL', routes: [{ match: { prefix: '/' }, route: { cluster: 'pay' } }] },
        { name: 'allow_any', domains: ['*'], routes: [{ name: 'allow_any', match: { prefix: '/' }, route: { cluster: 'PassthroughCluster', timeout: '0s' } }] },
      ],
    },
  ],
  clusters: [
    ...['v1', 'v2', 'v3'].map((s) => ({ name: `outbound|9080|${s}|${reviews}`, type: 'EDS', eds_cluster_config: { service_name: `outbound|9080|${s}|${reviews}` }, metadata: { filter_metadata: { istio: { config: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/reviews' } } } })),
    { name: 'PassthroughCluster', type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' },
    { name: 'BlackHoleCluster', type: 'STATIC' },
    { name: 'inbound|9080||', type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' },
    { name: 'outbound|3306||mysql.default.svc.cluster.local', type: 'EDS' },
    { name: 'suffix', type: 'STATIC', load_assignment: { cluster_name: 'suffix', endpoints: [{ lb_endpoints: [{ endpoint: { address: addr('10.9.9.9', 80) } }] }] } },
  ],
  endpoints: [
    { cluster_name: `outbound|9080|v1|${reviews}`, endpoints: [{ locality: { region: 'r1', zone: 'z1' }, lb_endpoints: [{ endpoint: { address: addr('10.0.1.1', 9080) }, health_status: 'HEALTHY' }, { endpoint: { address: addr('10.0.1.2', 9080) }, health_status: 'UNHEALTHY' }] }] },
  ],
};
