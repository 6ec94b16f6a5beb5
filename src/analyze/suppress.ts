import type { Diagnostic, ResourceRef } from '../core/diagnostic.ts';
import { friendlyName } from '../core/diagnostic.ts';
import type { RawObject } from '../config/load/raw-object.ts';
import { annotationsOf } from './util/labels.ts';

/** `-S CODE=GLOB`: the glob is matched against the origin's friendly name (`Kind ns/name`). */
export interface Suppression { readonly code: string; readonly glob: string }

/** Istio's per-resource suppression annotation: a comma list of codes, or `*`. */
export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

export function parseSuppression(text: string): Suppression | undefined {
  const i = text.indexOf('=');
  if (i <= 0 || i === text.length - 1) return undefined;
  const code = text.slice(0, i).trim(), glob = text.slice(i + 1).trim();
  if (!/^(\*|[A-Z]{3}\d{4})$/.test(code) || !glob) return undefined;
  return { code, glob };
}

export function isSuppressed(d: Diagnostic, rules: readonly Suppression[], lookup: (ref: ResourceRef) => RawObject | undefined): boolean {
  if (!d.resource) return false;
  const name = friendlyName(d.resource);
  if (rules.some((r) => (r.code === '*' || r.code === d.code) && globMatch(r.glob, name))) return true;
  const ann = annotationsOf(lookup(d.resource))[SUPPRESS_ANNOTATION];
  if (typeof ann !== 'string') return false;
  const codes = ann.split(',').map((s) => s.trim());
  return codes.includes('*') || codes.includes(d.code);
}

/** `*` matches any run of characters, `?` one character; everything else is literal. */
export function globMatch(glob: string, text: string): boolean {
  let gi = 0, ti = 0, star = -1, mark = 0;
  while (ti < text.length) {
    if (gi < glob.length && (glob[gi] === '?' || glob[gi] === text[ti])) { gi++; ti++; }
    else if (gi < glob.length && glob[gi] === '*') { star = gi++; mark = ti; }
    else if (star >= 0) { gi = star + 1; ti = ++mark; }
    else return false;
  }
  while (gi < glob.length && glob[gi] === '*') gi++;
  return gi === glob.length;
}
