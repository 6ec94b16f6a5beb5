import { translateProxy } from '../translate/index.ts';
import { generateProxyless } from '../translate/proxyless/index.ts';
import type { Generator } from './cache.ts';

/** Istio picks the generator from node metadata: GENERATOR=grpc → proxyless gRPC, else Envoy (sidecar/router). */
export const defaultGenerator: Generator = (snapshot, node) => (node.proxyless ? generateProxyless(snapshot, node.spec) : translateProxy(snapshot, node.spec));
