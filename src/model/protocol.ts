/**
 * Port protocols: Istio's `pkg/config/protocol` (Parse) and `pkg/config/kube/conversion.go` (ConvertProtocol).
 */
import type { Protocol } from './types.ts';

const BY_NAME: Readonly<Record<string, Protocol>> = {
  tcp: 'TCP', udp: 'UDP', grpc: 'GRPC', 'grpc-web': 'GRPC-Web', http: 'HTTP', http_proxy: 'HTTP', http2: 'HTTP2',
  https: 'HTTPS', tls: 'TLS', mongo: 'Mongo', redis: 'Redis', mysql: 'MySQL', thrift: 'Thrift',
};

/** `protocol.Parse`: case-insensitive protocol name, else `Unsupported` (auto-detect). */
export function parseProtocol(text: string | undefined): Protocol {
  return (text && BY_NAME[text.toLowerCase()]) || 'Unsupported';
}

/** Ports that are TCP when nothing else says otherwise (SMTP, DNS, MySQL, MongoDB). */
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

/** Protocol of a k8s Service port: UDP, then appProtocol, then the name prefix, then well-known ports. */
export function kubePortProtocol(port: number, name: string | undefined, proto: string | undefined, appProtocol: string | undefined): Protocol {
  if (proto?.toUpperCase() === 'UDP') return 'UDP';
  if (appProtocol) {
    const ap = appProtocol.toLowerCase();
    if (ap === 'kubernetes.io/h2c') return 'HTTP2';
    if (ap === 'kubernetes.io/ws') return 'HTTP';
    if (ap === 'kubernetes.io/wss') return 'HTTPS';
    const p = parseProtocol(appProtocol);
    if (p !== 'Unsupported') return p;
  }
  const n = (name ?? '').toLowerCase();
  if (n === 'grpc-web' || n.startsWith('grpc-web-')) return 'GRPC-Web';
  const dash = n.indexOf('-');
  const p = parseProtocol(dash >= 0 ? n.slice(0, dash) : n);
  if (p !== 'Unsupported') return p;
  return WELL_KNOWN_TCP_PORTS.has(port) ? 'TCP' : 'Unsupported';
}

export const isHttpProtocol = (p: Protocol): boolean => p === 'HTTP' || p === 'HTTP2' || p === 'GRPC' || p === 'GRPC-Web';
/** HTTP/2 upstream (`IsHTTP2`): http2, grpc, grpc-web. */
export const isHttp2Protocol = (p: Protocol): boolean => p === 'HTTP2' || p === 'GRPC' || p === 'GRPC-Web';
export const isTcpProtocol = (p: Protocol): boolean =>
  p === 'TCP' || p === 'HTTPS' || p === 'TLS' || p === 'Mongo' || p === 'MySQL' || p === 'Redis' || p === 'Thrift';
