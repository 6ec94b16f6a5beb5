import type { Severity } from '../../core/diagnostic.ts';

/**
 * Diagnostics of the Gateway API → VirtualService conversion. In Kubernetes these are HTTPRoute status
 * conditions (`Accepted`/`ResolvedRefs` false with a reason); offline we report them as diagnostics.
 */
export const GatewayApiCodes = {
  /** A parentRef Istio would not accept (missing Service/ServiceEntry, unsupported kind). Route ignored for it. */
  ParentNotAccepted: { code: 'SLU1601', severity: 'Warning' },
  /** A rule Istio cannot convert (unsupported filter, backendRef without port, …): no routes for the mesh. */
  InvalidRoute: { code: 'SLU1602', severity: 'Warning' },
  /** A backendRef that does not resolve (missing Service/host, unsupported kind): requests get 500. */
  BackendNotResolved: { code: 'SLU1603', severity: 'Warning' },
  /** The API server would reject the route (CRD schema / CEL rules): istiod never sees it. */
  InvalidRouteSchema: { code: 'SLU1605', severity: 'Error' },
  /** Parents Sluice does not translate yet (Gateway API Gateways). */
  ParentNotSupported: { code: 'SLU1604', severity: 'Info' },
} as const satisfies Record<string, { code: string; severity: Severity }>;
