// SLU0001 RouteShadowed: an HTTP route that can never match, because every one of its matches is covered by a
// match of an earlier route — of the same VirtualService, or of a VirtualService merged before it on the same
// gateway host (Istio merges gateway VirtualServices for one host in creation-time order). Envoy takes the
// first matching route, so the later one is dead. Cases Istio already reports (IST0130: identical matches or a
// match-less route before) are left to Istio's code.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject, stringList } from '../util/vs-walk.ts';
import { canonical, matchCovers } from './match-cover.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

interface RouteRef { vs: RawObject; index: number; rule: Record<string, any>; matches: Record<string, any>[] }

export const routeShadowedAnalyzer: Analyzer = {
  meta: { name: 'sluice.RouteShadowed', description: 'HTTP routes that an earlier route always matches first (SLU0001)', inputs: ['VirtualService'] },
  analyze(ctx) {
    for (const vs of ctx.objects('VirtualService')) checkChain(ctx, routesOf(vs), vs);
    for (const chain of mergedGatewayChains(ctx)) checkChain(ctx, chain, undefined);
  },
};

function routesOf(vs: RawObject): RouteRef[] {
  return asList(vs.spec.http).map((r, index) => {
    const rule = asObject(r);
    return { vs, index, rule, matches: asList(rule.match).map(asObject) };
  });
}

const routeLabel = (r: RouteRef) => `${r.vs.ref.namespace ? r.vs.ref.namespace + '/' : ''}${r.vs.ref.name} spec.http[${r.index}]${r.rule.name ? ` (${r.rule.name})` : ''}`;

/**
 * Report routes of `chain` covered by earlier routes. With `only` set (one VirtualService) every pair is
 * checked; for merged gateway chains only pairs across VirtualServices (same-VS pairs were already checked).
 */
function checkChain(ctx: AnalysisContext, chain: readonly RouteRef[], only: RawObject | undefined): void {
  for (let i = 0; i < chain.length; i++) {
    const later = chain[i];
    if (!later.matches.length) continue;
    const earlier = chain.slice(0, i);
    if (only && earlier.some((e) => !e.matches.length)) return; // IST0130 already reports this
    if (only && allExactDuplicates(later, earlier)) continue; // IST0130 too
    const covering = later.matches.map((m) => earlier.find((e) => (!e.matches.length) || e.matches.some((p) => matchCovers(p, m))));
    if (covering.some((c) => !c)) continue;
    if (!only && covering.every((c) => c!.vs === later.vs)) continue;
    const names = [...new Set(covering.map((c) => routeLabel(c!)))];
    const reason = `every match is already matched by ${names.join(' and ')}, which Envoy tries first`;
    ctx.report(Msg.RouteShadowed, later.vs, `spec.http[${later.index}].match`, routeLabel(later), reason);
  }
}

function allExactDuplicates(later: RouteRef, earlier: readonly RouteRef[]): boolean {
  const seen = new Set(earlier.flatMap((e) => e.matches.map(canonical)));
  return later.matches.every((m) => seen.has(canonical(m)));
}

/** Routes of gateway-bound VirtualServices sharing one gateway and host, in Istio's merge order. */
function mergedGatewayChains(ctx: AnalysisContext): RouteRef[][] {
  const groups = new Map<string, RawObject[]>();
  for (const vs of ctx.objects('VirtualService')) {
    const ns = vs.ref.namespace ?? '';
    for (const g of stringList(vs.spec.gateways)) {
      if (g === 'mesh') continue;
      const gw = g.includes('/') ? g : `${ns}/${g}`;
      for (const h of stringList(vs.spec.hosts)) {
        const k = `${gw}\u0000${h}`;
        groups.set(k, [...(groups.get(k) ?? []), vs]);
      }
    }
  }
  const chains: RouteRef[][] = [];
  for (const vss of groups.values()) {
    if (vss.length < 2) continue;
    chains.push([...vss].sort(byCreation).flatMap(routesOf));
  }
  return chains;
}

/** Istio's sortConfigByCreationTime: creation time, then name, then namespace. */
function byCreation(a: RawObject, b: RawObject): number {
  const ta = String(a.metadata.creationTimestamp ?? ''), tb = String(b.metadata.creationTimestamp ?? '');
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.ref.name !== b.ref.name) return a.ref.name < b.ref.name ? -1 : 1;
  const na = a.ref.namespace ?? '', nb = b.ref.namespace ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}
