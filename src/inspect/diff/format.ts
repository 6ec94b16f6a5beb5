import type { Change } from './proxy-diff.ts';

/** Text form of a diff: one line per change, `+`/`-`/`~`, the Istio resource behind it in parentheses. */
export function formatChanges(changes: readonly Change[]): string {
  return changes.map((c) => {
    const sign = c.op === 'added' ? '+' : c.op === 'removed' ? '-' : '~';
    const istio = c.istio ? `  (${c.istio.kind} ${c.istio.namespace}/${c.istio.name})` : '';
    return `${sign} ${c.type} ${c.resource}${c.summary ? `  ${c.summary}` : ''}${istio}\n`;
  }).join('');
}

export function countChanges(changes: readonly Change[]): { added: number; removed: number; changed: number } {
  return {
    added: changes.filter((c) => c.op === 'added').length,
    removed: changes.filter((c) => c.op === 'removed').length,
    changed: changes.filter((c) => c.op === 'changed').length,
  };
}
