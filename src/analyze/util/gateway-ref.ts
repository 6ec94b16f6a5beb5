import type { RawObject } from '../../config/load/raw-object.ts';
import type { AnalysisContext } from '../types.ts';
import { asLabels, selectorMatches } from './labels.ts';
import { objectsInNamespace, selectedAnywhere } from './indexes.ts';

/** Pods selected by a Gateway's `selector` (label equality; empty selects every pod), in any namespace. */
export function gatewayPods(ctx: AnalysisContext, gw: RawObject): readonly RawObject[] {
  return selectedAnywhere(ctx, 'Pod', asLabels(gw.spec.selector));
}

/** Services in `ns` whose (non-empty) selector matches the labels. */
export function servicesSelecting(ctx: AnalysisContext, ns: string, labels: Readonly<Record<string, string>> | undefined): RawObject[] {
  return objectsInNamespace(ctx, 'Service', ns).filter((s) => {
    const sel = asLabels(s.spec.selector);
    return !!sel && Object.keys(sel).length > 0 && selectorMatches(sel, labels);
  });
}
