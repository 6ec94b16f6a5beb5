/**
 * "Every request this match accepts, that match accepts too": the cover relation between two HTTPMatchRequests,
 * used by SLU0001 RouteShadowed. Conservative: when in doubt, not covered (no false positives).
 * Regexes are RE2 with Envoy's full-match semantics; their literal prefix comes from re2js.
 */
import { RE2JS } from 're2js';
import { asObject } from '../util/vs-walk.ts';

type M = Record<string, any>;

/** The fields a match may carry that this relation understands; any other field makes `p` not cover. */
const KNOWN = new Set(['name', 'uri', 'scheme', 'method', 'authority', 'headers', 'queryParams', 'withoutHeaders', 'port', 'ignoreUriCase', 'sourceLabels', 'gateways', 'sourceNamespace', 'statPrefix']);
const EQUAL_FIELDS = ['port', 'sourceLabels', 'gateways', 'sourceNamespace'];

export function matchCovers(p: M, q: M): boolean {
  if (Object.keys(p).some((k) => !KNOWN.has(k))) return false;
  if (p.uri !== undefined) {
    if (q.uri === undefined) return false;
    if (q.ignoreUriCase && !p.ignoreUriCase) return false;
    if (!stringCovers(asObject(p.uri), asObject(q.uri), !!p.ignoreUriCase)) return false;
  }
  for (const f of ['scheme', 'method', 'authority']) {
    if (p[f] === undefined) continue;
    if (q[f] === undefined || !stringCovers(asObject(p[f]), asObject(q[f]), false)) return false;
  }
  for (const f of ['headers', 'queryParams']) {
    const ph = asObject(p[f]), qh = asObject(q[f]);
    for (const k of Object.keys(ph)) {
      if (!(k in qh) || !stringCovers(asObject(ph[k]), asObject(qh[k]), false)) return false;
    }
  }
  const pw = asObject(p.withoutHeaders), qw = asObject(q.withoutHeaders);
  for (const k of Object.keys(pw)) if (!(k in qw) || json(pw[k]) !== json(qw[k])) return false;
  for (const f of EQUAL_FIELDS) if (p[f] !== undefined && json(p[f]) !== json(q[f])) return false;
  return true;
}

/** StringMatch `p` accepts every value `q` accepts. An empty StringMatch (`{}`) means "present": it covers all. */
export function stringCovers(p: M, q: M, caseInsensitive: boolean): boolean {
  const norm = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
  if (p.exact === undefined && p.prefix === undefined && p.regex === undefined) return true;
  const qLiteral = literalOf(q);
  if (typeof p.exact === 'string') return qLiteral !== undefined && norm(qLiteral) === norm(p.exact);
  if (typeof p.prefix === 'string') {
    if (qLiteral !== undefined) return norm(qLiteral).startsWith(norm(p.prefix));
    const qp = typeof q.prefix === 'string' ? q.prefix : typeof q.regex === 'string' ? regexLiteralPrefix(q.regex) : undefined;
    return qp !== undefined && norm(qp).startsWith(norm(p.prefix));
  }
  if (typeof p.regex === 'string') {
    if (typeof q.regex === 'string' && q.regex === p.regex) return true;
    return qLiteral !== undefined && !caseInsensitive && regexFullMatch(p.regex, qLiteral);
  }
  return false;
}

/** The single value a StringMatch accepts, if it accepts exactly one. */
function literalOf(m: M): string | undefined {
  if (typeof m.exact === 'string') return m.exact;
  if (typeof m.regex === 'string') {
    const re = compile(m.regex);
    if (re && re.re2Input.prefixComplete) return String(re.re2Input.prefix);
  }
  return undefined;
}

/** Literal prefix of an RE2 pattern (every matching string starts with it). */
export function regexLiteralPrefix(pattern: string): string | undefined {
  const re = compile(pattern.startsWith('^') ? pattern.slice(1) : pattern);
  return re ? String(re.re2Input.prefix ?? '') : undefined;
}

function regexFullMatch(pattern: string, value: string): boolean {
  return compile(pattern)?.matches(value) ?? false;
}

const cache = new Map<string, RE2JS | null>();
function compile(pattern: string): RE2JS | null {
  if (!cache.has(pattern)) {
    try { cache.set(pattern, RE2JS.compile(pattern)); } catch { cache.set(pattern, null); }
  }
  return cache.get(pattern) ?? null;
}

/** JSON of a match with `name` cleared and keys sorted (Istio compares matches this way for IST0130/IST0131). */
export function canonical(m: M): string {
  const { name: _name, ...rest } = m;
  return json(rest);
}

function json(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(json).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${json((v as M)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}
