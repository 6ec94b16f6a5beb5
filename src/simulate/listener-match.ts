import type { Json, Listener } from '../envoy/types.ts';
import type { NormalizedRequest } from './types.ts';
import { isWildcardAddress } from './ip.ts';

/**
 * Listener selection: inbound calls go to `virtualInbound` (iptables redirect to 15006); otherwise the
 * listener bound to exactly address:port, then a wildcard (0.0.0.0 / ::) listener on the port, then
 * `virtualOutbound` (the original-destination catch-all on 15001) — how Envoy hands off a redirected
 * connection (use_original_dst), and what Pilot's simulator does.
 */
export const VIRTUAL_INBOUND = 'virtualInbound';
export const VIRTUAL_OUTBOUND = 'virtualOutbound';

export class ListenerIndex {
  private readonly byAddress = new Map<string, Listener>();
  private readonly byName = new Map<string, Listener>();

  constructor(readonly listeners: readonly Listener[]) {
    for (const l of listeners) {
      if (!this.byName.has(l.name)) this.byName.set(l.name, l);
      for (const sa of socketAddresses(l)) {
        const key = `${isWildcardAddress(sa.address) ? '*' : sa.address}:${sa.port}`;
        if (!this.byAddress.has(key)) this.byAddress.set(key, l);
      }
    }
  }

  get(name: string): Listener | undefined { return this.byName.get(name); }

  select(req: NormalizedRequest): { listener: Listener | null; why: string[] } {
    if (req.inbound) {
      const l = this.byName.get(VIRTUAL_INBOUND) ?? null;
      return { listener: l, why: [l ? 'inbound call: iptables redirects it to virtualInbound (15006)' : 'inbound call but no virtualInbound listener'] };
    }
    const why: string[] = [];
    const exact = this.byAddress.get(`${req.address}:${req.port}`);
    if (exact) return { listener: exact, why: [`bound to ${req.address}:${req.port}`] };
    why.push(`no listener on ${req.address}:${req.port}`);
    const wild = this.byAddress.get(`*:${req.port}`);
    if (wild) return { listener: wild, why: [...why, `wildcard listener on 0.0.0.0:${req.port}`] };
    why.push(`no listener on 0.0.0.0:${req.port}`);
    const vo = this.byName.get(VIRTUAL_OUTBOUND);
    if (vo) return { listener: vo, why: [...why, 'falls back to virtualOutbound (original-destination catch-all)'] };
    return { listener: null, why: [...why, 'no virtualOutbound listener to fall back to'] };
  }
}

function socketAddresses(l: Listener): Array<{ address: string; port: number }> {
  const out: Array<{ address: string; port: number }> = [];
  const add = (a: Json | undefined) => {
    const sa = a?.socket_address;
    if (sa && sa.port_value !== undefined) out.push({ address: String(sa.address ?? ''), port: Number(sa.port_value) });
  };
  add(l.address);
  for (const extra of l.additional_addresses ?? []) add(extra?.address);
  return out;
}

const TLS_INSPECTOR = /tls_inspector|TlsInspector/;
const HTTP_INSPECTOR = /http_inspector|HttpInspector/;

function filterKind(f: Json): string {
  return `${f.name ?? ''} ${f.typed_config?.['@type'] ?? ''}`;
}

/** Evaluate a ListenerFilterChainMatchPredicate (`filter_disabled`) for a destination port. */
export function predicateMatches(p: Json | undefined, port: number): boolean {
  if (!p || typeof p !== 'object') return false;
  if (p.any_match) return true;
  if (p.or_match) return (p.or_match.rules ?? []).some((r: Json) => predicateMatches(r, port));
  if (p.and_match) return (p.and_match.rules ?? []).every((r: Json) => predicateMatches(r, port));
  if (p.not_match) return !predicateMatches(p.not_match, port);
  if (p.destination_port_range) {
    const start = Number(p.destination_port_range.start ?? 0), end = Number(p.destination_port_range.end ?? 0);
    return port >= start && port < end;
  }
  return false;
}

/** Which inspectors run for this connection (honouring each filter's `filter_disabled` predicate). */
export function listenerInspectors(l: Listener, port: number): { tls: boolean; http: boolean; why: string[] } {
  let tls = false, http = false;
  const why: string[] = [];
  for (const f of l.listener_filters ?? []) {
    const kind = filterKind(f);
    const isTls = TLS_INSPECTOR.test(kind), isHttp = HTTP_INSPECTOR.test(kind);
    if (!isTls && !isHttp) continue;
    const label = isTls ? 'tls_inspector' : 'http_inspector';
    if (predicateMatches(f.filter_disabled, port)) { why.push(`${label} disabled for port ${port}`); continue; }
    if (isTls) tls = true; else http = true;
  }
  if (!tls) why.push('no tls_inspector: SNI and ALPN are not read; transport protocol is raw_buffer');
  if (http) why.push('http_inspector detects HTTP on plaintext connections (ALPN http/1.1 or h2c)');
  return { tls, http, why };
}
