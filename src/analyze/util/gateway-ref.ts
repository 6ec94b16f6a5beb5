import type { RawObject } from '../../config/load/raw-object.ts';
import type { AnalysisContext } from '../types.ts';
import { asLabels, selectorMatches } from './labels.ts';

/** Pods selected by a Gateway's `selector` (label equality; empty selects every pod), in any namespace. */
export function gatewayPods(ctx: AnalysisContext, gw: RawObject): RawObject[] {
  const sel = asLabels(gw.spec.selector);
  return ctx.objects('Pod').filter((p) => selectorMatches(sel, p.metadata.labels));
}

/** Services in `ns` whose (non-empty) selector matches the labels. */
export function servicesSelecting(ctx: AnalysisContext, ns: string, labels: Readonly<Record<string, string>> | undefined): RawObject[] {
  return ctx.objects('Service').filter((s) => {
    const sel = asLabels(s.spec.selector);
    return (s.ref.namespace ?? '') === ns && !!sel && Object.keys(sel).length > 0 && selectorMatches(sel, labels);
  });
}
