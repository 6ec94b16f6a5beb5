/**
 * The message catalogue: Istio's codes, names, levels and templates (pkg/config/analysis/msg/messages.yaml),
 * verbatim, plus Sluice's own SLU000x checks. Templates use Go's fmt verbs (%s %v %q %d), formatted by goFormat.
 */
import type { Severity } from '../core/diagnostic.ts';

export interface MessageType {
  readonly code: string;
  readonly name: string;
  readonly level: Severity;
  readonly template: string;
}

const t = (code: string, name: string, level: Severity, template: string): MessageType => Object.freeze({ code, name, level, template });

export const Msg = {
  Deprecated: t('IST0002', 'Deprecated', 'Warning', 'Deprecated: %s'),
  ReferencedResourceNotFound: t('IST0101', 'ReferencedResourceNotFound', 'Error', 'Referenced %s not found: %q'),
  NamespaceNotInjected: t('IST0102', 'NamespaceNotInjected', 'Info', "The namespace is not enabled for Istio injection. Run 'kubectl label namespace %s istio-injection=enabled' to enable it, or 'kubectl label namespace %s istio-injection=disabled' to explicitly mark it as not needing injection."),
  PodMissingProxy: t('IST0103', 'PodMissingProxy', 'Warning', 'The pod %s is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.'),
  SchemaValidationError: t('IST0106', 'SchemaValidationError', 'Error', 'Schema validation error: %v'),
  ConflictingMeshGatewayVirtualServiceHosts: t('IST0109', 'ConflictingMeshGatewayVirtualServiceHosts', 'Error', 'The VirtualServices %s associated with mesh gateway define the same host %s which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.'),
  ConflictingSidecarWorkloadSelectors: t('IST0110', 'ConflictingSidecarWorkloadSelectors', 'Error', 'The Sidecars %v in namespace %q select the same workload pod %q, which can lead to undefined behavior.'),
  MultipleSidecarsWithoutWorkloadSelectors: t('IST0111', 'MultipleSidecarsWithoutWorkloadSelectors', 'Error', 'The Sidecars %v in namespace %q have no workload selector, which can lead to undefined behavior.'),
  VirtualServiceDestinationPortSelectorRequired: t('IST0112', 'VirtualServiceDestinationPortSelectorRequired', 'Error', 'This VirtualService routes to a service %q that exposes multiple ports %v. Specifying a port in the destination is required to disambiguate.'),
  DeploymentAssociatedToMultipleServices: t('IST0116', 'DeploymentAssociatedToMultipleServices', 'Warning', 'This deployment %s is associated with multiple services using port %d but different protocols: %v'),
  PortNameIsNotUnderNamingConvention: t('IST0118', 'PortNameIsNotUnderNamingConvention', 'Info', "Port name %s (port: %d, targetPort: %s) doesn't follow the naming convention of Istio port."),
  NamespaceMultipleInjectionLabels: t('IST0123', 'NamespaceMultipleInjectionLabels', 'Warning', 'The namespace has more than one type of injection labels %v, which may lead to undefined behavior. Make sure only one injection label exists.'),
  UnknownMeshNetworksServiceRegistry: t('IST0126', 'UnknownMeshNetworksServiceRegistry', 'Error', 'Unknown service registry %s in network %s'),
  NoServerCertificateVerificationDestinationLevel: t('IST0128', 'NoServerCertificateVerificationDestinationLevel', 'Warning', 'DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s'),
  NoServerCertificateVerificationPortLevel: t('IST0129', 'NoServerCertificateVerificationPortLevel', 'Warning', 'DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s at port %s'),
  VirtualServiceUnreachableRule: t('IST0130', 'VirtualServiceUnreachableRule', 'Warning', 'VirtualService rule %v not used (%s).'),
  VirtualServiceIneffectiveMatch: t('IST0131', 'VirtualServiceIneffectiveMatch', 'Info', 'VirtualService rule %v match %v is not used (duplicate/overlapping match in rule %v).'),
  VirtualServiceHostNotFoundInGateway: t('IST0132', 'VirtualServiceHostNotFoundInGateway', 'Warning', 'one or more host %v defined in VirtualService %s not found in Gateway %s.'),
  SchemaWarning: t('IST0133', 'SchemaWarning', 'Warning', 'Schema validation warning: %v'),
  ServiceEntryAddressesRequired: t('IST0134', 'ServiceEntryAddressesRequired', 'Warning', 'ServiceEntry addresses are required for this protocol.'),
  DeploymentConflictingPorts: t('IST0137', 'DeploymentConflictingPorts', 'Warning', 'This deployment %s is associated with multiple services %v using targetPort %q but different ports: %v.'),
  GatewayDuplicateCertificate: t('IST0138', 'GatewayDuplicateCertificate', 'Warning', 'Duplicate certificate in multiple gateways %v may cause 404s if clients re-use HTTP2 connections.'),
  IngressRouteRulesNotAffected: t('IST0140', 'IngressRouteRulesNotAffected', 'Warning', 'Subset in virtual service %s has no effect on ingress gateway %s requests'),
  InvalidApplicationUID: t('IST0144', 'InvalidApplicationUID', 'Warning', 'User ID (UID) 1337 is reserved for the sidecar proxy.'),
  ConflictingGateways: t('IST0145', 'ConflictingGateways', 'Error', 'Conflict with gateways %s (workload selector %s, port %s, hosts %v).'),
  ImageAutoWithoutInjectionWarning: t('IST0146', 'ImageAutoWithoutInjectionWarning', 'Warning', '%s %s contains `image: auto` but does not match any Istio injection webhook selectors.'),
  ImageAutoWithoutInjectionError: t('IST0147', 'ImageAutoWithoutInjectionError', 'Error', '%s %s contains `image: auto` but does not match any Istio injection webhook selectors.'),
  NamespaceInjectionEnabledByDefault: t('IST0148', 'NamespaceInjectionEnabledByDefault', 'Info', 'is enabled for Istio injection, as Istio is installed with enableNamespacesByDefault as true.'),
  JwtClaimBasedRoutingWithoutRequestAuthN: t('IST0149', 'JwtClaimBasedRoutingWithoutRequestAuthN', 'Error', 'The virtual service uses the JWT claim based routing (key: %s) but found no request authentication for the gateway (%s) pod (%s). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.'),
  ExternalNameServiceTypeInvalidPortName: t('IST0150', 'ExternalNameServiceTypeInvalidPortName', 'Warning', 'Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly'),
  PodsIstioProxyImageMismatchInNamespace: t('IST0158', 'PodsIstioProxyImageMismatchInNamespace', 'Warning', 'The Istio proxy images of the pods running in the namespace do not match the image defined in the injection configuration (pod names: %v). This often happens after upgrading the Istio control-plane and can be fixed by redeploying the pods.'),
  InvalidGatewayCredential: t('IST0161', 'InvalidGatewayCredential', 'Error', 'The credential referenced by the Gateway %s in namespace %s is invalid, which can cause the traffic not to work as expected.'),
  GatewayPortNotDefinedOnService: t('IST0162', 'GatewayPortNotDefinedOnService', 'Warning', 'The gateway is listening on a target port (port %d) that is not defined in the Service associated with its workload instances (Pod selector %s). If you need to access the gateway port through the gateway Service, it will not be available.'),
  ReferencedInternalGateway: t('IST0165', 'ReferencedInternalGateway', 'Warning', 'Gateway reference in VirtualService %s is to an implementation-generated internal Gateway: %s.'),
  IneffectivePolicy: t('IST0167', 'IneffectivePolicy', 'Warning', 'The policy has no impact: %s.'),
  NegativeConditionStatus: t('IST0171', 'NegativeConditionStatus', 'Warning', 'A condition with a negative status is present: type=%s, reason=%s, message=%s.'),
  DestinationRuleSubsetNotSelectPods: t('IST0173', 'DestinationRuleSubsetNotSelectPods', 'Error', 'The Subset %s defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).'),
  UnknownDestinationRuleHost: t('IST0174', 'UnknownDestinationRuleHost', 'Warning', 'The host %s defined in the DestinationRule does not match any services in the mesh.'),
  ConflictingServiceEntryProtocol: t('IST0177', 'ConflictingServiceEntryProtocol', 'Warning', 'Multiple ServiceEntries (%s) define the same host %q and port %d with conflicting protocols (%s).'),

  // Sluice's own checks (no Istio equivalent). Documented with examples in docs/analyze.md.
  RouteShadowed: t('SLU0001', 'RouteShadowed', 'Warning', 'HTTP route %s can never match: %s'),
  RetryAmplification: t('SLU0002', 'RetryAmplification', 'Warning', '%s'),
  RetryBudgetExceedsTimeout: t('SLU0003', 'RetryBudgetExceedsTimeout', 'Warning', 'HTTP route %s: perTryTimeout %s × %d retries = %s is not less than the route timeout %s, so at most the first %d tries can run before the timeout ends the request.'),
  MTLSConflict: t('SLU0004', 'MTLSConflict', 'Error', '%s'),
  AggressiveOutlierDetection: t('SLU0005', 'AggressiveOutlierDetection', 'Warning', '%s'),
  SplitTargetsOtherHost: t('SLU0006', 'SplitTargetsOtherHost', 'Warning', 'HTTP route %s splits traffic for %v to %q, a host other than the VirtualService\'s own; callers of %q get responses from a different service.'),
  RouteNotAppliedToMesh: t('SLU0007', 'RouteNotAppliedToMesh', 'Info', 'VirtualService for in-mesh host %q is bound only to gateways %v; sidecars of in-mesh callers ignore its rules (add "mesh" to spec.gateways to apply them inside the mesh).'),
  ConfigNotVisible: t('SLU0008', 'ConfigNotVisible', 'Warning', '%s'),
} as const satisfies Record<string, MessageType>;

