/**
 * Which Ingresses Istio serves (Istio pilot/pkg/config/kube/ingress `SupportedIngresses`,
 * `shouldProcessIngressWithClass`):
 *  - `spec.ingressClassName` naming a missing IngressClass: ignored;
 *  - the `kubernetes.io/ingress.class` annotation wins: it must equal mesh `ingressClass` (default `istio`),
 *    unless `ingressControllerMode` is OFF;
 *  - otherwise an IngressClass whose `spec.controller` is `istio.io/ingress-controller`;
 *  - otherwise only in ingressControllerMode DEFAULT (the mesh default is STRICT: unclassed Ingresses are not Istio's).
 */
import type { RawObject } from '../load/raw-object.ts';
import type { MeshConfig } from '../mesh-config.ts';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const ISTIO_INGRESS_CONTROLLER = 'istio.io/ingress-controller';

export type IngressControllerMode = 'STRICT' | 'DEFAULT' | 'OFF';

export type Selection =
  | { readonly selected: true }
  | { readonly selected: false; readonly classMissing?: string; readonly reason: string };

/** MeshConfig `ingressControllerMode` (Istio default STRICT; UNSPECIFIED reads as STRICT here). */
export function ingressControllerMode(mesh: MeshConfig): IngressControllerMode {
  const m = mesh.raw.ingressControllerMode;
  return m === 'DEFAULT' || m === 'OFF' ? m : 'STRICT';
}

export function selectIngress(ing: RawObject, classes: ReadonlyMap<string, RawObject>, mesh: MeshConfig): Selection {
  const className: unknown = ing.spec.ingressClassName;
  let cls: RawObject | undefined;
  if (typeof className === 'string' && className) {
    cls = classes.get(className);
    if (!cls) return { selected: false, classMissing: className, reason: `IngressClass ${className} does not exist` };
  }
  const mode = ingressControllerMode(mesh);
  const annotated = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (annotated !== undefined) {
    if (mode === 'OFF') return { selected: false, reason: 'ingressControllerMode is OFF' };
    return annotated === mesh.ingressClass
      ? { selected: true }
      : { selected: false, reason: `annotation ${INGRESS_CLASS_ANNOTATION}: ${annotated} is not the mesh ingressClass (${mesh.ingressClass})` };
  }
  if (cls) {
    const controller = cls.spec.controller;
    return controller === ISTIO_INGRESS_CONTROLLER
      ? { selected: true }
      : { selected: false, reason: `IngressClass ${cls.metadata.name} is for controller ${String(controller ?? '(none)')}, not ${ISTIO_INGRESS_CONTROLLER}` };
  }
  return mode === 'DEFAULT'
    ? { selected: true }
    : { selected: false, reason: `no ingress class, and ingressControllerMode is ${mode} (Istio serves unclassed Ingresses only in DEFAULT mode)` };
}
