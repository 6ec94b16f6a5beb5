// Durations as Istio reads them from YAML (Go `time.ParseDuration` syntax: `1.5s`, `100ms`, `1m30s`)
// and the ranges Istio's validation enforces (`agent.ValidateDuration`: at least 1ms, ms precision).

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) { if (s[0] === '-') sign = -1; s = s.slice(1); }
  if (s === '0') return 0;
  if (!s) return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (!m || m.index !== start) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return sign * total;
}

/** google.protobuf.Duration's range: ±315,576,000,000 s (10,000 years); a larger value cannot be sent to Envoy. */
export const MAX_DURATION_MS = 315_576_000_000 * 1000;
const tooLong = (what: string, value: string) => `${what} "${value}" is longer than the protobuf Duration maximum (315576000000s)`;

/** Error text for an invalid duration, per `agent.ValidateDuration`; undefined when valid. */
export function durationError(value: unknown, what = 'duration'): string | undefined {
  if (typeof value !== 'string') return undefined; // wrong types are reported by the schema pass
  const ms = parseDurationMs(value);
  if (ms === undefined) return `${what} "${value}" is not a valid duration (examples: 10s, 500ms, 1m30s)`;
  if (ms < 1) return `${what} "${value}": duration must be greater than 1ms`;
  if (ms > MAX_DURATION_MS) return tooLong(what, value);
  if (Math.abs(ms - Math.round(ms)) > 1e-9) return `${what} "${value}": only durations to ms precision are supported`;
  return undefined;
}

/** Like durationError, but 0 is allowed (e.g. idle timeouts where 0 disables). */
export function nonNegativeDurationError(value: unknown, what = 'duration'): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = parseDurationMs(value);
  if (ms === undefined) return `${what} "${value}" is not a valid duration (examples: 10s, 500ms, 1m30s)`;
  if (ms < 0) return `${what} "${value}" must not be negative`;
  if (ms > MAX_DURATION_MS) return tooLong(what, value);
  return undefined;
}
