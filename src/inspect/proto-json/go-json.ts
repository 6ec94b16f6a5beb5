import { STRUCT } from './canonical.ts';

/**
 * JSON text the way Go prints it: `json.MarshalIndent` layout (`"key": value`, `[]`/`{}` when
 * empty), encoding/json string escaping (HTML-safe `\u003c \u003e \u0026`, `\u2028 \u2029`).
 * `structQuirk` reproduces golang/protobuf jsonpb's Indent bug where a google.protobuf.Struct body
 * is indented one level too deep (visible in istioctl's bootstrap golden).
 */
export interface GoJsonOptions {
  readonly indent: string;
  readonly structQuirk?: boolean;
}

export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

function goNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  // encoding/json uses %e for very small/large floats (and strips the exponent's leading zero).
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

export function goJson(value: unknown, opts: GoJsonOptions): string {
  return write(value, 0, opts);
}

function write(v: unknown, level: number, o: GoJsonOptions): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  const pad = (n: number): string => o.indent.repeat(n);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => pad(level + 1) + write(x, level + 1, o)).join(',\n')}\n${pad(level)}]`;
  }
  const obj = v as Record<string | symbol, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 0) return '{}';
  const base = o.structQuirk && obj[STRUCT] ? level + 1 : level;
  const entries = keys.map((k) => `${pad(base + 1)}${goJsonString(k)}: ${write(obj[k], base + 1, o)}`);
  return `{\n${entries.join(',\n')}\n${pad(base)}}`;
}
