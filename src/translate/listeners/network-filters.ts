/**
 * Envoy filter builders shared by sidecar and gateway listeners: HTTP connection manager (RDS or
 * inline route config), tcp_proxy, listener filters, TLS transport sockets. Istio sources:
 * networking/core/{networkfilter.go, listener_builder.go, tls.go}, xds/filters.
 * Istio-only extensions (istio.metadata_exchange, istio.stats, istio.alpn) are deliberately not
 * emitted: they are not Envoy API types and do not affect routing.
 */
import type { FilterChain, Json, RouteConfiguration } from '../../envoy/types.ts';
import { TypeUrl } from '../../envoy/types.ts';
import { deepFreeze } from '../../core/deep-freeze.ts';

/** Shared by every listener (frozen): translation output is immutable. */
export const ADS_CONFIG_SOURCE: Json = deepFreeze({ ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' });

export const HTTP_FILTERS: Json[] = deepFreeze([
  { name: 'envoy.filters.http.fault', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault' } },
  { name: 'envoy.filters.http.cors', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors' } },
  { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
]);

export interface HcmOptions {
  readonly statPrefix: string;
  /** RDS route config name, or an inline route configuration. */
  readonly rds?: string;
  readonly routeConfig?: RouteConfiguration;
  /** Gateways trust X-Forwarded-For from their own address (`use_remote_address`). */
  readonly useRemoteAddress?: boolean;
  readonly inbound?: boolean;
  /** HTTP filters inserted just before the router (e.g. the ALLOW_ANY_DYNAMIC_DNS dynamic forward proxy). */
  readonly extraHttpFilters?: readonly Json[];
}

export function httpConnectionManager(o: HcmOptions): Json {
  const hcm: Json = { '@type': TypeUrl.HttpConnectionManager, stat_prefix: o.statPrefix };
  if (o.rds !== undefined) hcm.rds = { config_source: ADS_CONFIG_SOURCE, route_config_name: o.rds };
  else if (o.routeConfig) hcm.route_config = o.routeConfig;
  hcm.http_filters = o.extraHttpFilters?.length ? [...HTTP_FILTERS.slice(0, -1), ...o.extraHttpFilters, HTTP_FILTERS[HTTP_FILTERS.length - 1]!] : HTTP_FILTERS;
  hcm.use_remote_address = Boolean(o.useRemoteAddress);
  hcm.upgrade_configs = [{ upgrade_type: 'websocket' }];
  hcm.stream_idle_timeout = '0s';
  hcm.normalize_path = true;
  hcm.path_with_escaped_slashes_action = 'KEEP_UNCHANGED';
  if (o.inbound) hcm.forward_client_cert_details = 'APPEND_FORWARD';
  return { name: 'envoy.filters.network.http_connection_manager', typed_config: hcm };
}

/** tcp_proxy to one cluster or weighted clusters. */
export function tcpProxy(statPrefix: string, target: string | readonly { name: string; weight: number }[]): Json {
  const tp: Json = { '@type': TypeUrl.TcpProxy, stat_prefix: statPrefix };
  if (typeof target === 'string') tp.cluster = target;
  else tp.weighted_clusters = { clusters: target.map((c) => ({ name: c.name, weight: c.weight })) };
  return { name: 'envoy.filters.network.tcp_proxy', typed_config: tp };
}

const LISTENER_FILTER_TYPES: Record<string, string> = {
  'envoy.filters.listener.tls_inspector': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
  'envoy.filters.listener.http_inspector': 'type.googleapis.com/envoy.extensions.filters.listener.http_inspector.v3.HttpInspector',
  'envoy.filters.listener.original_dst': 'type.googleapis.com/envoy.extensions.filters.listener.original_dst.v3.OriginalDst',
};

export function listenerFilter(name: keyof typeof LISTENER_FILTER_TYPES | string): Json {
  return { name, typed_config: { '@type': LISTENER_FILTER_TYPES[name] } };
}

export const socketAddress = (address: string, port: number): Json => ({ socket_address: { address, port_value: port } });

const SDS = (name: string): Json => ({ name, sds_config: ADS_CONFIG_SOURCE });
const TLS_TYPE = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext';

/** Istio mTLS server context (SDS `default` + `ROOTCA`, client cert required). */
export function istioMutualDownstreamTls(alpn: readonly string[]): Json {
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': TLS_TYPE,
      common_tls_context: {
        tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' },
        alpn_protocols: [...alpn],
        tls_certificate_sds_secret_configs: [SDS('default')],
        combined_validation_context: { default_validation_context: {}, validation_context_sds_secret_config: SDS('ROOTCA') },
      },
      require_client_certificate: true,
    },
  };
}

/** Istio's `TLSV1_2` → Envoy's `TLSv1_2` (TlsParameters.TlsProtocol); TLS_AUTO stays. */
export function envoyTlsVersion(v: string): string {
  const m = /^TLSV(1_[0-3])$/.exec(v);
  return m ? `TLSv${m[1]}` : v;
}

/** Gateway server TLS context (SIMPLE / MUTUAL / OPTIONAL_MUTUAL / ISTIO_MUTUAL). */
export function gatewayDownstreamTls(tls: Json, alpn: readonly string[]): Json {
  const mode = String(tls.mode ?? 'SIMPLE');
  if (mode === 'ISTIO_MUTUAL') return istioMutualDownstreamTls(alpn);
  const common: Json = { alpn_protocols: [...alpn] };
  const params: Json = {};
  if (tls.minProtocolVersion) params.tls_minimum_protocol_version = envoyTlsVersion(tls.minProtocolVersion);
  if (tls.maxProtocolVersion) params.tls_maximum_protocol_version = envoyTlsVersion(tls.maxProtocolVersion);
  if (Array.isArray(tls.cipherSuites) && tls.cipherSuites.length) params.cipher_suites = tls.cipherSuites;
  if (Object.keys(params).length) common.tls_params = params;
  const creds: string[] = tls.credentialName ? [tls.credentialName] : Array.isArray(tls.credentialNames) ? tls.credentialNames : [];
  const mutual = mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (creds.length) {
    common.tls_certificate_sds_secret_configs = creds.map((c) => SDS(`kubernetes://${c}`));
    if (mutual) common.combined_validation_context = { default_validation_context: subjectAltNames(tls), validation_context_sds_secret_config: SDS(`kubernetes://${creds[0]}-cacert`) };
  } else if (tls.serverCertificate) {
    common.tls_certificate_sds_secret_configs = [SDS(`file-cert:${tls.serverCertificate}~${tls.privateKey ?? ''}`)];
    if (mutual && tls.caCertificates) common.combined_validation_context = { default_validation_context: subjectAltNames(tls), validation_context_sds_secret_config: SDS(`file-root:${tls.caCertificates}`) };
  }
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: { '@type': TLS_TYPE, common_tls_context: common, require_client_certificate: mode === 'MUTUAL' },
  };
}

function subjectAltNames(tls: Json): Json {
  const sans: string[] = Array.isArray(tls.subjectAltNames) ? tls.subjectAltNames : [];
  return sans.length ? { match_typed_subject_alt_names: sans.map((s) => ({ san_type: 'DNS', matcher: { exact: s } })) } : {};
}

export function namedChain(name: string | undefined, match: Json | undefined, filters: Json[], extra: Json = {}): FilterChain {
  const fc: FilterChain = {};
  if (name) fc.name = name;
  if (match && Object.keys(match).length) fc.filter_chain_match = match;
  fc.filters = filters;
  return Object.assign(fc, extra);
}
