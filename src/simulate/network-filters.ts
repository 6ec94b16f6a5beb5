import type { FilterChain, Json } from '../envoy/types.ts';
import type { NormalizedRequest } from './types.ts';

/** The terminal network filter of a chain, and the TLS checks Pilot's simulator applies to it. */
export type NetworkFilter =
  | { readonly kind: 'http_connection_manager'; readonly config: Json }
  | { readonly kind: 'tcp_proxy'; readonly config: Json }
  | { readonly kind: 'other'; readonly name: string }
  | null;

const isKind = (f: Json, name: string, type: string) => f.name === name || String(f.typed_config?.['@type'] ?? '').endsWith(type);

export function terminalFilter(fc: FilterChain): NetworkFilter {
  const filters: Json[] = fc.filters ?? [];
  for (const f of filters) {
    if (isKind(f, 'envoy.filters.network.http_connection_manager', '.HttpConnectionManager')) return { kind: 'http_connection_manager', config: f.typed_config ?? {} };
    if (isKind(f, 'envoy.filters.network.tcp_proxy', '.TcpProxy')) return { kind: 'tcp_proxy', config: f.typed_config ?? {} };
  }
  const last = filters[filters.length - 1];
  return last ? { kind: 'other', name: String(last.name ?? last.typed_config?.['@type'] ?? 'unnamed') } : null;
}

function downstreamTls(fc: FilterChain): Json | null {
  const ts = fc.transport_socket;
  if (!ts) return null;
  return ts.typed_config ?? {};
}

/**
 * Does the chain demand Istio mTLS? Pilot's heuristic: it terminates TLS with the workload certificate
 * (first SDS secret named `default`, or the caller's name for it) and requires a client certificate.
 */
export function requiresIstioMtls(fc: FilterChain, secretName: string): boolean {
  const tls = downstreamTls(fc);
  if (!tls) return false;
  const sds: Json[] = tls.common_tls_context?.tls_certificate_sds_secret_configs ?? [];
  if (!sds.length || sds[0].name !== secretName) return false;
  return isTrue(tls.require_client_certificate);
}

const isTrue = (v: unknown) => v === true || (typeof v === 'object' && v !== null && (v as Json).value === true);

/** TLS handshake outcome on the chain: null when fine, else the error and why. */
export function tlsCheck(fc: FilterChain, req: NormalizedRequest): { error: 'tls_error' | 'mtls_error'; why: string } | null {
  if (!fc.transport_socket) return null;
  if (req.tls === 'none') return { error: 'tls_error', why: 'the chain terminates TLS but the connection is plaintext' };
  const mtls = requiresIstioMtls(fc, req.mtlsSecretName);
  if (mtls !== (req.tls === 'mtls')) {
    return { error: 'mtls_error', why: mtls ? 'the chain requires Istio mTLS (workload certificate, client certificate required) but the client sends plain TLS' : 'the client speaks Istio mTLS but the chain terminates TLS with a non-Istio certificate' };
  }
  return null;
}

export function describeTls(fc: FilterChain, secretName: string): string {
  if (!fc.transport_socket) return 'no TLS termination';
  return requiresIstioMtls(fc, secretName) ? 'terminates Istio mTLS' : 'terminates TLS';
}
