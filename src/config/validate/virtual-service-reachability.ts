// Unreachable rules and ineffective matches in a VirtualService (Istio: analyzeUnreachableHTTPRules /
// analyzeUnreachableTCPRules / analyzeUnreachableTLSRules in pkg/config/validation, surfaced by
// `istioctl analyze` as IST0130 VirtualServiceUnreachableRule and IST0131 VirtualServiceIneffectiveMatch).
import { Findings, ValidationCodes, child, asArray, asObject, isObject } from './findings.ts';

type Match = Record<string, unknown>;

export function checkUnreachableRules(f: Findings, spec: Record<string, any>): void {
  checkRules(f, 'spec.http', asArray(spec.http), true);
  checkRules(f, 'spec.tcp', asArray(spec.tcp), false);
  checkRules(f, 'spec.tls', asArray(spec.tls), false);
}

function ruleName(rule: unknown, i: number): string {
  const n = asObject(rule).name;
  return typeof n === 'string' && n ? `"${n}"` : String(i);
}

function matchName(m: Match, i: number): string {
  return typeof m.name === 'string' && m.name ? `"${m.name}"` : String(i);
}

function checkRules(f: Findings, path: string, rules: unknown[], isHttp: boolean): void {
  const seen = new Map<string, number>();
  const earlier: Array<{ match: Match; rule: number }> = [];
  let emptyMatchRule = -1;
  rules.forEach((rule, ri) => {
    if (!isObject(rule)) return;
    const rp = child(path, ri);
    const matches = asArray(rule.match).filter(isObject) as Match[];
    if (!matches.length) {
      if (emptyMatchRule >= 0) unreachable(f, rp, ruleName(rule, ri), 'only the last rule can have no matches');
      emptyMatchRule = ri;
      return;
    }
    if (emptyMatchRule >= 0) unreachable(f, rp, ruleName(rule, ri), 'route without matches defined before');
    let duplicates = 0;
    matches.forEach((m, mi) => {
      const mp = child(child(rp, 'match'), mi);
      const key = canonicalJSON(withoutName(m));
      const dup = seen.get(key);
      if (dup !== undefined) {
        ineffective(f, mp, ruleName(rule, ri), matchName(m, mi), ruleName(rules[dup], dup));
        duplicates++;
      } else {
        seen.set(key, ri);
        const cover = isHttp ? earlier.find((e) => prefixCovers(e.match, m)) : undefined;
        if (cover) ineffective(f, mp, ruleName(rule, ri), matchName(m, mi), ruleName(rules[cover.rule], cover.rule));
      }
      earlier.push({ match: m, rule: ri });
    });
    if (duplicates === matches.length) unreachable(f, rp, ruleName(rule, ri), 'all matches used by prior rules');
  });
}

function unreachable(f: Findings, path: string, rule: string, reason: string): void {
  f.add(ValidationCodes.VirtualServiceUnreachableRule, path, `VirtualService rule ${rule} not used (${reason}).`);
}

function ineffective(f: Findings, path: string, rule: string, match: string, dup: string): void {
  f.add(ValidationCodes.VirtualServiceIneffectiveMatch, path, `VirtualService rule ${rule} match ${match} is not used (duplicate/overlapping match in rule ${dup}).`);
}

function withoutName(m: Match): Match {
  const { name: _name, ...rest } = m;
  return rest;
}

function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJSON(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

const COMPARED_AS_STRING_MATCH = new Set(['uri', 'method', 'authority', 'headers', 'queryParams', 'withoutHeaders', 'port']);

/** An earlier `uri.prefix` match covers a later prefix match that starts with it and is otherwise compatible. */
function prefixCovers(a: Match, b: Match): boolean {
  const pa = asObject(a.uri).prefix, pb = asObject(b.uri).prefix;
  if (typeof pa !== 'string' || typeof pb !== 'string' || !pb.startsWith(pa)) return false;
  if ((a.port ?? 0) !== (b.port ?? 0)) return false;
  if (!stringMatchCovers(a.method ?? { exact: 'GET' }, b.method ?? { exact: 'GET' })) return false;
  if (!stringMatchCovers(a.authority, b.authority)) return false;
  for (const k of ['headers', 'queryParams', 'withoutHeaders'] as const) if (!mapCovers(a[k], b[k])) return false;
  const rest = (m: Match) => canonicalJSON(Object.fromEntries(Object.entries(withoutName(m)).filter(([k]) => !COMPARED_AS_STRING_MATCH.has(k))));
  return rest(a) === rest(b);
}

function stringMatchCovers(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  const sa = asObject(a), sb = asObject(b);
  if (typeof sa.exact === 'string') return sb.exact === sa.exact;
  if (typeof sa.prefix === 'string') {
    const v = typeof sb.exact === 'string' ? sb.exact : typeof sb.prefix === 'string' ? sb.prefix : undefined;
    return v !== undefined && v.startsWith(sa.prefix);
  }
  return canonicalJSON(sa) === canonicalJSON(sb);
}

function mapCovers(a: unknown, b: unknown): boolean {
  const ma = asObject(a), mb = asObject(b);
  const ka = Object.keys(ma).sort(), kb = Object.keys(mb).sort();
  if (ka.join('\n') !== kb.join('\n')) return false;
  return ka.every((k) => stringMatchCovers(ma[k], mb[k]));
}
