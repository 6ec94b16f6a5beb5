/**
 * Kubernetes Gateway API → Istio config, as istiod's gateway controller does it
 * (pilot/pkg/config/kube/gateway). Today: mesh (GAMMA) HTTPRoutes/GRPCRoutes → VirtualServices.
 */
export { convertMeshRoutes, ROUTE_SEMANTICS_ANNOTATION, PARENTS_ANNOTATION, type GatewayApiConversion } from './mesh-routes.ts';
export { GatewayApiCodes } from './codes.ts';
export { GATEWAY_API_GROUP, isGatewayApi } from './context.ts';
