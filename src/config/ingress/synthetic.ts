/**
 * Istio config objects derived from other objects (Gateways and VirtualServices generated from
 * Kubernetes Ingresses; VirtualServices merged from Gateway API mesh routes, src/config/gateway-api).
 * They are ordinary RawObjects, so the model and every front end treat them like
 * loaded config; their `source` is the Ingress they come from (file:line), and the annotation
 * `sluice.io/derived-from` names it, so explanations can point at the YAML behind a route.
 */
import type { RawObject } from '../load/raw-object.ts';
import { deepFreeze } from '../../core/deep-freeze.ts';

export const DERIVED_FROM_ANNOTATION = 'sluice.io/derived-from';
/** Istio's internal annotation on derived VirtualServices: `ingress` or `gateway` route semantics (read by the model). */
export const ROUTE_SEMANTICS_ANNOTATION = 'internal.istio.io/route-semantics';
const API_VERSION = 'networking.istio.io/v1';

export interface SyntheticSpec {
  readonly kind: 'Gateway' | 'VirtualService';
  readonly name: string;
  readonly namespace: string;
  readonly spec: Record<string, unknown>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** The objects this one is derived from; the first gives `source`. */
  readonly from: readonly RawObject[];
  /** Kept when set (Gateway API: the oldest route's, which orders the VirtualService like istiod). */
  readonly creationTimestamp?: string | undefined;
}

export function syntheticObject(s: SyntheticSpec): RawObject {
  const derivedFrom = s.from.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`).join(', ');
  const metadata = {
    name: s.name, namespace: s.namespace, annotations: { ...s.annotations, [DERIVED_FROM_ANNOTATION]: derivedFrom },
    ...(s.creationTimestamp !== undefined ? { creationTimestamp: s.creationTimestamp } : {}),
  };
  const object = { apiVersion: API_VERSION, kind: s.kind, metadata, spec: s.spec };
  deepFreeze(object);
  // `source` is shared with the first origin (its line map fills lazily): not frozen here.
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
