/**
 * A short, deterministic content fingerprint (FNV-1a over canonical JSON). grpc-js-xds compares an
 * update with its cache by walking only the old value's keys, so some changes (new map keys, bytes
 * appended to an Any) go unnoticed unless a scalar it compares also changes (grpc-xds.md §4.2);
 * proxyless resources carry this fingerprint in such a scalar.
 */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

export function contentFingerprint(v: unknown): string {
  const s = canonical(v);
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
