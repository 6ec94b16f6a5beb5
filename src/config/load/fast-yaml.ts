// Fast path of the loader: js-yaml's event parser (offsets for every node) builds the values,
// and the field-path -> line map is derived from the same events, lazily, the first time a
// finding asks for a line. The `yaml` package (parse.ts) stays the slow, careful path for
// input this one does not take: syntax errors (reported per document there), duplicate keys, aliases (expanded
// there with a budget, so anchor bombs stay bounded) and anything js-yaml refuses.
import { parseEvents, constructFromEvents, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import { joinPath, type LineMap } from './source-map.ts';

const DOCUMENT = 1, SEQUENCE = 2, MAPPING = 3, SCALAR = 4, ALIAS = 5, POP = 6;

export interface FastDocument {
  readonly value: unknown;
  /** 1-based line of the document's content (0 when the document is empty). */
  readonly line: number;
  /** True when the root node is a mapping. */
  readonly isMapping: boolean;
  readonly lines: LineMap;
}

/** Documents of `text`, or undefined when the careful path must handle this text. */
export function fastParseDocuments(text: string, maxDepth: number): FastDocument[] | undefined {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth });
  } catch {
    return undefined;
  }
  const starts = documentStarts(events);
  if (!starts) return undefined;
  let values: unknown[];
  try {
    // json: false makes js-yaml refuse duplicate keys: such text takes the careful path, which reports them (SLU1015).
    values = constructFromEvents(events, { source: text, json: false, maxAliases: 0 });
  } catch {
    return undefined;
  }
  const index = new LineIndex(text);
  // Events are dropped once values exist; a line map re-parses the file on first use (rare: only findings need lines).
  let cached: Event[] | undefined = events;
  const eventsAgain = () => (cached ??= parseEvents(text, { maxDepth }));
  // A plain loop, not a callback: a closure here would capture `events` and keep them alive.
  const docs: FastDocument[] = [];
  for (let n = 0; n < starts.length; n++) {
    const root = events[starts[n] + 1];
    docs.push(!root || root.type === POP
      ? { value: null, line: 0, isMapping: false, lines: new Map() }
      : { value: values[n], line: index.lineOf(startOf(root)), isMapping: root.type === MAPPING, lines: lazyLines(eventsAgain, starts[n] + 1, text, index) });
  }
  cached = undefined;
  return docs;
}

function lazyLines(events: () => Event[], rootIndex: number, text: string, index: LineIndex): LazyLineMap {
  return new LazyLineMap(() => buildEventLineMap(events(), rootIndex, text, index));
}

/** Index of each DOCUMENT event, in one pass; undefined when the text uses aliases (the careful path bounds their expansion). */
function documentStarts(events: readonly Event[]): number[] | undefined {
  const starts: number[] = [];
  let depth = 0;
  for (let i = 0; i < events.length; i++) {
    const t = events[i].type;
    if (t === ALIAS) return undefined;
    if (t === POP) depth--;
    else if (t !== SCALAR) {
      if (t === DOCUMENT && depth === 0) starts.push(i);
      depth++;
    }
  }
  return starts;
}

function startOf(e: Event): number {
  if (e.type === SCALAR) return e.valueStart;
  if (e.type === SEQUENCE || e.type === MAPPING) return e.start;
  return 0;
}

/** Offset -> 1-based line, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  lineOf(offset: number): number {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }
}

interface Frame { readonly kind: typeof SEQUENCE | typeof MAPPING; readonly path: string; index: number; key?: string }

/** Same shape as source-map.ts's buildLineMap: key lines for mapping entries, item lines for sequence items. */
function buildEventLineMap(events: readonly Event[], rootIndex: number, text: string, lines: LineIndex): Map<string, number> {
  const out = new Map<string, number>();
  const stack: Frame[] = [];
  for (let i = rootIndex; i < events.length; i++) {
    const e = events[i];
    if (e.type === POP) { if (!stack.length) break; stack.pop(); if (!stack.length) break; continue; }
    if (e.type === DOCUMENT || e.type === ALIAS) continue;
    const top = stack[stack.length - 1];
    let path = '';
    if (top?.kind === MAPPING) {
      if (top.key === undefined) {
        top.key = e.type === SCALAR ? keyText(text, e) : String(top.index);
        out.set(joinPath(top.path, top.key), lines.lineOf(startOf(e)));
        if (e.type !== SCALAR) skipNode(events, i, (j) => { i = j; });
        continue;
      }
      path = joinPath(top.path, top.key);
      top.key = undefined;
      top.index++;
    } else if (top?.kind === SEQUENCE) {
      path = joinPath(top.path, top.index++);
      out.set(path, lines.lineOf(startOf(e)));
    } else {
      out.set('', lines.lineOf(startOf(e)));
    }
    if (e.type === SEQUENCE || e.type === MAPPING) stack.push({ kind: e.type, path, index: 0 });
  }
  return out;
}

function keyText(text: string, e: ScalarEvent): string {
  return e.fast ? text.slice(e.valueStart, e.valueEnd) : getScalarValue(text, e);
}

/** Skip a complex (collection) mapping key; reports the index of its closing POP. */
function skipNode(events: readonly Event[], start: number, done: (end: number) => void): void {
  let depth = 0;
  for (let j = start; j < events.length; j++) {
    const t = events[j].type;
    if (t === SEQUENCE || t === MAPPING) depth++;
    else if (t === POP && --depth === 0) return done(j);
  }
}

/** A ReadonlyMap built on first use: clean config never pays for its line maps. */
export class LazyLineMap implements ReadonlyMap<string, number> {
  private built?: Map<string, number>;
  constructor(private readonly build: () => Map<string, number>) {}
  private get m(): Map<string, number> { return (this.built ??= this.build()); }
  get size(): number { return this.m.size; }
  get(k: string): number | undefined { return this.m.get(k); }
  has(k: string): boolean { return this.m.has(k); }
  forEach(fn: (v: number, k: string, map: ReadonlyMap<string, number>) => void): void { this.m.forEach((v, k) => fn(v, k, this)); }
  entries(): MapIterator<[string, number]> { return this.m.entries(); }
  keys(): MapIterator<string> { return this.m.keys(); }
  values(): MapIterator<number> { return this.m.values(); }
  [Symbol.iterator](): MapIterator<[string, number]> { return this.m[Symbol.iterator](); }
}
