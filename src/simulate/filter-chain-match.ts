import type { FilterChain, Json, Listener } from '../envoy/types.ts';
import { cidrContains, parseIp } from './ip.ts';

/**
 * Filter chain selection, Envoy's FilterChainMatch order (listener_components.proto): destination_port,
 * prefix_ranges (most specific CIDR), server_names (exact, then the longest `*.` wildcard), transport_protocol,
 * application_protocols. At each step the chains that match best survive; if none match, the chains that
 * leave the field unset survive (a chain that fails a more specific criterion is never revisited).
 * Source criteria are not evaluated (the request model has no source). Nothing left -> default_filter_chain.
 */
export interface ChainInput {
  readonly port: number;
  readonly address: string;
  /** SNI as seen by the listener ('' without tls_inspector). */
  readonly sni: string;
  /** `tls` or `raw_buffer`. */
  readonly transport: string;
  readonly alpn: readonly string[];
}

export type ChainSelection =
  | { readonly chain: FilterChain; readonly isDefault: boolean; readonly why: string[] }
  | { readonly chain: null; readonly error: 'no_filter_chain' | 'multiple_filter_chains'; readonly why: string[]; readonly candidates: string[] };

interface Candidate { readonly chain: FilterChain; readonly label: string; readonly m: Json }

export function chainLabel(fc: FilterChain, i: number): string {
  return fc.name ? fc.name : `#${i} (unnamed)`;
}

type Rank = (m: Json) => number | null; // null: field unset; -1: no match; higher = better

function sieve(cands: Candidate[], field: string, value: string, rank: Rank, why: string[]): Candidate[] {
  const set = cands.filter((c) => rank(c.m) !== null);
  if (!set.length) return cands;
  let best = -1;
  for (const c of set) best = Math.max(best, rank(c.m)!);
  if (best >= 0) {
    const keep = set.filter((c) => rank(c.m) === best);
    const dropped = cands.filter((c) => !keep.includes(c));
    if (dropped.length) why.push(`${field} ${value}: kept ${names(keep)}; skipped ${names(dropped)}`);
    return keep;
  }
  const keep = cands.filter((c) => rank(c.m) === null);
  why.push(`${field} ${value}: no chain matches; ${keep.length ? `kept the chains without ${field}: ${names(keep)}` : 'no chain leaves it unset'}`);
  return keep;
}

const names = (cs: Candidate[]) => cs.map((c) => c.label).join(', ');

function sniRank(sni: string): Rank {
  return (m) => {
    const list: string[] | undefined = m.server_names;
    if (!list?.length) return null;
    if (!sni) return -1;
    const s = sni.toLowerCase();
    let best = -1;
    for (const raw of list) {
      const n = String(raw).toLowerCase();
      if (n === s) return 1_000_000;
      if (n.startsWith('*.') && s.endsWith(n.slice(1)) && s.length > n.length - 1) best = Math.max(best, n.length);
    }
    return best;
  };
}

export function selectFilterChain(l: Listener, input: ChainInput): ChainSelection {
  const why: string[] = [];
  const ip = parseIp(input.address);
  let cands: Candidate[] = (l.filter_chains ?? []).map((chain, i) => ({ chain, label: chainLabel(chain, i), m: chain.filter_chain_match ?? {} }));
  cands = sieve(cands, 'destination_port', String(input.port), (m) => (m.destination_port === undefined ? null : Number(m.destination_port) === input.port ? 1 : -1), why);
  cands = sieve(cands, 'prefix_ranges', input.address, (m) => {
    const ranges: Json[] | undefined = m.prefix_ranges;
    if (!ranges?.length) return null;
    let best = -1;
    for (const r of ranges) {
      const len = r.prefix_len === undefined ? (String(r.address_prefix).includes(':') ? 128 : 32) : Number(r.prefix_len);
      if (ip && cidrContains(String(r.address_prefix), len, ip)) best = Math.max(best, len);
    }
    return best;
  }, why);
  cands = sieve(cands, 'server_names', input.sni || '<no SNI>', sniRank(input.sni), why);
  cands = sieve(cands, 'transport_protocol', input.transport, (m) => (!m.transport_protocol ? null : m.transport_protocol === input.transport ? 1 : -1), why);
  cands = sieve(cands, 'application_protocols', input.alpn.join(',') || '<no ALPN>', (m) => {
    const list: string[] | undefined = m.application_protocols;
    if (!list?.length) return null;
    return input.alpn.some((a) => list.includes(a)) ? 1 : -1;
  }, why);
  if (cands.length > 1) {
    return { chain: null, error: 'multiple_filter_chains', why: [...why, `${cands.length} chains match equally: ${names(cands)} (Envoy rejects such a listener)`], candidates: cands.map((c) => c.label) };
  }
  if (cands.length === 1) return { chain: cands[0].chain, isDefault: false, why };
  if (l.default_filter_chain) {
    return { chain: l.default_filter_chain, isDefault: true, why: [...why, `no chain matches; using default_filter_chain ${l.default_filter_chain.name ?? ''}`.trim()] };
  }
  return { chain: null, error: 'no_filter_chain', why: [...why, 'no chain matches and there is no default_filter_chain'], candidates: [] };
}