export const ALL_MESSAGE_TYPES: readonly MessageType[] = Object.values(Msg);

/**
 * istioctl's `documentationUrl` for IST codes (`url.ConfigAnalysis/<code>/?ref=istioctl-analyze`, with `latest` in
 * place of istioctl's own `v<minor>`); for Sluice's codes, the repo-relative section of the docs (no hosting URL).
 */
export function documentationUrl(code: string): string {
  if (code.startsWith('IST')) return `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/?ref=istioctl-analyze`;
  return sluiceDocPath(code);
}

/** `docs/analyze.md#slu0001-routeshadowed` (GitHub's anchor for `### SLU0001 RouteShadowed`); loader codes: docs/validation.md. */
export function sluiceDocPath(code: string): string {
  if (/^SLU10\d\d$/.test(code)) return 'docs/validation.md#codes';
  const t = ALL_MESSAGE_TYPES.find((m) => m.code === code);
  return t ? `docs/analyze.md#${code.toLowerCase()}-${t.name.toLowerCase()}` : 'docs/analyze.md';
}

/** Go's fmt for the verbs the catalogue uses: %s %v (slices print as `[a b]`), %q (quoted), %d. */
export function goFormat(template: string, params: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%([svqd%])/g, (_m, verb: string) => {
    if (verb === '%') return '%';
    const v = params[i++];
    if (v === undefined) return `%!${verb}(MISSING)`;
    if (verb === 'q') return Array.isArray(v) ? `[${v.map((x) => goQuote(String(x))).join(' ')}]` : goQuote(String(v));
    if (verb === 'd') return typeof v === 'number' ? String(Math.trunc(v)) : String(v);
    return goValue(v);
  });
}

function goValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (v && typeof v === 'object') return `map[${Object.keys(v).sort().map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}
