import { parse } from 'yaml';

/**
 * MeshConfig.outboundTrafficPolicy.mode. ALLOW_ANY_DYNAMIC_DNS (newer Istio, istio/api#3667): like ALLOW_ANY,
 * but unknown plaintext HTTP goes through Envoy's dynamic forward proxy (`AllowAnyDynamicDNSCluster`).
 */
export type OutboundTrafficMode = 'ALLOW_ANY' | 'REGISTRY_ONLY' | 'ALLOW_ANY_DYNAMIC_DNS';
const OUTBOUND_MODES: readonly OutboundTrafficMode[] = ['ALLOW_ANY', 'REGISTRY_ONLY', 'ALLOW_ANY_DYNAMIC_DNS'];

/** A mode string → the mode, or undefined when it is not one we know (callers fall back to ALLOW_ANY). */
export function outboundTrafficMode(v: unknown): OutboundTrafficMode | undefined {
  return OUTBOUND_MODES.find((m) => m === v);
}

/** The parts of Istio's MeshConfig that traffic management reads, with Istio's defaults. */
export interface MeshConfig {
  readonly rootNamespace: string;
  readonly trustDomain: string;
  readonly domainSuffix: string;
  /**
   * Suffix for resolving short names in Istio config (Istio's config `Meta.Domain`); defaults to domainSuffix.
   * Istio's in-memory test stores leave it empty, so `a` in namespace `default` resolves to `a.default`.
   */
  readonly configDomainSuffix?: string;
  readonly outboundTrafficPolicy: { readonly mode: OutboundTrafficMode };
  readonly enableAutoMtls: boolean;
  readonly ingressClass: string;
  readonly ingressService: string;
  readonly defaultHttpRetryPolicy?: Record<string, any>;
  readonly connectTimeout: string;
  readonly protocolDetectionTimeout: string;
  readonly defaultServiceExportTo: readonly string[];
  readonly defaultVirtualServiceExportTo: readonly string[];
  readonly defaultDestinationRuleExportTo: readonly string[];
  readonly localityLbSetting?: Record<string, any>;
  readonly raw: Readonly<Record<string, any>>;
}

export const DEFAULT_MESH_CONFIG: MeshConfig = Object.freeze({
  rootNamespace: 'istio-system',
  trustDomain: 'cluster.local',
  domainSuffix: 'cluster.local',
  outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
  enableAutoMtls: true,
  ingressClass: 'istio',
  ingressService: 'istio-ingressgateway',
  connectTimeout: '10s',
  protocolDetectionTimeout: '0s',
  defaultServiceExportTo: ['*'],
  defaultVirtualServiceExportTo: ['*'],
  defaultDestinationRuleExportTo: ['*'],
  raw: {},
} as MeshConfig);

/** Overlay a MeshConfig body (YAML text or object) over Istio's defaults. */
export function meshConfigFrom(body: string | Record<string, any> | undefined): MeshConfig {
  if (!body) return DEFAULT_MESH_CONFIG;
  const raw = typeof body === 'string' ? (parse(body) ?? {}) : body;
  const mode: OutboundTrafficMode = outboundTrafficMode(raw.outboundTrafficPolicy?.mode) ?? 'ALLOW_ANY';
  return Object.freeze({
    ...DEFAULT_MESH_CONFIG,
    rootNamespace: raw.rootNamespace || DEFAULT_MESH_CONFIG.rootNamespace,
    trustDomain: raw.trustDomain || DEFAULT_MESH_CONFIG.trustDomain,
    outboundTrafficPolicy: { mode },
    enableAutoMtls: raw.enableAutoMtls ?? true,
    ingressClass: raw.ingressClass ?? DEFAULT_MESH_CONFIG.ingressClass,
    ingressService: raw.ingressService ?? DEFAULT_MESH_CONFIG.ingressService,
    defaultHttpRetryPolicy: raw.defaultHttpRetryPolicy,
    connectTimeout: raw.connectTimeout ?? DEFAULT_MESH_CONFIG.connectTimeout,
    protocolDetectionTimeout: raw.protocolDetectionTimeout ?? DEFAULT_MESH_CONFIG.protocolDetectionTimeout,
    defaultServiceExportTo: raw.defaultServiceExportTo ?? ['*'],
    defaultVirtualServiceExportTo: raw.defaultVirtualServiceExportTo ?? ['*'],
    defaultDestinationRuleExportTo: raw.defaultDestinationRuleExportTo ?? ['*'],
    localityLbSetting: raw.localityLbSetting,
    raw,
  });
}
