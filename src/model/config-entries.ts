/**
 * Istio config objects as model entries: hosts resolved, exportTo parsed, `gateways` normalized,
 * sorted the way istiod sorts them (`model/config.go` sortConfigByCreationTime: creation time, name, namespace).
 */
import type { ConfigSnapshot } from '../config/snapshot.ts';
import type { RawObject } from '../config/load/raw-object.ts';
import type { MeshConfig } from '../config/mesh-config.ts';
import type {
  ConfigEntry, DestinationRuleEntry, GatewayEntry, PeerAuthenticationEntry, SidecarEntry, VirtualServiceEntry,
} from './types.ts';
import { resolveShortName } from './hosts.ts';
import { parseExportTo } from './export-to.ts';
import { ROUTE_SEMANTICS_ANNOTATION, ingressDerivedConfig } from '../config/ingress/index.ts';
import { convertMeshRoutes, isGatewayApi } from '../config/gateway-api/index.ts';

export function compareConfigOrder(a: ConfigEntry, b: ConfigEntry): number {
  if (a.creationTime !== b.creationTime) return a.creationTime < b.creationTime ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0;
}

function base(o: RawObject): ConfigEntry {
  return {
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? 'default',
    spec: o.spec ?? {},
    creationTime: o.metadata.creationTimestamp ?? '',
    source: o,
  };
}

function nonEmpty(labels: unknown): Readonly<Record<string, string>> | undefined {
  return labels && typeof labels === 'object' && Object.keys(labels).length > 0 ? (labels as Record<string, string>) : undefined;
}

/**
 * A VS `gateways` entry as `ns/name` (`resolveGatewayName`): `mesh` stays, `name` and `./name` get the VS
 * namespace, the legacy FQDN form `name.ns.svc.cluster.local` becomes `ns/name`.
 */
export function resolveGatewayName(gw: string, vsNamespace: string): string {
  if (gw === 'mesh') return gw;
  const slash = gw.indexOf('/');
  if (slash >= 0) {
    const ns = gw.slice(0, slash);
    return ns === '.' || ns === '' ? `${vsNamespace}/${gw.slice(slash + 1)}` : gw;
  }
  const dot = gw.indexOf('.');
  if (dot < 0) return `${vsNamespace}/${gw}`;
  const [name, ns] = gw.split('.');
  return `${ns}/${name}`;
}

export function virtualServiceEntry(o: RawObject, mesh: MeshConfig): VirtualServiceEntry {
  const b = base(o);
  const hosts: string[] = (b.spec.hosts ?? []).map((h: string) => resolveShortName(String(h), b.namespace, mesh.configDomainSuffix ?? mesh.domainSuffix));
  const gws: string[] = b.spec.gateways ?? [];
  const gateways = gws.length === 0 ? ['mesh'] : gws.map((g) => resolveGatewayName(String(g), b.namespace));
  return Object.freeze({
    ...b,
    hosts,
    gateways,
    exportTo: parseExportTo(b.spec.exportTo, b.namespace, mesh.defaultVirtualServiceExportTo),
    delegate: hosts.length === 0,
    ...(o.metadata.annotations?.[ROUTE_SEMANTICS_ANNOTATION] === 'ingress' ? { pathSeparatedPrefix: true } : {}),
    // Gateway API routes (src/config/gateway-api): Istio's UseGatewaySemantics, which also means path-separated prefixes.
    ...(o.metadata.annotations?.[ROUTE_SEMANTICS_ANNOTATION] === 'gateway' ? { pathSeparatedPrefix: true, gatewaySemantics: true } : {}),
  });
}

export function destinationRuleEntry(o: RawObject, mesh: MeshConfig): DestinationRuleEntry {
  const b = base(o);
  const selector = nonEmpty(b.spec.workloadSelector?.matchLabels);
  // A DR with a workloadSelector is forced to exportTo "." (push_context.go setDestinationRules).
  const exportTo = parseExportTo(selector ? ['.'] : b.spec.exportTo, b.namespace, mesh.defaultDestinationRuleExportTo);
  return Object.freeze({
    ...b,
    host: resolveShortName(String(b.spec.host ?? ''), b.namespace, mesh.configDomainSuffix ?? mesh.domainSuffix),
    exportTo,
    ...(selector ? { selector } : {}),
  });
}

function selected<T extends ConfigEntry>(o: RawObject, selector: unknown): T {
  const s = nonEmpty(selector);
  return Object.freeze({ ...base(o), ...(s ? { selector: s } : {}) }) as T;
}

export interface ConfigEntries {
  readonly virtualServices: VirtualServiceEntry[];
  readonly destinationRules: DestinationRuleEntry[];
  readonly gateways: GatewayEntry[];
  readonly sidecars: SidecarEntry[];
  readonly peerAuthentications: PeerAuthenticationEntry[];
}

/** DRs with a selector come first, then creation time, name, namespace. */
function compareDestinationRules(a: DestinationRuleEntry, b: DestinationRuleEntry): number {
  if (!!a.selector !== !!b.selector) return a.selector ? -1 : 1;
  return compareConfigOrder(a, b);
}

/** Istio config plus what istiod derives from Kubernetes Ingresses (Gateways + VirtualServices, src/config/ingress). */
export function buildConfigEntries(snapshot: ConfigSnapshot): ConfigEntries {
  const mesh = snapshot.meshConfig;
  const ingress = ingressDerivedConfig(snapshot);
  return {
    virtualServices: [...snapshot.byKind('VirtualService'), ...ingress.virtualServices, ...convertMeshRoutes(snapshot).virtualServices].map((o) => virtualServiceEntry(o, mesh)).sort(compareConfigOrder),
    destinationRules: snapshot.byKind('DestinationRule').map((o) => destinationRuleEntry(o, mesh)).sort(compareDestinationRules),
    // Kubernetes Gateway API Gateways share the kind name; they are not Istio Gateways.
    gateways: [...snapshot.byKind('Gateway').filter((o) => !isGatewayApi(o)), ...ingress.gateways].map((o) => selected<GatewayEntry>(o, o.spec?.selector)).sort(compareConfigOrder),
    sidecars: snapshot.byKind('Sidecar').map((o) => selected<SidecarEntry>(o, o.spec?.workloadSelector?.labels)).sort(compareConfigOrder),
    peerAuthentications: snapshot
      .byKind('PeerAuthentication')
      .map((o) => selected<PeerAuthenticationEntry>(o, o.spec?.selector?.matchLabels))
      .sort(compareConfigOrder),
  };
}
