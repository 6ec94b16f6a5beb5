/**
 * DestinationRule indexing, merging and lookup — Istio's `model/push_context.go` (setDestinationRules,
 * destinationRule, getExportedDestinationRuleFromNamespace), `model/destination_rule.go` (mergeDestinationRule)
 * and `model/sidecar.go` (SidecarScope.DestinationRule: workloadSelector for outbound).
 */
import type { DestinationRuleEntry, DestinationRuleIndex, ExportTo, MergedDestinationRule } from './types.ts';
import { isPrivateTo, isVisibleTo, labelsMatch } from './export-to.ts';

function sameExportTo(a: ExportTo, b: ExportTo): boolean {
  if (a.public !== b.public || a.namespaces.size !== b.namespaces.size) return false;
  for (const n of a.namespaces) if (!b.namespaces.has(n)) return false;
  return true;
}

function sameSelector(a?: Readonly<Record<string, string>>, b?: Readonly<Record<string, string>>): boolean {
  if (!a || !b) return !a && !b;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
}

function fresh(dr: DestinationRuleEntry): MergedDestinationRule {
  return { host: dr.host, spec: { ...dr.spec, subsets: [...(dr.spec.subsets ?? [])] }, from: [dr] };
}

/**
 * Add `dr` to a per-namespace host index, merging with an earlier same-host DR when exportTo and selectors
 * are equal (ENABLE_ENHANCED_DESTINATIONRULE_MERGE): subsets appended (duplicate names ignored), the first
 * top-level trafficPolicy kept.
 */
function addMerged(byHost: Map<string, MergedDestinationRule[]>, dr: DestinationRuleEntry): void {
  const list = byHost.get(dr.host) ?? [];
  byHost.set(dr.host, list);
  for (let i = 0; i < list.length; i++) {
    const m = list[i]!;
    const first = m.from[0]!;
    if (!sameSelector(first.selector, dr.selector) || !sameExportTo(first.exportTo, dr.exportTo)) continue;
    const names = new Set((m.spec.subsets as any[]).map((s) => s?.name));
    const subsets = [...m.spec.subsets, ...(dr.spec.subsets ?? []).filter((s: any) => !names.has(s?.name))];
    const trafficPolicy = m.spec.trafficPolicy ?? dr.spec.trafficPolicy;
    list[i] = { host: m.host, spec: { ...m.spec, subsets, ...(trafficPolicy ? { trafficPolicy } : {}) }, from: [...m.from, dr] };
    return;
  }
  list.push(fresh(dr));
}

function freezeIndex(byHost: Map<string, MergedDestinationRule[]>): DestinationRuleIndex {
  const withSelector: MergedDestinationRule[] = [];
  for (const list of byHost.values()) for (const m of list) if (m.from[0]!.selector) withSelector.push(m);
  return { byHost, withSelector };
}

export interface DestinationRuleIndexes {
  readonly namespaceLocal: ReadonlyMap<string, DestinationRuleIndex>;
  readonly exportedByNamespace: ReadonlyMap<string, DestinationRuleIndex>;
}

/** Build the namespace-local and exported indexes from DRs already sorted (selector first, then age). */
export function indexDestinationRules(drs: readonly DestinationRuleEntry[]): DestinationRuleIndexes {
  const local = new Map<string, Map<string, MergedDestinationRule[]>>();
  const exported = new Map<string, Map<string, MergedDestinationRule[]>>();
  const get = (m: Map<string, Map<string, MergedDestinationRule[]>>, ns: string) => {
    let v = m.get(ns);
    if (!v) m.set(ns, (v = new Map()));
    return v;
  };
  for (const dr of drs) {
    addMerged(get(local, dr.namespace), dr);
    if (!isPrivateTo(dr.exportTo, dr.namespace) && (dr.exportTo.public || dr.exportTo.namespaces.size > 0)) addMerged(get(exported, dr.namespace), dr);
  }
  const freeze = (m: Map<string, Map<string, MergedDestinationRule[]>>) => new Map([...m].map(([k, v]) => [k, freezeIndex(v)]));
  return { namespaceLocal: freeze(local), exportedByNamespace: freeze(exported) };
}

/** Istio's MostSpecificHostMatch: exact key first, else the longest wildcard key whose suffix matches. */
export function mostSpecificHost<V>(needle: string, map: ReadonlyMap<string, V>): V | undefined {
  const exact = map.get(needle);
  if (exact !== undefined) return exact;
  const n = needle.startsWith('*') ? needle.slice(1) : needle;
  let best: string | undefined;
  for (const key of map.keys()) {
    if (!key.startsWith('*') || key === needle) continue;
    if (n.endsWith(key.slice(1)) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : map.get(best);
}

export interface DestinationRuleQuery {
  readonly proxyNamespace: string;
  readonly proxyLabels: Readonly<Record<string, string>>;
  readonly rootNamespace: string;
  readonly hostname: string;
  readonly serviceNamespace?: string;
  /** Outbound honours workloadSelector DRs; inbound ignores them. */
  readonly direction?: 'outbound' | 'inbound';
}

/** Among the merged DRs for a host, the selector DR matching the proxy (same namespace) wins, else the last selector-less. */
function pick(list: readonly MergedDestinationRule[], q: DestinationRuleQuery, fromProxyNs: boolean): MergedDestinationRule | undefined {
  let catchAll: MergedDestinationRule | undefined;
  for (const m of list) {
    const sel = m.from[0]!.selector;
    if (!sel) {
      catchAll = m;
      continue;
    }
    if (fromProxyNs && (q.direction ?? 'outbound') === 'outbound' && labelsMatch(sel, q.proxyLabels)) return m;
  }
  return catchAll;
}

function visibleOnly(list: readonly MergedDestinationRule[], ns: string): MergedDestinationRule[] {
  return list.filter((m) => isVisibleTo(m.from[0]!.exportTo, ns));
}

/** DR lookup precedence: proxy namespace → service namespace (exported) → root namespace (exported). */
export function lookupDestinationRule(idx: DestinationRuleIndexes, q: DestinationRuleQuery): MergedDestinationRule | undefined {
  const local = idx.namespaceLocal.get(q.proxyNamespace);
  const l = local && mostSpecificHost(q.hostname, local.byHost);
  if (l && l.length > 0) {
    const m = pick(l, q, true);
    if (m) return m;
  }
  for (const ns of [q.serviceNamespace, q.rootNamespace]) {
    if (!ns) continue;
    const ex = idx.exportedByNamespace.get(ns);
    const found = ex && mostSpecificHost(q.hostname, ex.byHost);
    if (!found) continue;
    const m = pick(visibleOnly(found, q.proxyNamespace), q, false);
    if (m) return m;
  }
  return undefined;
}
