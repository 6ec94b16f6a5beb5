/**
 * Lookup indexes over a context's objects, built once per object list and memoised (WeakMap keyed on the
 * frozen list the context returns), so analyzers stay linear instead of scanning every pod per resource.
 */
import type { RawObject } from '../../config/load/raw-object.ts';
import type { AnalysisContext } from '../types.ts';
import { selectorMatches, type Labels, labelsOf } from './labels.ts';

interface ObjectIndex {
  readonly byNamespace: Map<string, RawObject[]>;
  /** `ns\0key=value` → objects carrying that label. */
  readonly byLabel: Map<string, RawObject[]>;
}

const cache = new WeakMap<readonly RawObject[], ObjectIndex>();

function indexOf(list: readonly RawObject[]): ObjectIndex {
  let idx = cache.get(list);
  if (idx) return idx;
  idx = { byNamespace: new Map(), byLabel: new Map() };
  for (const o of list) {
    const ns = o.ref.namespace ?? '';
    push(idx.byNamespace, ns, o);
    for (const [k, v] of Object.entries(labelsOf(o))) {
      push(idx.byLabel, `${ns}\u0000${k}=${v}`, o);
      push(idx.byLabel, `*\u0000${k}=${v}`, o);
    }
  }
  cache.set(list, idx);
  return idx;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

const EMPTY: readonly RawObject[] = Object.freeze([]);

export function objectsInNamespace(ctx: AnalysisContext, kind: string, ns: string): readonly RawObject[] {
  return indexOf(ctx.objects(kind)).byNamespace.get(ns) ?? EMPTY;
}

/** Objects of `kind` in `ns` whose labels satisfy a non-empty equality selector (label index, then filter). */
export function selectedInNamespace(ctx: AnalysisContext, kind: string, ns: string, selector: Labels): RawObject[] {
  const idx = indexOf(ctx.objects(kind));
  let best: readonly RawObject[] | undefined;
  for (const [k, v] of Object.entries(selector)) {
    const l = idx.byLabel.get(`${ns}\u0000${k}=${v}`) ?? EMPTY;
    if (!best || l.length < best.length) best = l;
  }
  return (best ?? idx.byNamespace.get(ns) ?? EMPTY).filter((o) => selectorMatches(selector, labelsOf(o)));
}

/** Objects of `kind` in any namespace matching an equality selector; an empty selector selects all. */
export function selectedAnywhere(ctx: AnalysisContext, kind: string, selector: Labels | undefined): readonly RawObject[] {
  const list = ctx.objects(kind);
  if (!selector || !Object.keys(selector).length) return list;
  const idx = indexOf(list);
  let best: readonly RawObject[] | undefined;
  for (const [k, v] of Object.entries(selector)) {
    const l = idx.byLabel.get(`*\u0000${k}=${v}`) ?? EMPTY;
    if (!best || l.length < best.length) best = l;
  }
  return best!.filter((o) => selectorMatches(selector, labelsOf(o)));
}

/** Memoise a derived value per object list (e.g. per-context tables an analyzer builds once). */
export function memo<T>(list: readonly RawObject[], key: object, build: () => T): T {
  let m = memoCache.get(list);
  if (!m) memoCache.set(list, (m = new WeakMap()));
  if (!m.has(key)) m.set(key, build());
  return m.get(key) as T;
}
const memoCache = new WeakMap<readonly RawObject[], WeakMap<object, unknown>>();
