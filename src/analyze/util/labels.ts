/** Label selectors as Istio's analyzers use them: equality on every key; an empty selector matches everything. */
export type Labels = Readonly<Record<string, string>>;

export function selectorMatches(selector: Labels | undefined | null, labels: Labels | undefined | null): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) {
    if (!labels || labels[k] !== String(v)) return false;
  }
  return true;
}

/** Kubernetes' `labels.SelectorFromSet(s).String()`: `k1=v1,k2=v2`, keys sorted. */
export function selectorString(selector: Labels | undefined | null): string {
  if (!selector) return '';
  return Object.keys(selector).sort().map((k) => `${k}=${selector[k]}`).join(',');
}

export function isEmptyLabels(l: Labels | undefined | null): boolean {
  return !l || Object.keys(l).length === 0;
}

export const asLabels = (v: unknown): Labels | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Labels) : undefined;
