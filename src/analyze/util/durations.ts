/** Protobuf Duration strings as Istio accepts them in YAML (`1.5s`, `250ms`, `1m`, `1h`, `2h45m`) → milliseconds. */
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

export function durationMs(v: unknown): number | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let total = 0, pos = 0, m: RegExpExecArray | null;
  while ((m = re.exec(v))) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    pos = re.lastIndex;
  }
  return pos === v.length && pos > 0 ? total : undefined;
}

/** Milliseconds back to a short duration string (`1.5s`, `250ms`). */
export function formatMs(ms: number): string {
  if (ms >= 1000 && ms % 1 === 0 && (ms / 1000) % 1 === 0) return `${ms / 1000}s`;
  if (ms >= 1000) return `${+(ms / 1000).toFixed(3)}s`;
  return `${+ms.toFixed(3)}ms`;
}
