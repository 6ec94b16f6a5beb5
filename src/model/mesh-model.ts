/**
 * `buildMeshModel(snapshot)`: the service registry (k8s + ServiceEntry), endpoints, and the Istio config
 * indexes, computed once per snapshot so per-proxy work (proxy-view.ts) is lookups.
 * Istio: `model/push_context.go` (initServiceRegistry, initVirtualServices, setDestinationRules).
 */
import type { ConfigSnapshot } from '../config/snapshot.ts';
import type { MeshIndex, MeshModel, Service, ServiceEndpoint, VirtualServiceEntry, Workload } from './types.ts';
import { buildKubeIndex, convertKubeService, kubeServiceEndpoints } from './registry/kube-services.ts';
import { convertServiceEntry, serviceEntryEndpoints } from './registry/service-entries.ts';
import { buildWorkloads } from './registry/workloads.ts';
import { buildConfigEntries } from './config-entries.ts';
import { indexDestinationRules } from './destination-rules.ts';
import { isPrivateTo } from './export-to.ts';

export const serviceKey = (hostname: string, namespace: string): string => `${namespace}/${hostname}`;
export const endpointPortKey = (hostname: string, namespace: string, port: number): string => `${namespace}/${hostname}:${port}`;

function indexEndpointsByPort(byService: ReadonlyMap<string, readonly ServiceEndpoint[]>): Map<string, ServiceEndpoint[]> {
  const out = new Map<string, ServiceEndpoint[]>();
  for (const list of byService.values()) {
    for (const e of list) {
      const k = endpointPortKey(e.hostname, e.serviceNamespace, e.servicePort);
      const l = out.get(k);
      if (l) l.push(e);
      else out.set(k, [e]);
    }
  }
  return out;
}

