// Duplicate mapping keys (`a: 1` ... `a: 2` in one mapping). YAML 1.2 forbids them; most loaders (and
// Istio's, via sigs.k8s.io/yaml in non-strict mode) keep the last value silently, kubectl's strict
// field validation refuses them. Sluice keeps the last value, like Istio, and reports each one (SLU1015)
// with both lines: a common cause is files concatenated without a `---` between them.
import { isMap, isSeq, isScalar, type Node, type LineCounter } from 'yaml';
import { joinPath } from './source-map.ts';

export interface DuplicateKey {
  /** Field path of the duplicated key (`metadata.name`). */
  readonly path: string;
  /** 1-based line of the first and of the repeated key. */
  readonly firstLine: number;
  readonly line: number;
}

/** Every repeated scalar key in the tree, in document order of the repetition. Bounded like buildLineMap. */
export function findDuplicateKeys(root: Node | null, lc: LineCounter, maxDepth = 200): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  if (!root) return out;
  const lineOf = (n: Node | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : 0);
  const stack: Array<[Node, string, number]> = [[root, '', 0]];
  while (stack.length) {
    const [node, path, depth] = stack.pop()!;
    if (depth > maxDepth) continue;
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
        const p = key === undefined ? path : joinPath(path, key);
        if (key !== undefined) {
          const first = seen.get(key);
          if (first !== undefined) out.push({ path: p, firstLine: first, line: lineOf(keyNode) });
          else seen.set(key, lineOf(keyNode));
        }
        if (pair.value && typeof pair.value === 'object') stack.push([pair.value as Node, p, depth + 1]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => { if (item && typeof item === 'object') stack.push([item as Node, joinPath(path, i), depth + 1]); });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}
