// A kind Sluice does not know: usually a kind it has no use for (kept and ignored, Info), sometimes a typo
// (`VirtualServce`). Like kubectl's "no matches for kind", but with a suggestion: a known kind of the same
// API group within edit distance 2 (case ignored). A typo, or any unknown kind in an Istio API group Sluice
// reads (networking.istio.io, security.istio.io), is a Warning: Istio would reject it, and the object
// the user meant is missing.
import type { Diagnostic, Severity } from '../../core/diagnostic.ts';
import type { RawObject } from '../load/raw-object.ts';
import { locate } from '../load/raw-object.ts';
import { KNOWN_KINDS, splitApiVersion } from '../../api/kinds.ts';
import { LoadCodes } from '../codes.ts';

/** Real Istio kinds in those groups that Sluice does not read (still Info). */
const OTHER_ISTIO_KINDS: ReadonlySet<string> = new Set(['networking.istio.io/ProxyConfig']);

export function unknownKindDiagnostic(o: RawObject): Diagnostic {
  const { group } = splitApiVersion(o.apiVersion);
  const suggestion = suggestKind(group, o.kind);
  const istioGroup = group.endsWith('.istio.io') && KNOWN_KINDS.some((k) => k.group === group) && !OTHER_ISTIO_KINDS.has(`${group}/${o.kind}`);
  const severity: Severity = suggestion || istioGroup ? 'Warning' : LoadCodes.UnknownKind.severity;
  const message = suggestion ? `${o.apiVersion} ${o.kind} is not a known kind (did you mean ${suggestion}?); ignored`
    : istioGroup ? `${o.apiVersion} ${o.kind}: ${group} has no kind ${o.kind}; ignored`
    : `${o.apiVersion} ${o.kind} is not a kind Sluice uses; ignored`;
  return { code: LoadCodes.UnknownKind.code, severity, resource: o.ref, source: locate(o, 'kind'), message };
}

/** The closest known kind of `group` (edit distance <= 2, case ignored), if any. */
export function suggestKind(group: string, kind: string): string | undefined {
  let best: string | undefined, bestD = 3;
  for (const k of KNOWN_KINDS) {
    if (k.group !== group) continue;
    const d = editDistance(kind.toLowerCase(), k.kind.toLowerCase(), bestD);
    if (d < bestD) { best = k.kind; bestD = d; }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot stay under `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return Math.min(prev[b.length], limit);
}
