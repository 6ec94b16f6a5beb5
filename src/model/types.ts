/**
 * The service model: what istiod's registries and config store hold after conversion
 * (`pilot/pkg/model/service.go`, `serviceregistry/{kube,serviceentry}/conversion.go`), and what one
 * proxy can see (`model/sidecar.go` SidecarScope, `model/push_context.go`).
 * Pure data; built by `buildMeshModel` (mesh-model.ts) and `proxyView` (proxy-view.ts).
 */
import type { RawObject } from '../config/load/raw-object.ts';
import type { MeshConfig } from '../config/mesh-config.ts';
import type { ProxySpec } from './proxy-spec.ts';

/** Istio's `protocol.Instance` names. `Unsupported` = unnamed/unknown port → protocol sniffing ("auto"). */
export type Protocol =
  | 'HTTP' | 'HTTP2' | 'HTTPS' | 'GRPC' | 'GRPC-Web' | 'TCP' | 'TLS' | 'UDP'
  | 'Mongo' | 'MySQL' | 'Redis' | 'Thrift' | 'Unsupported';

/** Istio's `model.Resolution`. */
export type Resolution = 'ClientSideLB' | 'DNSLB' | 'DNSRoundRobinLB' | 'Passthrough' | 'Alias';

/** `exportTo` resolved: `public` = `*`; otherwise the namespaces it is visible in (empty = `~`). */
export interface ExportTo {
  readonly public: boolean;
  readonly namespaces: ReadonlySet<string>;
}

export interface ServicePort {
  /** Port name (k8s port name, SE port name). */
  readonly name: string;
  /** The service port (what cluster names use). */
  readonly port: number;
  readonly protocol: Protocol;
  /** k8s targetPort (number or name) / SE targetPort; resolved per endpoint. */
  readonly targetPort?: number | string;
}

/** One registry service: a k8s Service or one host of a ServiceEntry. */
export interface Service {
  /** FQDN (`reviews.default.svc.cluster.local`) or the SE host as written (may be a wildcard). */
  readonly hostname: string;
  readonly namespace: string;
  /** Name of the source object (k8s Service name, ServiceEntry name). */
  readonly name: string;
  readonly kind: 'Service' | 'ServiceEntry';
  readonly ports: readonly ServicePort[];
  /** Cluster IPs / SE addresses (CIDRs kept; `/32` made a plain IP). Empty = binds 0.0.0.0. */
  readonly addresses: readonly string[];
  readonly resolution: Resolution;
  readonly meshExternal: boolean;
  /** k8s `clusterIP: None`. */
  readonly headless: boolean;
  /** k8s ExternalName target (resolution `Alias`). */
  readonly externalName?: string;
  readonly exportTo: ExportTo;
  /** Spiffe IDs / SE subjectAltNames. */
  readonly serviceAccounts: readonly string[];
  /** k8s Service selector / SE workloadSelector labels. */
  readonly selector?: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly creationTime: string;
  readonly source: RawObject;
}

export interface Locality {
  readonly region: string;
  readonly zone: string;
  readonly subzone: string;
}

export type HealthStatus = 'Healthy' | 'Unhealthy' | 'Draining' | 'Terminating';

/** One endpoint of one service port (Istio's `IstioEndpoint`). */
export interface ServiceEndpoint {
  /** Service hostname + namespace identify the service. */
  readonly hostname: string;
  readonly serviceNamespace: string;
  /** Service port number this endpoint serves and the port name (EDS matches on it). */
  readonly servicePort: number;
  readonly servicePortName: string;
  /** IP (or a DNS name for DNS-resolved ServiceEntries). */
  readonly address: string;
  /** The port the workload listens on (targetPort). */
  readonly port: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly locality: Locality;
  /** Load-balancing weight (default 1). */
  readonly weight: number;
  readonly health: HealthStatus;
  /** `istio` when the workload has a sidecar (mTLS-capable); `disabled` otherwise. */
  readonly tlsMode: 'istio' | 'disabled';
  readonly serviceAccount?: string;
  readonly workloadName?: string;
  readonly workloadNamespace?: string;
  readonly network?: string;
}

/** A workload the model knows (Pod or WorkloadEntry): proxies are resolved against these. */
export interface Workload {
  readonly kind: 'Pod' | 'WorkloadEntry';
  readonly name: string;
  readonly namespace: string;
  readonly ip?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ready: boolean;
  readonly serviceAccount?: string;
  readonly locality: Locality;
  readonly network?: string;
  readonly weight?: number;
  /** Named container ports (`http` → 8080), for k8s named targetPort resolution. */
  readonly namedPorts: Readonly<Record<string, number>>;
  readonly source: RawObject;
}