/** k8s Services before ServiceEntries (the kube registry comes first in the aggregate), then age, then name. */
function compareServicePrecedence(a: Service, b: Service): number {
  if (a.kind !== b.kind) return a.kind === 'Service' ? -1 : 1;
  if (a.creationTime !== b.creationTime) return a.creationTime < b.creationTime ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

interface Registry {
  services: Service[];
  endpoints: Map<string, ServiceEndpoint[]>;
}

/**
 * Same hostname in one namespace: the first service (k8s before SE, then oldest) defines the service;
 * endpoints of all of them are merged (Istio's endpoint index is keyed by hostname + namespace).
 */
function buildRegistry(snapshot: ConfigSnapshot, workloads: readonly Workload[]): Registry {
  const mesh = snapshot.meshConfig;
  const all: Service[] = [
    ...snapshot.byKind('Service').map((s) => convertKubeService(s, mesh)),
    ...snapshot.byKind('ServiceEntry').flatMap((se) => convertServiceEntry(se, mesh)),
  ].sort(compareServicePrecedence);
  const kubeIndex = buildKubeIndex(snapshot, workloads);
  const byKey = new Map<string, Service>();
  const endpoints = new Map<string, ServiceEndpoint[]>();
  for (const svc of all) {
    const key = serviceKey(svc.hostname, svc.namespace);
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, svc);
    else if (canMergeServices(existing, svc)) byKey.set(key, mergePorts(existing, svc));
    const eps = svc.kind === 'Service'
      ? kubeServiceEndpoints(svc, kubeIndex, mesh.trustDomain)
      : serviceEntryEndpoints(svc, workloads, mesh.trustDomain);
    const list = endpoints.get(key) ?? [];
    list.push(...eps);
    endpoints.set(key, list);
  }
  const services = [...byKey.values()].map((svc) => withServiceAccounts(svc, endpoints.get(serviceKey(svc.hostname, svc.namespace)) ?? []));
  services.sort((a, b) => (a.hostname !== b.hostname ? (a.hostname < b.hostname ? -1 : 1) : a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
  return { services, endpoints };
}

const sameMap = (a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean => {
  const ka = Object.keys(a ?? {}), kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every((k) => (a ?? {})[k] === (b ?? {})[k]);
};
const sameExportTo = (a: Service['exportTo'], b: Service['exportTo']): boolean =>
  a.public === b.public && a.namespaces.size === b.namespaces.size && [...a.namespaces].every((n) => b.namespaces.has(n));

/**
 * Istio `canMergeServices` (model/sidecar.go): two services of one hostname and namespace from the same registry
 * with the same resolution, labels, selector and exportTo — e.g. two ServiceEntries for one host with different
 * ports — are served as one service with the union of their ports (the sidecar scope merges them; the first
 * service's other attributes win). Otherwise the later one is ignored.
 */
function canMergeServices(a: Service, b: Service): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.resolution === b.resolution
    && sameMap(a.labels, b.labels) && sameMap(a.selector, b.selector) && sameExportTo(a.exportTo, b.exportTo);
}

function mergePorts(into: Service, from: Service): Service {
  const extra = from.ports.filter((p) => !into.ports.some((q) => q.port === p.port));
  return extra.length ? Object.freeze({ ...into, ports: [...into.ports, ...extra] }) : into;
}

/** Service accounts = the service's own (SE subjectAltNames) ∪ its endpoints' (push_context initServiceAccounts), sorted. */
function withServiceAccounts(svc: Service, eps: readonly ServiceEndpoint[]): Service {
  const fromEps = eps.map((e) => e.serviceAccount).filter((s): s is string => !!s);
  if (fromEps.length === 0) return svc;
  return Object.freeze({ ...svc, serviceAccounts: [...new Set([...svc.serviceAccounts, ...fromEps])].sort() });
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const l = m.get(k);
    if (l) l.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** VS indexes (`initVirtualServices`): private to a namespace, exported to listed namespaces, public. */
function indexVirtualServices(vss: readonly VirtualServiceEntry[]) {
  const vsPublic: VirtualServiceEntry[] = [];
  const vsPrivate = new Map<string, VirtualServiceEntry[]>();
  const vsByNamespaceExport = new Map<string, VirtualServiceEntry[]>();
  const push = (m: Map<string, VirtualServiceEntry[]>, k: string, v: VirtualServiceEntry) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const vs of vss) {
    if (vs.exportTo.public) vsPublic.push(vs);
    else if (isPrivateTo(vs.exportTo, vs.namespace)) push(vsPrivate, vs.namespace, vs);
    else for (const ns of [...vs.exportTo.namespaces].sort()) push(vsByNamespaceExport, ns, vs);
  }
  return { vsPublic, vsPrivate, vsByNamespaceExport };
}

function collectNamespaces(snapshot: ConfigSnapshot, rootNamespace: string): string[] {
  const s = new Set<string>([rootNamespace]);
  for (const o of snapshot.objects) {
    if (o.kind === 'Namespace') s.add(o.metadata.name);
    else if (o.metadata.namespace) s.add(o.metadata.namespace);
  }
  return [...s].sort();
}

export function buildMeshModel(snapshot: ConfigSnapshot): MeshModel {
  const mesh = snapshot.meshConfig;
  const workloads = buildWorkloads(snapshot);
  const { services, endpoints } = buildRegistry(snapshot, workloads);
  const entries = buildConfigEntries(snapshot);
  const drIdx = indexDestinationRules(entries.destinationRules);
  const index: MeshIndex = {
    ...indexVirtualServices(entries.virtualServices),
    drNamespaceLocal: drIdx.namespaceLocal,
    drExportedByNamespace: drIdx.exportedByNamespace,
    endpointsByServicePort: indexEndpointsByPort(endpoints),
    workloadsByIp: new Map(workloads.filter((w) => w.ip).map((w) => [w.ip!, w] as const).reverse()),
  };
  return Object.freeze({
    meshConfig: mesh,
    rootNamespace: mesh.rootNamespace,
    domainSuffix: mesh.domainSuffix,
    configDomainSuffix: mesh.configDomainSuffix ?? mesh.domainSuffix,
    namespaces: collectNamespaces(snapshot, mesh.rootNamespace),
    services,
    servicesByHost: groupBy(services, (s) => s.hostname),
    endpointsByService: endpoints,
    workloads,
    ...entries,
    index,
  });
}
