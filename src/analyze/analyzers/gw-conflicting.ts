// gateway.ConflictingGatewayAnalyzer (Istio analyzers/gateway/conflictinggateway.go): two Gateways on the same
// workload selector and port declaring the same host string (same bind) conflict (IST0145).
import type { Analyzer, AnalysisContext } from '../types.ts';
import { refName } from '../util/names.ts';
import { Msg } from '../messages.ts';
import { asList, asObject, stringList } from '../util/vs-walk.ts';
import { asLabels, selectorMatches, selectorString, labelsOf } from '../util/labels.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

interface ServerEntry { selector: string; port: number; gateway: string; hosts: Map<string, string> }

export const conflictingGatewayAnalyzer: Analyzer = {
  meta: {
    name: 'gateway.ConflictingGatewayAnalyzer',
    description: 'Checks a gateway\'s selector, port number and hosts',
    inputs: ['Gateway', 'Pod'],
  },
  analyze(ctx) {
    const entries: ServerEntry[] = [];
    for (const gw of ctx.objects('Gateway')) {
      const selector = selectorString(asLabels(gw.spec.selector));
      for (const s of asList(gw.spec.servers).map(asObject)) {
        const hosts = new Map<string, string>();
        for (const h of stringList(s.hosts)) hosts.set(h, String(s.bind ?? ''));
        entries.push({ selector, port: Number(asObject(s.port).number ?? 0) || 0, gateway: nameOf(gw), hosts });
      }
    }
    for (const gw of ctx.objects('Gateway')) analyzeGateway(ctx, gw, entries);
  },
};

const nameOf = (gw: RawObject) => refName(gw);

function analyzeGateway(ctx: AnalysisContext, gw: RawObject, entries: readonly ServerEntry[]): void {
  const labels = asLabels(gw.spec.selector);
  const selector = selectorString(labels);
  const group = entries.filter((e) => sameSelectorGroup(ctx, selector, labels, e.selector, entries));
  if (selector && !group.length) {
    ctx.report(Msg.ReferencedResourceNotFound, gw, 'spec.selector', 'selector', selector);
    return;
  }
  const self = nameOf(gw);
  asList(gw.spec.servers).forEach((raw, i) => {
    const s = asObject(raw);
    const port = Number(asObject(s.port).number ?? 0) || 0;
    const bind = String(s.bind ?? '');
    const hosts = stringList(s.hosts);
    const conflicts = new Set<string>();
    for (const e of group) {
      if (e.port !== port || e.gateway === self) continue;
      if (hosts.some((h) => e.hosts.has(h) && e.hosts.get(h) === bind)) conflicts.add(e.gateway);
    }
    if (conflicts.size) ctx.report(Msg.ConflictingGateways, gw, `spec.servers[${i}]`, [...conflicts].sort().join(','), selector, String(port), hosts.join(','));
  });
}

/** Equal selector strings, or one contains the other and some pod is selected by both. */
function sameSelectorGroup(ctx: AnalysisContext, sel: string, labels: Record<string, string> | undefined, other: string, entries: readonly ServerEntry[]): boolean {
  if (sel === other) return true;
  if (!sel.includes(other) && !other.includes(sel)) return false;
  const otherLabels = parseSelector(other);
  void entries;
  return ctx.objects('Pod').some((p) => selectorMatches(labels, labelsOf(p)) && selectorMatches(otherLabels, labelsOf(p)));
}

function parseSelector(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of s.split(',').filter(Boolean)) {
    const i = kv.indexOf('=');
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}