/** Common shape of a namespaced Istio config object in the model. */
export interface ConfigEntry<S = Record<string, any>> {
  readonly name: string;
  readonly namespace: string;
  readonly spec: S;
  readonly creationTime: string;
  readonly source: RawObject;
}

export interface VirtualServiceEntry extends ConfigEntry {
  /** `hosts` resolved against the VS namespace (short names → FQDN). Empty for delegates. */
  readonly hosts: readonly string[];
  /** `gateways` resolved: `mesh` or `ns/name`. Empty spec list → `['mesh']`. */
  readonly gateways: readonly string[];
  readonly exportTo: ExportTo;
  /** True for a delegate (no hosts). */
  readonly delegate: boolean;
  /**
   * Generated from a Kubernetes Ingress (`internal.istio.io/route-semantics: ingress`): prefix matches
   * translate to path_separated_prefix (Istio route.go TranslateRouteMatch / model.UseIngressSemantics).
   */
  readonly pathSeparatedPrefix?: boolean;
  /**
   * Generated from a Gateway API route (`internal.istio.io/route-semantics: gateway`, src/config/gateway-api):
   * Istio's `UseGatewaySemantics` — favoured for proxies of its own namespace (push_context.go).
   */
  readonly gatewaySemantics?: boolean;
}

export interface DestinationRuleEntry extends ConfigEntry {
  /** `host` resolved against the DR namespace. */
  readonly host: string;
  readonly exportTo: ExportTo;
  readonly selector?: Readonly<Record<string, string>>;
}

/** Same-host DRs merged per Istio (subsets appended, first top-level policy wins). */
export interface MergedDestinationRule {
  readonly host: string;
  /** Merged spec (host, trafficPolicy, subsets, exportTo, workloadSelector). */
  readonly spec: Record<string, any>;
  /** The DRs that contributed, first one = the one named in `istio.config` metadata. */
  readonly from: readonly DestinationRuleEntry[];
}

export interface GatewayEntry extends ConfigEntry {
  /** `selector` labels; undefined = selects every gateway proxy. */
  readonly selector?: Readonly<Record<string, string>>;
}

export interface SidecarEntry extends ConfigEntry {
  readonly selector?: Readonly<Record<string, string>>;
}

export interface PeerAuthenticationEntry extends ConfigEntry {
  readonly selector?: Readonly<Record<string, string>>;
}

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';
export type OutboundTrafficPolicyMode = 'ALLOW_ANY' | 'REGISTRY_ONLY' | 'ALLOW_ANY_DYNAMIC_DNS';

/** The whole mesh, precomputed once per snapshot. */
export interface MeshModel {
  readonly meshConfig: MeshConfig;
  readonly rootNamespace: string;
  readonly domainSuffix: string;
  /** Suffix for short names in Istio config (VS/DR hosts, destinations): MeshConfig.configDomainSuffix ?? domainSuffix. */
  readonly configDomainSuffix: string;
  /** Known namespaces (Namespace objects plus every namespace used by an object), sorted. */
  readonly namespaces: readonly string[];
  /** All services, sorted by hostname then namespace. */
  readonly services: readonly Service[];
  /** Services by hostname (several namespaces may define one host). */
  readonly servicesByHost: ReadonlyMap<string, readonly Service[]>;
  /** Endpoints per service, key `serviceKey(hostname, namespace)`. */
  readonly endpointsByService: ReadonlyMap<string, readonly ServiceEndpoint[]>;
  readonly workloads: readonly Workload[];
  /** VirtualServices sorted by creation time, name, namespace. */
  readonly virtualServices: readonly VirtualServiceEntry[];
  /** DestinationRules: selector ones first, then creation time, name, namespace. */
  readonly destinationRules: readonly DestinationRuleEntry[];
  readonly gateways: readonly GatewayEntry[];
  readonly sidecars: readonly SidecarEntry[];
  readonly peerAuthentications: readonly PeerAuthenticationEntry[];
  /** Internal lookup indexes (see mesh-model.ts); treat as opaque. */
  readonly index: MeshIndex;
}

