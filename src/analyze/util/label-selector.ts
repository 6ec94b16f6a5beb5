/** Kubernetes `metav1.LabelSelector` (matchLabels + matchExpressions); a missing selector matches everything. */
import { asList, asObject } from './vs-walk.ts';

export function labelSelectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!selector || typeof selector !== 'object') return true;
  const s = asObject(selector);
  for (const [k, v] of Object.entries(asObject(s.matchLabels))) if (labels[k] !== String(v)) return false;
  for (const e of asList(s.matchExpressions).map(asObject)) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = asList(e.values).map(String);
    switch (e.operator) {
      case 'In': if (!has || !values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}
