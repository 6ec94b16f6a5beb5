import { RE2JS } from 're2js';
import type { Json } from '../envoy/types.ts';

/**
 * Envoy's value matchers (envoy.type.matcher.v3.StringMatcher, config.route.v3.HeaderMatcher,
 * QueryParameterMatcher), compiled once. Regexes are RE2 (re2js), full-match like Envoy's safe_regex.
 */
export interface ValueMatcher { readonly test: (value: string) => boolean; readonly text: string }

const regexCache = new Map<string, RE2JS>();
/** Compile an RE2 pattern (cached: route tables repeat patterns). Throws on invalid RE2. */
export function compileRegex(pattern: string, ignoreCase = false): RE2JS {
  const key = (ignoreCase ? 'i:' : 's:') + pattern;
  let re = regexCache.get(key);
  if (!re) {
    re = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    regexCache.set(key, re);
  }
  return re;
}

/** A regex that never matches, for patterns RE2 rejects (Envoy would NACK the config). */
const invalidRegex = (pattern: string, err: unknown): ValueMatcher =>
  ({ test: () => false, text: `regex ${pattern} (invalid RE2: ${(err as Error).message})` });

function regexMatcher(pattern: string, ignoreCase: boolean): ValueMatcher {
  try {
    const re = compileRegex(pattern, ignoreCase);
    return { test: (v) => re.testExact(v), text: `regex ${pattern}` };
  } catch (e) { return invalidRegex(pattern, e); }
}

/** envoy.type.matcher.v3.StringMatcher. */
export function compileStringMatcher(m: Json | undefined): ValueMatcher {
  if (!m || typeof m !== 'object') return { test: () => true, text: 'any' };
  const ic = !!m.ignore_case;
  const norm = (s: string) => (ic ? s.toLowerCase() : s);
  const suffix = ic ? ' (ignore case)' : '';
  if (typeof m.exact === 'string') { const e = norm(m.exact); return { test: (v) => norm(v) === e, text: `= ${m.exact}${suffix}` }; }
  if (typeof m.prefix === 'string') { const p = norm(m.prefix); return { test: (v) => norm(v).startsWith(p), text: `prefix ${m.prefix}${suffix}` }; }
  if (typeof m.suffix === 'string') { const s = norm(m.suffix); return { test: (v) => norm(v).endsWith(s), text: `suffix ${m.suffix}${suffix}` }; }
  if (typeof m.contains === 'string') { const c = norm(m.contains); return { test: (v) => norm(v).includes(c), text: `contains ${m.contains}${suffix}` }; }
  if (m.safe_regex) return regexMatcher(String(m.safe_regex.regex ?? ''), ic);
  return { test: () => true, text: 'any' };
}

export interface HeaderCheck { readonly name: string; readonly text: string; readonly test: (headers: ReadonlyMap<string, string>) => boolean }

/**
 * config.route.v3.HeaderMatcher. A missing header matches only `present_match: false`, or any inverted
 * non-presence matcher (Envoy's HeaderUtility::matchHeaders), unless `treat_missing_header_as_empty`.
 */
export function compileHeaderMatcher(h: Json): HeaderCheck {
  const name = String(h.name ?? '').toLowerCase();
  const invert = !!h.invert_match;
  const missingAsEmpty = !!h.treat_missing_header_as_empty;
  let isPresent = false;
  let presentValue = true;
  let value: ValueMatcher;
  if (h.string_match) value = compileStringMatcher(h.string_match);
  else if (typeof h.exact_match === 'string') value = compileStringMatcher({ exact: h.exact_match });
  else if (typeof h.prefix_match === 'string') value = compileStringMatcher({ prefix: h.prefix_match });
  else if (typeof h.suffix_match === 'string') value = compileStringMatcher({ suffix: h.suffix_match });
  else if (typeof h.contains_match === 'string') value = compileStringMatcher({ contains: h.contains_match });
  else if (h.safe_regex_match) value = regexMatcher(String(h.safe_regex_match.regex ?? ''), false);
  else if (h.range_match) {
    const start = Number(h.range_match.start ?? 0), end = Number(h.range_match.end ?? 0);
    value = { test: (v) => /^-?\d+$/.test(v) && Number(v) >= start && Number(v) < end, text: `in [${start}, ${end})` };
  } else {
    isPresent = true;
    presentValue = h.present_match !== false;
    value = { test: () => presentValue, text: presentValue ? 'present' : 'absent' };
  }
  const text = `header ${name} ${invert ? 'NOT ' : ''}${value.text}`;
  const test = (headers: ReadonlyMap<string, string>): boolean => {
    let v = headers.get(name);
    if (v === undefined) {
      if (!missingAsEmpty) return invert ? !isPresent : isPresent && !presentValue;
      v = '';
    }
    return value.test(v) !== invert;
  };
  return { name, text, test };
}

export interface QueryCheck { readonly text: string; readonly test: (query: ReadonlyMap<string, string>) => boolean }

/** config.route.v3.QueryParameterMatcher: a missing parameter never matches. */
export function compileQueryMatcher(q: Json): QueryCheck {
  const name = String(q.name ?? '');
  if (q.string_match) {
    const m = compileStringMatcher(q.string_match);
    return { text: `query ${name} ${m.text}`, test: (qs) => { const v = qs.get(name); return v !== undefined && m.test(v); } };
  }
  return { text: `query ${name} present`, test: (qs) => qs.has(name) };
}

const DENOMINATORS: Record<string, number> = { HUNDRED: 100, TEN_THOUSAND: 10000, MILLION: 1000000 };

/** envoy.type.v3.FractionalPercent -> percent (0..100). */
export function fractionalPercent(p: Json | undefined, fallback = 100): number {
  if (!p || typeof p !== 'object') return fallback;
  const den = DENOMINATORS[String(p.denominator ?? 'HUNDRED')] ?? 100;
  return (Number(p.numerator ?? 0) / den) * 100;
}
