import { TypeUrl as EnvoyTypeUrl } from '../envoy/types.ts';
export type { DiscoveryRequest__Output as DiscoveryRequest } from './generated/envoy/service/discovery/v3/DiscoveryRequest.ts';
export type { DiscoveryResponse } from './generated/envoy/service/discovery/v3/DiscoveryResponse.ts';
export type { DeltaDiscoveryRequest__Output as DeltaDiscoveryRequest } from './generated/envoy/service/discovery/v3/DeltaDiscoveryRequest.ts';
export type { DeltaDiscoveryResponse } from './generated/envoy/service/discovery/v3/DeltaDiscoveryResponse.ts';
export type { Node__Output as XdsNode } from './generated/envoy/config/core/v3/Node.ts';

/** The four resource types Sluice serves, by xDS short name. */
export const XDS_TYPES = {
  lds: EnvoyTypeUrl.Listener,
  rds: EnvoyTypeUrl.RouteConfiguration,
  cds: EnvoyTypeUrl.Cluster,
  eds: EnvoyTypeUrl.ClusterLoadAssignment,
} as const;
export type XdsShortType = keyof typeof XDS_TYPES;
export type XdsTypeUrl = (typeof XDS_TYPES)[XdsShortType];

/** Envoy's recommended update order (make-before-break): CDS, EDS, LDS, RDS. */
export const PUSH_ORDER: readonly XdsShortType[] = ['cds', 'eds', 'lds', 'rds'];

export function shortType(typeUrl: string): XdsShortType | undefined {
  for (const [k, v] of Object.entries(XDS_TYPES)) if (v === typeUrl) return k as XdsShortType;
  return undefined;
}

/** LDS and CDS requests with no names (on a stream's first request) mean "everything" (Envoy). */
export function isWildcardType(t: XdsShortType): boolean {
  return t === 'lds' || t === 'cds';
}
