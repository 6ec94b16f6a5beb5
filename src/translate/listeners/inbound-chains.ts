/**
 * Inbound filter-chain variants per PeerAuthentication mode and port protocol
 * (Istio networking/core/filterchain_options.go `getFilterChainMatchOptions`).
 */
import type { Json } from '../../envoy/types.ts';
import type { MtlsMode } from '../../model/types.ts';

export const MTLS_HTTP_ALPNS = ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
export const PLAINTEXT_HTTP_ALPNS_INBOUND = ['http/1.0', 'http/1.1', 'h2c'];
export const MTLS_TCP_ALPNS = ['istio-peer-exchange', 'istio'];
/** Every ALPN an Istio mTLS client may offer (Istio `allIstioMtlsALPNs`): AUTO_PASSTHROUGH gateway chains match all of them. */
export const ALL_ISTIO_MTLS_ALPNS = ['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'];

export type InboundProtocol = 'http' | 'tcp' | 'auto';

export interface ChainOption {
  readonly alpn?: readonly string[];
  readonly transport?: 'tls' | 'raw_buffer';
  readonly protocol: 'http' | 'tcp';
  /** Terminates Istio mTLS. */
  readonly tls?: boolean;
}

const OPTIONS: Record<InboundProtocol, Record<MtlsMode, ChainOption[]>> = {
  http: {
    STRICT: [{ transport: 'tls', protocol: 'http', tls: true }],
    PERMISSIVE: [
      { alpn: MTLS_HTTP_ALPNS, transport: 'tls', protocol: 'http', tls: true },
      { transport: 'raw_buffer', protocol: 'http' },
    ],
    DISABLE: [{ protocol: 'http' }],
  },
  tcp: {
    STRICT: [{ transport: 'tls', protocol: 'tcp', tls: true }],
    PERMISSIVE: [
      { alpn: MTLS_TCP_ALPNS, transport: 'tls', protocol: 'tcp', tls: true },
      { transport: 'tls', protocol: 'tcp' },
      { transport: 'raw_buffer', protocol: 'tcp' },
    ],
    DISABLE: [{ protocol: 'tcp' }],
  },
  auto: {
    STRICT: [
      { alpn: MTLS_HTTP_ALPNS, transport: 'tls', protocol: 'http', tls: true },
      { transport: 'tls', protocol: 'tcp', tls: true },
    ],
    PERMISSIVE: [
      { alpn: MTLS_HTTP_ALPNS, transport: 'tls', protocol: 'http', tls: true },
      { alpn: PLAINTEXT_HTTP_ALPNS_INBOUND, transport: 'raw_buffer', protocol: 'http' },
      { alpn: MTLS_TCP_ALPNS, transport: 'tls', protocol: 'tcp', tls: true },
      { transport: 'raw_buffer', protocol: 'tcp' },
      { transport: 'tls', protocol: 'tcp' },
    ],
    DISABLE: [
      { alpn: PLAINTEXT_HTTP_ALPNS_INBOUND, transport: 'raw_buffer', protocol: 'http' },
      { transport: 'raw_buffer', protocol: 'tcp' },
      { transport: 'tls', protocol: 'tcp' },
    ],
  },
};

export function chainOptions(protocol: InboundProtocol, mode: MtlsMode): readonly ChainOption[] {
  return OPTIONS[protocol][mode];
}

/** filter_chain_match for one option (plus destination port / prefix ranges). */
export function optionMatch(o: ChainOption, extra: Json): Json {
  const m: Json = { ...extra };
  if (o.transport) m.transport_protocol = o.transport;
  if (o.alpn) m.application_protocols = [...o.alpn];
  return m;
}
