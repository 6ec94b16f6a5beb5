/** Kubernetes Ingress support: the Gateways and VirtualServices istiod derives from Ingress objects. */
import type { ConfigSnapshot } from '../snapshot.ts';
import { convertIngresses, type IngressConversion } from './convert.ts';

export { convertIngresses, ingressGatewaySelector, gatewayNameFor, INGRESS_NAMESPACE, ROUTE_SEMANTICS_ANNOTATION } from './convert.ts';
export type { IngressConversion, IngressInput } from './convert.ts';
export { selectIngress, ingressControllerMode } from './ingress-class.ts';
export { DERIVED_FROM_ANNOTATION } from './synthetic.ts';
export { IngressCodes } from './codes.ts';

const NONE: IngressConversion = Object.freeze({ gateways: [], virtualServices: [], diagnostics: [] });
const cache = new WeakMap<ConfigSnapshot, IngressConversion>();

/** The snapshot's Ingresses converted (memoized per snapshot: the model and the loader both ask). */
export function ingressDerivedConfig(snapshot: ConfigSnapshot): IngressConversion {
  const ingresses = snapshot.byKind('Ingress');
  if (ingresses.length === 0) return NONE;
  let out = cache.get(snapshot);
  if (!out) {
    out = convertIngresses({ ingresses, ingressClasses: snapshot.byKind('IngressClass'), services: snapshot.byKind('Service'), mesh: snapshot.meshConfig });
    cache.set(snapshot, out);
  }
  return out;
}
