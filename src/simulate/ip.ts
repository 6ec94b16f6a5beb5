/** IPv4/IPv6 addresses as bit strings for CIDR checks (filter_chain_match.prefix_ranges). */
export interface ParsedIp { readonly v6: boolean; readonly value: bigint }

export function parseIp(text: string): ParsedIp | null {
  const s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return null;
    return { v6: false, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!s.includes(':')) return null;
  const [head, tail, extra] = s.split('::');
  if (extra !== undefined) return null;
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? h.length !== 8 : missing < 0) return null;
  const groups = [...h, ...Array(tail === undefined ? 0 : missing).fill('0'), ...t];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return { v6: true, value };
}

/** Does `ip` fall in `prefix/len`? */
export function cidrContains(prefix: string, len: number, ip: ParsedIp): boolean {
  const p = parseIp(prefix);
  if (!p || p.v6 !== ip.v6) return false;
  const bits = p.v6 ? 128 : 32;
  const l = Math.max(0, Math.min(bits, len));
  const shift = BigInt(bits - l);
  return (p.value >> shift) === (ip.value >> shift);
}

export function isWildcardAddress(a: string): boolean {
  return a === '0.0.0.0' || a === '::' || a === '[::]';
}
