// IST0130 VirtualServiceUnreachableRule / IST0131 VirtualServiceIneffectiveMatch: the two warnings Istio's
// VirtualService validation (pkg/config/validation: analyzeUnreachable{HTTP,TCP,TLS}Rules) raises and the schema
// analyzer reports with their own codes. Matches are compared as JSON with `name` cleared; HTTP prefix matches
// also cover later, longer prefixes with compatible method/authority/headers.
import type { AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

type Section = 'http' | 'tcp' | 'tls';

export function reportUnreachableRules(ctx: AnalysisContext, vs: RawObject): void {
  for (const section of ['http', 'tcp', 'tls'] as Section[]) analyzeSection(ctx, vs, section);
}

const ruleName = (rule: Record<string, any>, i: number) => (typeof rule.name === 'string' && rule.name ? rule.name : String(i));
const matchName = (m: Record<string, any>, i: number) => (typeof m.name === 'string' && m.name ? m.name : String(i));

function analyzeSection(ctx: AnalysisContext, vs: RawObject, section: Section): void {
  const rules = asList(vs.spec[section]).map(asObject);
  const seen = new Map<string, number>();
  const earlier: { match: Record<string, any>; rule: number }[] = [];
  let emptySeen = -1;
  rules.forEach((rule, ri) => {
    const path = `spec.${section}[${ri}]`;
    const matches = asList(rule.match).map(asObject);
    if (!matches.length) {
      if (emptySeen >= 0) ctx.report(Msg.VirtualServiceUnreachableRule, vs, path, ruleName(rule, ri), 'only the last rule can have no matches');
      emptySeen = ri;
      return;
    }
    if (emptySeen >= 0) ctx.report(Msg.VirtualServiceUnreachableRule, vs, path, ruleName(rule, ri), 'route without matches defined before');
    let duplicates = 0;
    matches.forEach((m, mi) => {
      const key = canonical(m);
      const dup = seen.get(key);
      if (dup !== undefined) {
        ctx.report(Msg.VirtualServiceIneffectiveMatch, vs, `${path}.match[${mi}]`, ruleName(rule, ri), matchName(m, mi), ruleName(rules[dup], dup));
        duplicates++;
      } else if (section === 'http') {
        const cover = earlier.find((e) => prefixCovers(e.match, m));
        if (cover) ctx.report(Msg.VirtualServiceIneffectiveMatch, vs, `${path}.match[${mi}]`, ruleName(rule, ri), matchName(m, mi), ruleName(rules[cover.rule], cover.rule));
      }
      seen.set(key, ri);
      earlier.push({ match: m, rule: ri });
    });
    if (duplicates === matches.length) ctx.report(Msg.VirtualServiceUnreachableRule, vs, path, ruleName(rule, ri), 'all matches used by prior rules');
  });
}

/** JSON of a match with `name` cleared and keys sorted. */
export function canonical(m: Record<string, any>): string {
  const { name: _name, ...rest } = m;
  return stableJson(rest);
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as any)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

const GET = { exact: 'GET' };

/** Istio's overlap rule: an earlier uri prefix covers a later longer uri prefix with compatible other fields. */
function prefixCovers(p: Record<string, any>, q: Record<string, any>): boolean {
  const pp = asObject(p.uri).prefix, qp = asObject(q.uri).prefix;
  if (typeof pp !== 'string' || typeof qp !== 'string' || !qp.startsWith(pp)) return false;
  if ((p.port ?? null) !== (q.port ?? null)) return false;
  if (!stringMatchCompatible(p.method ?? GET, q.method ?? GET)) return false;
  if (!optionalCompatible(p.authority, q.authority)) return false;
  for (const f of ['headers', 'queryParams', 'withoutHeaders']) if (!mapCompatible(asObject(p[f]), asObject(q[f]))) return false;
  return true;
}

function optionalCompatible(a: unknown, b: unknown): boolean {
  if (a === undefined && b === undefined) return true;
  if (a === undefined || b === undefined) return false;
  return stringMatchCompatible(a, b);
}

function stringMatchCompatible(a: unknown, b: unknown): boolean {
  const x = asObject(a), y = asObject(b);
  if (stableJson(x) === stableJson(y)) return true;
  const xv = x.prefix, yv = y.prefix ?? y.exact;
  return typeof xv === 'string' && typeof yv === 'string' && yv.startsWith(xv);
}

function mapCompatible(a: Record<string, any>, b: Record<string, any>): boolean {
  const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
  if (ka.join('\u0000') !== kb.join('\u0000')) return false;
  return ka.every((k) => stringMatchCompatible(a[k], b[k]));
}
