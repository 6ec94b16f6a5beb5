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

/**
 * `metadata.labels` / `metadata.annotations` of any object, as a map — `{}` when the input has something
 * else there (a string, a list: validation reports that as SLU1011 with file:line; analyzers must not crash).
 * Every analyzer reads object labels and annotations through these two accessors.
 */
export const labelsOf = (o: { readonly metadata: { readonly labels?: unknown } } | undefined | null): Labels =>
  asLabels(o?.metadata.labels) ?? EMPTY_LABELS;
export const annotationsOf = (o: { readonly metadata: { readonly annotations?: unknown } } | undefined | null): Labels =>
  asLabels(o?.metadata.annotations) ?? EMPTY_LABELS;
const EMPTY_LABELS: Labels = Object.freeze({});
