/**
 * Every analyzer, as a value (no global registration). Istio's names first (the ones `istioctl analyze`
 * runs for traffic management), then Sluice's own SLU checks.
 */
import type { Analyzer } from './types.ts';
import { destinationHostAnalyzer } from './analyzers/vs-destination-hosts.ts';
import { vsDestinationRuleAnalyzer } from './analyzers/vs-destination-rules.ts';
import { gatewayAnalyzer } from './analyzers/vs-gateways.ts';
import { conflictingMeshGatewayHostsAnalyzer } from './analyzers/vs-conflicting-mesh-hosts.ts';
import { jwtClaimRouteAnalyzer } from './analyzers/vs-jwt-claim-route.ts';
import { caCertificateAnalyzer } from './analyzers/dr-ca-certificates.ts';
import { subsetSelectPodAnalyzer } from './analyzers/dr-subset-select-pods.ts';
import { ingressGatewayPortAnalyzer } from './analyzers/gw-ingress-port.ts';
import { gatewaySecretAnalyzer } from './analyzers/gw-secret.ts';
import { conflictingGatewayAnalyzer } from './analyzers/gw-conflicting.ts';
import { gatewayCertificateAnalyzer } from './analyzers/gw-certificate.ts';
import { serviceEntryAddressesAnalyzer } from './analyzers/se-protocol-addresses.ts';
import { conflictingServiceEntryProtocolAnalyzer } from './analyzers/se-conflicting-protocol.ts';
import { sidecarSelectorAnalyzer } from './analyzers/sidecar-selector.ts';
import { portNameAnalyzer } from './analyzers/service-port-name.ts';
import { multiServiceAnalyzer } from './analyzers/deployment-services.ts';
import { applicationUIDAnalyzer } from './analyzers/application-uid.ts';
import { injectionAnalyzer } from './analyzers/injection.ts';
import { injectionImageAnalyzer } from './analyzers/injection-image.ts';
import { imageAutoAnalyzer } from './analyzers/injection-image-auto.ts';
import { deprecationAnalyzer } from './analyzers/deprecation.ts';
import { conditionAnalyzer } from './analyzers/conditions.ts';
import { meshNetworksAnalyzer } from './analyzers/mesh-networks.ts';
import { schemaAnalyzers } from './analyzers/schema-validation.ts';
import { sluiceAnalyzers } from './sluice/index.ts';

export const ISTIO_ANALYZERS: readonly Analyzer[] = [
  applicationUIDAnalyzer,
  conditionAnalyzer,
  multiServiceAnalyzer,
  deprecationAnalyzer,
  caCertificateAnalyzer,
  subsetSelectPodAnalyzer,
  gatewayCertificateAnalyzer,
  conflictingGatewayAnalyzer,
  ingressGatewayPortAnalyzer,
  gatewaySecretAnalyzer,
  injectionAnalyzer,
  injectionImageAnalyzer,
  imageAutoAnalyzer,
  meshNetworksAnalyzer,
  portNameAnalyzer,
  serviceEntryAddressesAnalyzer,
  conflictingServiceEntryProtocolAnalyzer,
  sidecarSelectorAnalyzer,
  conflictingMeshGatewayHostsAnalyzer,
  destinationHostAnalyzer,
  vsDestinationRuleAnalyzer,
  gatewayAnalyzer,
  jwtClaimRouteAnalyzer,
  ...schemaAnalyzers,
];

export const ALL_ANALYZERS: readonly Analyzer[] = [...ISTIO_ANALYZERS, ...sluiceAnalyzers];

export function findAnalyzer(name: string): Analyzer | undefined {
  return ALL_ANALYZERS.find((a) => a.meta.name === name);
}
