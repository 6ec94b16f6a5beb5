/**
 * Istio config objects derived from another object (here: Gateways and VirtualServices generated from
 * Kubernetes Ingresses). They are ordinary RawObjects, so the model and every front end treat them like
 * loaded config; their `source` is the Ingress they come from (file:line), and the annotation
 * `sluice.io/derived-from` names it, so explanations can point at the YAML behind a route.
 */
import type { RawObject } from '../load/raw-object.ts';

export const DERIVED_FROM_ANNOTATION = 'sluice.io/derived-from';
const API_VERSION = 'networking.istio.io/v1';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) { for (const v of Object.values(o)) deepFreeze(v); Object.freeze(o); }
  return o;
}

export interface SyntheticSpec {
  readonly kind: 'Gateway' | 'VirtualService';
  readonly name: string;
  readonly namespace: string;
  readonly spec: Record<string, unknown>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** The objects this one is derived from; the first gives `source`. */
  readonly from: readonly RawObject[];
}

export function syntheticObject(s: SyntheticSpec): RawObject {
  const derivedFrom = s.from.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`).join(', ');
  const metadata = { name: s.name, namespace: s.namespace, annotations: { ...s.annotations, [DERIVED_FROM_ANNOTATION]: derivedFrom } };
  const object = { apiVersion: API_VERSION, kind: s.kind, metadata, spec: s.spec };
  deepFreeze(object);
  // `source` is shared with the Ingress (its line map fills lazily): not frozen here.
  return Object.freeze({
    apiVersion: API_VERSION,
    kind: s.kind,
    metadata,
    spec: s.spec,
    object,
    ref: Object.freeze({ kind: s.kind, namespace: s.namespace, name: s.name, apiVersion: API_VERSION }),
    source: s.from[0]!.source,
  });
}
