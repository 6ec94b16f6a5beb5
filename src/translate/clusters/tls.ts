/**
 * Upstream TLS (Istio `networking/core/cluster_tls.go`): DR `tls` modes DISABLE / SIMPLE / MUTUAL /
 * ISTIO_MUTUAL, and auto-mTLS (`transport_socket_matches` keyed on the endpoint `tlsMode` metadata).
 */
import type { Cluster, Json } from '../../envoy/types.ts';
import type { MtlsMode, Service } from '../../model/types.ts';
import { sdsSecret } from './common.ts';
import type { HttpOptions } from './connection-pool.ts';

export const ALPN_IN_MESH = ['istio-peer-exchange', 'istio'];
export const ALPN_IN_MESH_H2 = ['istio-peer-exchange', 'istio', 'h2'];
export const TLS_SOCKET = 'envoy.transport_sockets.tls';
export const UPSTREAM_TLS_TYPE = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';

export const RAW_BUFFER_SOCKET: Json = Object.freeze({
  name: 'envoy.transport_sockets.raw_buffer',
  typed_config: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer' },
});

function sans(list: readonly string[]): Json[] {
  return list.map((s) => ({ exact: s }));
}

/** ISTIO_MUTUAL: SDS `default` cert, `ROOTCA` validation, spiffe SANs, SNI `outbound_.port_.subset_.host`. */
export function istioMutualContext(subjectAltNames: readonly string[], sni: string, h2: boolean): Json {
  const validation: Json = subjectAltNames.length > 0 ? { match_subject_alt_names: sans(subjectAltNames) } : {};
  return {
    '@type': UPSTREAM_TLS_TYPE,
    common_tls_context: {
      tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' },
      alpn_protocols: h2 ? ALPN_IN_MESH_H2 : ALPN_IN_MESH,
      tls_certificate_sds_secret_configs: [sdsSecret('default')],
      combined_validation_context: { default_validation_context: validation, validation_context_sds_secret_config: sdsSecret('ROOTCA') },
    },
    sni,
  };
}

/** SIMPLE / MUTUAL with files or credentialName. Returns undefined when Istio configures no TLS. */
function userTlsContext(tls: Json, h2: boolean, isRouter: boolean, hasSelector: boolean, http: HttpOptions): Json | undefined {
  const ctx: Json = { common_tls_context: { tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' } } };
  const common = ctx.common_tls_context;
  if (tls.credentialName) {
    // On sidecars credentialName only works in a DR with a workloadSelector.
    if (!isRouter && !hasSelector) return undefined;
    if (tls.mode === 'MUTUAL') common.tls_certificate_sds_secret_configs = [sdsSecret(`kubernetes://${tls.credentialName}`)];
    if (!tls.insecureSkipVerify) {
      common.combined_validation_context = {
        default_validation_context: tls.subjectAltNames?.length ? { match_subject_alt_names: sans(tls.subjectAltNames) } : {},
        validation_context_sds_secret_config: sdsSecret(`kubernetes://${tls.credentialName}-cacert`),
      };
    }
  } else {
    if (tls.mode === 'MUTUAL' && tls.clientCertificate && tls.privateKey) {
      common.tls_certificate_sds_secret_configs = [sdsSecret(`file-cert:${tls.clientCertificate}~${tls.privateKey}`)];
    }
    if (!tls.insecureSkipVerify) {
      common.combined_validation_context = {
        default_validation_context: tls.subjectAltNames?.length ? { match_subject_alt_names: sans(tls.subjectAltNames) } : {},
        validation_context_sds_secret_config: sdsSecret(`file-root:${tls.caCertificates || 'system'}`),
      };
    }
  }
  if (h2) common.alpn_protocols = ['h2'];
  if (tls.sni) ctx.sni = tls.sni;
  else {
    http.upstreamHttp = { auto_sni: true, ...(tls.insecureSkipVerify || tls.subjectAltNames?.length ? {} : { auto_san_validation: true }) };
  }
  return { '@type': UPSTREAM_TLS_TYPE, ...ctx };
}

export interface TlsInput {
  readonly tls: Json | undefined;
  readonly service: Service;
  readonly sni: string;
  readonly h2: boolean;
  readonly isRouter: boolean;
  readonly drHasSelector: boolean;
  readonly autoMtls: boolean;
  readonly serviceMtlsMode: MtlsMode;
  /** ORIGINAL_DST clusters: whether every endpoint has a sidecar (auto-mTLS gives a plain socket then). */
  readonly allEndpointsMtls: boolean;
}

/** Set transport_socket / transport_socket_matches on `c`. */
export function applyUpstreamTls(c: Cluster, http: HttpOptions, t: TlsInput): void {
  const tls = t.tls;
  if (tls) {
    if (tls.mode === 'DISABLE' || !tls.mode) return;
    let ctx: Json | undefined;
    if (tls.mode === 'ISTIO_MUTUAL') {
      ctx = istioMutualContext(tls.subjectAltNames?.length ? tls.subjectAltNames : t.service.serviceAccounts, tls.sni || t.sni, t.h2);
    } else {
      ctx = userTlsContext(tls, t.h2, t.isRouter, t.drHasSelector, http);
      if (ctx) c.metadata = { ...(c.metadata ?? {}), filter_metadata: { ...(c.metadata?.filter_metadata ?? {}), istio: { ...(c.metadata?.filter_metadata?.istio ?? {}), alpn_override: 'false' } } };
    }
    if (ctx) c.transport_socket = { name: TLS_SOCKET, typed_config: ctx };
    return;
  }
  if (!t.autoMtls || t.service.meshExternal || t.serviceMtlsMode === 'DISABLE') return;
  const socket = { name: TLS_SOCKET, typed_config: istioMutualContext(t.service.serviceAccounts, t.sni, t.h2) };
  if (c.type === 'ORIGINAL_DST') {
    if (t.allEndpointsMtls) c.transport_socket = socket;
    return;
  }
  c.transport_socket_matches = [
    { name: 'tlsMode-istio', match: { tlsMode: 'istio' }, transport_socket: socket },
    { name: 'tlsMode-disabled', match: {}, transport_socket: RAW_BUFFER_SOCKET },
  ];
}
