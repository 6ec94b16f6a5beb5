import type { NormalizedRequest, TraceRequest, AppProtocol } from './types.ts';

/** Default destination address: one nothing binds, so outbound traffic meets 0.0.0.0:<port> listeners (as Pilot's simulator). */
export const DEFAULT_ADDRESS = '1.3.3.7';

/** ALPN a client offers (Pilot's simulator `FillDefaults`): Istio mTLS ALPNs for mtls, plain ones for tls. */
export function defaultAlpn(protocol: AppProtocol, tls: 'none' | 'tls' | 'mtls'): string[] {
  if (tls === 'mtls') return [protocol === 'http' ? 'istio-http/1.1' : protocol === 'http2' ? 'istio-h2' : 'istio'];
  if (tls === 'tls') return protocol === 'http' ? ['http/1.1'] : protocol === 'http2' ? ['h2'] : [];
  return [];
}

function splitPath(path: string): { pathOnly: string; query: Map<string, string> } {
  const hash = path.indexOf('#');
  const noFragment = hash >= 0 ? path.slice(0, hash) : path;
  const q = noFragment.indexOf('?');
  const query = new Map<string, string>();
  if (q < 0) return { pathOnly: noFragment, query };
  for (const part of noFragment.slice(q + 1).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = safeDecode(eq < 0 ? part : part.slice(0, eq));
    if (!query.has(k)) query.set(k, eq < 0 ? '' : safeDecode(part.slice(eq + 1)));
  }
  return { pathOnly: noFragment.slice(0, q), query };
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; }
}

/** Apply defaults and build the header map Envoy's matchers see (pseudo headers included). */
export function normalizeRequest(req: TraceRequest): NormalizedRequest {
  const tls = req.tls ?? 'none';
  const protocol = req.protocol ?? 'http';
  const headers = new Map<string, string>();
  let host = req.host ?? '';
  for (const [name, value] of req.headers ?? []) {
    const k = name.toLowerCase();
    if (k === 'host' || k === ':authority') { if (!req.host) host = value; continue; }
    headers.set(k, headers.has(k) ? `${headers.get(k)},${value}` : value);
  }
  const path = req.path || '/';
  const method = (req.method ?? 'GET').toUpperCase();
  const scheme = req.scheme ?? (tls === 'none' ? 'http' : 'https');
  headers.set(':authority', host);
  headers.set(':path', path);
  headers.set(':method', method);
  headers.set(':scheme', scheme);
  if (host) headers.set('host', host);
  const { pathOnly, query } = splitPath(path);
  const sni = req.sni ?? (tls === 'tls' ? stripPort(host) : '');
  return {
    host, port: req.port, path, pathOnly, query, method, scheme, headers,
    address: req.address || DEFAULT_ADDRESS,
    protocol, tls, sni,
    alpn: req.alpn ? [...req.alpn] : defaultAlpn(protocol, tls),
    inbound: !!req.inbound,
    mtlsSecretName: req.mtlsSecretName || 'default',
  };
}

/** `host:port` -> `host` (IPv6 literals in brackets keep their colons). */
export function stripPort(host: string): string {
  if (host.startsWith('[')) { const end = host.indexOf(']'); return end > 0 ? host.slice(0, end + 1) : host; }
  const i = host.lastIndexOf(':');
  return i >= 0 && /^\d+$/.test(host.slice(i + 1)) ? host.slice(0, i) : host;
}

/** The `:port` of a host header, if any. */
export function hostPort(host: string): number | undefined {
  const bare = stripPort(host);
  return bare.length < host.length ? Number(host.slice(bare.length + 1)) : undefined;
}
