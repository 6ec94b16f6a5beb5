/**
 * CIDR prefix ranges as Istio builds them (`util.ConvertAddressToCidr`): insignificant bits are masked,
 * so `1234:1f1:123:123:f816:3eff:feb8:2287/32` and `1234:1f1::/32` are the same range.
 */
import type { Json } from '../../envoy/types.ts';

function v4(ip: string): number[] | undefined {
  const p = ip.split('.').map(Number);
  return p.length === 4 && p.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? p : undefined;
}

function v6(ip: string): number[] | undefined {
  const halves = ip.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const head = parse(halves[0]!), tail = halves.length === 2 ? parse(halves[1]!) : [];
  const groups = halves.length === 2 ? [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail] : head;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

function formatV6(g: number[]): string {
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function mask(parts: number[], bitsPer: number, len: number): number[] {
  return parts.map((p, i) => {
    const keep = Math.max(0, Math.min(bitsPer, len - i * bitsPer));
    return keep === 0 ? 0 : keep === bitsPer ? p : p & ((((1 << keep) - 1) << (bitsPer - keep)) & ((1 << bitsPer) - 1));
  });
}

/** `ip[/len]` → Envoy CidrRange with the address masked to the prefix. */
export function cidrRange(cidr: string): Json {
  const [ip, lenText] = cidr.split('/') as [string, string | undefined];
  const a4 = v4(ip);
  if (a4) {
    const len = lenText !== undefined ? Number(lenText) : 32;
    return { address_prefix: mask(a4, 8, len).join('.'), prefix_len: len };
  }
  const a6 = v6(ip);
  if (a6) {
    const len = lenText !== undefined ? Number(lenText) : 128;
    return { address_prefix: formatV6(mask(a6, 16, len)), prefix_len: len };
  }
  return { address_prefix: ip, prefix_len: Number(lenText ?? 32) };
}
