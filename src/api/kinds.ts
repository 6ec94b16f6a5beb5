/** The kinds Sluice understands, keyed by `group/Kind`. One internal version per kind. */
export interface KindDescriptor {
  readonly group: string; // '' for core
  readonly kind: string;
  readonly versions: readonly string[];
  readonly namespaced: boolean;
  /** Istio's config-path plural, as used in `filter_metadata.istio.config`. */
  readonly plural: string;
}

const NET = 'networking.istio.io';
const NET_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'] as const;

export const KNOWN_KINDS: readonly KindDescriptor[] = [
  { group: NET, kind: 'VirtualService', versions: NET_VERSIONS, namespaced: true, plural: 'virtual-service' },
  { group: NET, kind: 'DestinationRule', versions: NET_VERSIONS, namespaced: true, plural: 'destination-rule' },
  { group: NET, kind: 'Gateway', versions: NET_VERSIONS, namespaced: true, plural: 'gateway' },
  { group: NET, kind: 'ServiceEntry', versions: NET_VERSIONS, namespaced: true, plural: 'service-entry' },
  { group: NET, kind: 'Sidecar', versions: NET_VERSIONS, namespaced: true, plural: 'sidecar' },
  { group: NET, kind: 'WorkloadEntry', versions: NET_VERSIONS, namespaced: true, plural: 'workload-entry' },
  { group: NET, kind: 'WorkloadGroup', versions: NET_VERSIONS, namespaced: true, plural: 'workload-group' },
  { group: NET, kind: 'EnvoyFilter', versions: ['v1alpha3'], namespaced: true, plural: 'envoy-filter' },
  { group: 'security.istio.io', kind: 'PeerAuthentication', versions: ['v1', 'v1beta1'], namespaced: true, plural: 'peer-authentication' },
  { group: 'security.istio.io', kind: 'AuthorizationPolicy', versions: ['v1', 'v1beta1'], namespaced: true, plural: 'authorization-policy' },
  { group: 'security.istio.io', kind: 'RequestAuthentication', versions: ['v1', 'v1beta1'], namespaced: true, plural: 'request-authentication' },
  { group: '', kind: 'Namespace', versions: ['v1'], namespaced: false, plural: 'namespaces' },
  { group: '', kind: 'Service', versions: ['v1'], namespaced: true, plural: 'services' },
  { group: '', kind: 'Endpoints', versions: ['v1'], namespaced: true, plural: 'endpoints' },
  { group: 'discovery.k8s.io', kind: 'EndpointSlice', versions: ['v1', 'v1beta1'], namespaced: true, plural: 'endpointslices' },
  { group: '', kind: 'Pod', versions: ['v1'], namespaced: true, plural: 'pods' },
  { group: '', kind: 'Node', versions: ['v1'], namespaced: false, plural: 'nodes' },
  { group: '', kind: 'Secret', versions: ['v1'], namespaced: true, plural: 'secrets' },
  { group: '', kind: 'ConfigMap', versions: ['v1'], namespaced: true, plural: 'configmaps' },
  { group: '', kind: 'ServiceAccount', versions: ['v1'], namespaced: true, plural: 'serviceaccounts' },
  // Kubernetes Ingress: converted to Gateway + VirtualService for the ingress gateway (src/config/ingress).
  { group: 'networking.k8s.io', kind: 'Ingress', versions: ['v1'], namespaced: true, plural: 'ingresses' },
  { group: 'networking.k8s.io', kind: 'IngressClass', versions: ['v1'], namespaced: false, plural: 'ingressclasses' },
  // Kubernetes Gateway API routes: mesh-bound (GAMMA) ones become VirtualServices (src/config/gateway-api).
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', versions: ['v1', 'v1beta1'], namespaced: true, plural: 'httproutes' },
  { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', versions: ['v1', 'v1alpha2'], namespaced: true, plural: 'grpcroutes' },
  { group: 'apps', kind: 'Deployment', versions: ['v1'], namespaced: true, plural: 'deployments' },
  { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', versions: ['v1'], namespaced: false, plural: 'mutatingwebhookconfigurations' },
];

const BY_KEY = new Map(KNOWN_KINDS.map((k) => [`${k.group}/${k.kind}`, k]));

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** Descriptor for an apiVersion/kind pair, or undefined when Sluice does not know it. */
export function lookupKind(apiVersion: string, kind: string): KindDescriptor | undefined {
  const { group, version } = splitApiVersion(apiVersion);
  const d = BY_KEY.get(`${group}/${kind}`);
  return d && d.versions.includes(version) ? d : undefined;
}

export const ISTIO_NETWORKING_KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup'] as const;
