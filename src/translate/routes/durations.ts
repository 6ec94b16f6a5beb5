/** Istio durations (`1.5s`, `100ms`, `1m`, `1h`) → proto-JSON Duration strings (`1.500s`). */
const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };

/** Parse a Go-style duration into seconds; undefined when malformed. */
export function durationSeconds(d: unknown): number | undefined {
  if (typeof d === 'number') return d;
  if (typeof d !== 'string' || d === '') return undefined;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
  let total = 0, consumed = 0, m: RegExpExecArray | null;
  while ((m = re.exec(d))) { total += Number(m[1]) * UNIT_SECONDS[m[2]]; consumed += m[0].length; }
  return consumed === d.length ? total : undefined;
}

/** Format seconds as proto-JSON Duration (`0s`, `5s`, `0.250s`). */
export function formatSeconds(sec: number): string {
  const ns = Math.round(sec * 1e9);
  const whole = Math.trunc(ns / 1e9);
  const frac = ns % 1e9;
  if (frac === 0) return `${whole}s`;
  let f = String(frac).padStart(9, '0');
  f = f.length === 9 && f.endsWith('000000') ? f.slice(0, 3) : f.endsWith('000') ? f.slice(0, 6) : f;
  return `${whole}.${f}s`;
}

export function durationString(d: unknown): string {
  const s = durationSeconds(d);
  return s === undefined ? String(d) : formatSeconds(s);
}
