/**
 * Delegate VirtualServices (Istio `model/virtualservice.go` `mergeHTTPRoutes`, `mergeHTTPMatchRequests`,
 * `hasConflict`): a root rule with `delegate` is replaced by the delegate's rules, each match
 * narrowed by (and required to fit inside) a root match; unset fields inherit from the root.
 * Only one level of delegation (a delegate's own `delegate` rules are dropped, as in Istio).
 */
import type { Json } from '../../envoy/types.ts';
import type { ProxyView, VirtualServiceEntry } from '../../model/types.ts';

type SM = Json | undefined;
const regexOf = (s: SM): string => (typeof s?.regex === 'string' ? s.regex : '');
const prefixOf = (s: SM): string => (typeof s?.prefix === 'string' ? s.prefix : '');
const exactOf = (s: SM): string => (typeof s?.exact === 'string' ? s.exact : '');

function stringMatchConflict(root: SM, leaf: SM): boolean {
  if (!root || !leaf) return false;
  if (regexOf(root) && (regexOf(leaf) || prefixOf(leaf) || exactOf(leaf))) return true;
  if (regexOf(leaf) && (regexOf(root) || prefixOf(root) || exactOf(root))) return true;
  const ex = exactOf(root);
  if (ex && (prefixOf(leaf) || exactOf(leaf) !== ex)) return true;
  const pre = prefixOf(root);
  if (pre) {
    if (prefixOf(leaf) && !prefixOf(leaf).startsWith(pre)) return true;
    if (exactOf(leaf) && !exactOf(leaf).startsWith(pre)) return true;
  }
  return false;
}

export function matchConflict(root: Json, leaf: Json): boolean {
  for (const f of ['uri', 'scheme', 'method', 'authority']) if (stringMatchConflict(root[f], leaf[f])) return true;
  for (const g of ['headers', 'withoutHeaders', 'queryParams']) {
    for (const [k, v] of Object.entries(leaf[g] ?? {})) if (stringMatchConflict(root[g]?.[k], v as Json)) return true;
  }
  if (Boolean(root.ignoreUriCase) !== Boolean(leaf.ignoreUriCase)) return true;
  if (root.port > 0 && leaf.port > 0 && root.port !== leaf.port) return true;
  if (root.sourceNamespace && leaf.sourceNamespace !== root.sourceNamespace) return true;
  for (const [k, v] of Object.entries(leaf.sourceLabels ?? {})) if (root.sourceLabels && k in root.sourceLabels && root.sourceLabels[k] !== v) return true;
  const rg: string[] = root.gateways ?? [], lg: string[] = leaf.gateways ?? [];
  if (rg.length && lg.length && (rg.length < lg.length || lg.some((g) => !rg.includes(g)))) return true;
  return false;
}

function mergeMatch(root: Json, leaf: Json): Json {
  const out: Json = { ...leaf };
  if (root.name) out.name = leaf.name ? `${root.name}-${leaf.name}` : root.name;
  for (const f of ['uri', 'scheme', 'method', 'authority', 'sourceNamespace']) if (out[f] === undefined && root[f] !== undefined) out[f] = root[f];
  for (const g of ['headers', 'withoutHeaders', 'queryParams', 'sourceLabels']) {
    if (root[g]) out[g] = { ...root[g], ...(leaf[g] ?? {}) };
  }
  if (!out.port && root.port) out.port = root.port;
  if (!out.gateways?.length && root.gateways?.length) out.gateways = root.gateways;
  return out;
}

/** Merged matches, or undefined when some delegate match fits in no root match (rule dropped). */
export function mergeMatches(root: readonly Json[], leaf: readonly Json[]): Json[] | undefined {
  const out: Json[] = [];
  for (const sub of leaf) {
    let found = false;
    for (const r of root) {
      if (matchConflict(r, sub)) continue;
      out.push(mergeMatch(r, sub));
      found = true;
    }
    if (!found) return undefined;
  }
  return out.length ? out : undefined;
}

const INHERITED = ['rewrite', 'directResponse', 'timeout', 'retries', 'fault', 'mirror', 'mirrors', 'mirrorPercentage', 'corsPolicy', 'headers'];

function findDelegate(view: ProxyView, root: VirtualServiceEntry, ref: Json): VirtualServiceEntry | undefined {
  const ns = ref.namespace || root.namespace;
  const d = view.model.virtualServices.find((v) => v.delegate && v.name === ref.name && v.namespace === ns);
  if (!d) return undefined;
  const visible = d.namespace === root.namespace || d.exportTo.public || d.exportTo.namespaces.has(root.namespace);
  return visible ? d : undefined;
}

/** The root VS `http[]` with delegate rules expanded. */
export function mergeDelegates(vs: VirtualServiceEntry, view: ProxyView): Json[] {
  const rules: Json[] = vs.spec.http ?? [];
  let hasDelegate = false;
  for (const r of rules) if (r?.delegate) { hasDelegate = true; break; }
  if (!hasDelegate) return rules;
  const out: Json[] = [];
  for (const root of rules) {
    if (!root?.delegate) { out.push(root); continue; }
    const d = findDelegate(view, vs, root.delegate);
    if (!d) continue;
    for (const sub of (d.spec.http ?? []) as Json[]) {
      if (sub?.delegate) continue;
      const merged: Json = { ...sub };
      const rm: Json[] = root.match ?? [], sm: Json[] = sub.match ?? [];
      if (rm.length && sm.length) {
        const m = mergeMatches(rm, sm);
        if (!m) continue;
        merged.match = m;
      } else if (rm.length) merged.match = rm;
      if (root.name) merged.name = sub.name ? `${root.name}-${sub.name}` : root.name;
      for (const f of INHERITED) if (merged[f] === undefined && root[f] !== undefined) merged[f] = root[f];
      out.push(merged);
    }
  }
  return out;
}