/** Precomputed indexes for per-proxy work. */
export interface MeshIndex {
  /** VSes exported publicly / to a namespace / private to a namespace. */
  readonly vsPublic: readonly VirtualServiceEntry[];
  readonly vsByNamespaceExport: ReadonlyMap<string, readonly VirtualServiceEntry[]>;
  readonly vsPrivate: ReadonlyMap<string, readonly VirtualServiceEntry[]>;
  /** DRs: namespace-local (every DR of that namespace, merged per host), exported by namespace. */
  readonly drNamespaceLocal: ReadonlyMap<string, DestinationRuleIndex>;
  readonly drExportedByNamespace: ReadonlyMap<string, DestinationRuleIndex>;
  readonly workloadsByIp: ReadonlyMap<string, Workload>;
  /** Endpoints per service port, key `endpointPortKey(hostname, namespace, port)`. */
  readonly endpointsByServicePort: ReadonlyMap<string, readonly ServiceEndpoint[]>;
}

/** DRs of one namespace, merged by host, with the selector-bearing ones kept apart. */
export interface DestinationRuleIndex {
  /** Merged selector-less DRs by host (exact hosts and wildcards). */
  readonly byHost: ReadonlyMap<string, readonly MergedDestinationRule[]>;
  /** DRs with a workloadSelector (namespace-local only), in index order. */
  readonly withSelector: readonly MergedDestinationRule[];
}

/** A Sidecar egress listener with the services it imports (`IstioEgressListenerWrapper`). */
export interface EgressListener {
  /** Egress port; undefined for the catch-all listener. */
  readonly port?: { readonly number: number; readonly protocol: Protocol; readonly name: string };
  readonly bind?: string;
  readonly captureMode?: string;
  /** Parsed `ns/host` entries (`.` resolved to the Sidecar namespace). */
  readonly hosts: readonly { readonly namespace: string; readonly host: string }[];
  /** Services in scope for this listener (one per hostname, proxy namespace first). */
  readonly services: readonly Service[];
  /** VirtualServices in scope for this listener (Istio selection order). */
  readonly virtualServices: readonly VirtualServiceEntry[];
}

export interface SidecarScope {
  /** The Sidecar resource that applies, or undefined for the default scope (`*` in every namespace). */
  readonly sidecar?: SidecarEntry;
  readonly egress: readonly EgressListener[];
  /** `spec.ingress` of the Sidecar (raw), empty by default. */
  readonly ingress: readonly Record<string, any>[];
  readonly outboundTrafficPolicy: {
    readonly mode: OutboundTrafficPolicyMode;
    readonly egressProxy?: { readonly host: string; readonly subset?: string; readonly port?: { readonly number: number } };
  };
}

/** An inbound port of the proxy's own workload (`ServiceTarget`). */
export interface InboundPort {
  readonly service: Service;
  readonly servicePort: ServicePort;
  /** The workload port (targetPort) the inbound cluster/chain is named after. */
  readonly targetPort: number;
}

/** What one proxy can see — the input of every per-proxy generator. */
export interface ProxyView {
  readonly model: MeshModel;
  readonly proxy: ProxySpec;
  readonly isRouter: boolean;
  /** The proxy workload's locality (from its Pod/WorkloadEntry), when known: drives locality failover priorities. */
  readonly locality?: Locality;
  /** The proxy's DNS domain: `<ns>.svc.<suffix>`. */
  readonly dnsDomain: string;
  readonly sidecarScope: SidecarScope;
  /** Services in the proxy's outbound scope (union over egress listeners; sorted by hostname). */
  readonly services: readonly Service[];
  /** VirtualServices applying to this proxy, in Istio order: sidecar = gateways∋mesh; router = bound to `gateways`. */
  readonly virtualServices: readonly VirtualServiceEntry[];
  /** Gateways selecting this proxy (routers only), by creation time. */
  readonly gateways: readonly GatewayEntry[];
  /** Inbound ports of the proxy's own services (sidecars), sorted by targetPort. */
  readonly inbound: readonly InboundPort[];
  /** Visible service for a hostname (proxy namespace first), or undefined. */
  serviceForHost(hostname: string): Service | undefined;
  /** The DestinationRule for a service host as seen by this proxy (Istio lookup precedence). */
  destinationRule(hostname: string, serviceNamespace?: string): MergedDestinationRule | undefined;
  /** Endpoints of a service port (all namespaces' registries merged per Istio); unfiltered by subset. */
  endpoints(service: Service, port: number): readonly ServiceEndpoint[];
  /** PeerAuthentication mode for an inbound workload port of this proxy. */
  inboundMtlsMode(port: number): MtlsMode;
  /** PeerAuthentication mode for a service's namespace (auto-mTLS: unset = PERMISSIVE). */
  namespaceMtlsMode(namespace: string): MtlsMode;
}
