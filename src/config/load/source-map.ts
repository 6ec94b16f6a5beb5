import { isMap, isSeq, isScalar, type Node, type LineCounter } from 'yaml';

/** Render one path segment the way field paths are printed: `.name`, `[3]`, `["app.kubernetes.io/name"]`. */
export function joinPath(parent: string, seg: string | number): string {
  if (typeof seg === 'number') return `${parent}[${seg}]`;
  if (isPlainSegment(seg)) return parent ? `${parent}.${seg}` : seg;
  return `${parent}[${JSON.stringify(seg)}]`;
}

/** Same as /^[A-Za-z_$][A-Za-z0-9_$-]*$/, without a regex (hot path: every field of every object). */
function isPlainSegment(seg: string): boolean {
  if (!seg) return false;
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i);
    const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
    if (alpha || (i > 0 && ((c >= 48 && c <= 57) || c === 45))) continue;
    return false;
  }
  return true;
}

/** Field path -> 1-based line, built from the yaml package's node ranges. */
export type LineMap = ReadonlyMap<string, number>;

export function buildLineMap(root: Node | null, lc: LineCounter, maxEntries = 200_000): Map<string, number> {
  const out = new Map<string, number>();
  if (!root) return out;
  const lineOfOffset = (off: number | undefined) => (off === undefined ? 0 : lc.linePos(off).line);
  const stack: Array<[Node, string, number]> = [[root, '', 0]];
  while (stack.length && out.size < maxEntries) {
    const [node, path, depth] = stack.pop()!;
    if (depth > 200) continue; // bounded: deeply nested input keeps the first 200 levels
    if (!out.has(path)) out.set(path, lineOfOffset(node.range?.[0]));
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const p = joinPath(path, key);
        const keyNode = pair.key as Node | null;
        out.set(p, lineOfOffset(keyNode?.range?.[0]));
        if (pair.value && typeof pair.value === 'object') stack.push([pair.value as Node, p, depth + 1]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = joinPath(path, i);
        if (item && typeof item === 'object') {
          out.set(p, lineOfOffset((item as Node).range?.[0]));
          stack.push([item as Node, p, depth + 1]);
        }
      });
    }
  }
  return out;
}

/** The line of `path`, or of its nearest ancestor that has one. */
export function lineForPath(lines: LineMap, path: string): number | undefined {
  let p = path;
  for (;;) {
    const l = lines.get(p);
    if (l !== undefined) return l;
    if (!p) return undefined;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut <= 0 ? '' : p.slice(0, cut);
  }
}

/** Re-root a line map at `prefix` (used to give `kind: List` items their own map). */
export function subLineMap(lines: LineMap, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of lines) {
    if (k === prefix) out.set('', v);
    else if (k.startsWith(prefix) && (k[prefix.length] === '.' || k[prefix.length] === '[')) {
      const rest = k.slice(prefix.length);
      out.set(rest.startsWith('.') ? rest.slice(1) : rest, v);
    }
  }
  return out;
}
