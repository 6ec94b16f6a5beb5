import type { ConfigSnapshot } from '../config/snapshot.ts';
import type { ClusterLoadAssignment } from '../envoy/types.ts';
import { meshModelFor, translateProxy, viewFor } from '../translate/index.ts';
import { buildEndpoints } from '../translate/endpoints/index.ts';
import { generateProxyless } from '../translate/proxyless/index.ts';
import type { Generator } from './cache.ts';
import { classifyChange, type ChangeClass } from './change.ts';
import type { ProxyNode } from './node.ts';

/** Istio picks the generator from node metadata: GENERATOR=grpc → proxyless gRPC, else Envoy (sidecar/router). */
export const defaultGenerator: Generator = (snapshot, node) => (node.proxyless ? generateProxyless(snapshot, node.spec) : translateProxy(snapshot, node.spec));

/**
 * The endpoint-only push path (istiod's EdsGenerator for a PushRequest without Full): how to classify a
 * change, and EDS alone for a node — undefined when this node needs its full generator anyway.
 */
export interface EdsGenerator {
  classify(prev: ConfigSnapshot, next: ConfigSnapshot): ChangeClass;
  endpoints(snapshot: ConfigSnapshot, node: ProxyNode): ClusterLoadAssignment[] | undefined;
}

/**
 * Pairs with defaultGenerator: Envoy sidecars get `buildEndpoints(view)`, exactly the EDS part of
 * translateProxy. Gateways (their listeners read service endpoints) and proxyless clients (their CDS
 * carries endpoint service accounts) are regenerated in full; output hashes still skip unchanged types.
 */
export const defaultEdsGenerator: EdsGenerator = {
  classify: (prev, next) => classifyChange({ snapshot: prev, model: () => meshModelFor(prev) }, { snapshot: next, model: () => meshModelFor(next) }),
  endpoints: (snapshot, node) => (node.proxyless || node.spec.type !== 'sidecar' ? undefined : buildEndpoints(viewFor(snapshot, node.spec))),
};
