/** Shared helpers for the injection analyzers (Istio analyzers/injection/*). */
import type { RawObject } from '../../config/load/raw-object.ts';
import type { AnalysisContext } from '../types.ts';
import { asList, asObject } from './vs-walk.ts';
import { labelsOf } from './labels.ts';

export const INJECTION_LABEL = 'istio-injection';
export const REVISION_LABEL = 'istio.io/rev';
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
export const INJECT_OPT = 'sidecar.istio.io/inject';

/** Containers and init containers of a pod spec. */
export function allContainers(podSpec: Record<string, any>): Record<string, any>[] {
  return [...asList(podSpec.containers), ...asList(podSpec.initContainers)].map(asObject);
}

/** The `istio-proxy` container (or native-sidecar init container) with a non-empty image. */
export function proxyContainer(podSpec: Record<string, any>): Record<string, any> | undefined {
  return allContainers(podSpec).find((c) => c.name === 'istio-proxy' && typeof c.image === 'string' && c.image);
}

/** The sidecar injector ConfigMap's `values` JSON for a revision (`default` / '' → no suffix). */
export function injectorValues(ctx: AnalysisContext, revision: string): Record<string, any> | undefined {
  const name = revision && revision !== 'default' ? `istio-sidecar-injector-${revision}` : 'istio-sidecar-injector';
  const cm = ctx.find('ConfigMap', ctx.istioNamespace, name) ?? ctx.objects('ConfigMap').find((c) => c.ref.name === name);
  const values = cm?.object.data?.values;
  if (typeof values !== 'string') return undefined;
  try {
    return asObject(JSON.parse(values));
  } catch {
    return undefined;
  }
}

export function namespaceLabels(ctx: AnalysisContext, ns: string): Readonly<Record<string, string>> {
  return labelsOf(ctx.find('Namespace', '', ns));
}

/** `sidecar.istio.io/inject` on a pod template / pod: the label wins over the annotation. */
export function injectOptOut(meta: { labels?: Record<string, string>; annotations?: Record<string, string> } | RawObject['metadata']): boolean {
  const v = meta.labels?.[INJECT_OPT] ?? meta.annotations?.[INJECT_OPT];
  return typeof v === 'string' && v.toLowerCase() === 'false';
}
