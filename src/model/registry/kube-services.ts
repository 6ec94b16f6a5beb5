/**
 * Kubernetes Services → registry services, and their endpoints from EndpointSlices, else Endpoints,
 * else the Pods the Service selects. Istio: `pkg/config/kube/conversion.go` (ConvertService, ConvertProtocol),
 * `serviceregistry/kube/controller/endpointslice.go`, `endpoint_builder.go`.
 */
import type { ConfigSnapshot } from '../../config/snapshot.ts';
import type { RawObject } from '../../config/load/raw-object.ts';
import type { MeshConfig } from '../../config/mesh-config.ts';
import type { HealthStatus, Service, ServiceEndpoint, ServicePort, Workload } from '../types.ts';
import { kubePortProtocol } from '../protocol.ts';
import { labelsMatch, serviceExportTo } from '../export-to.ts';
import { NO_LOCALITY, parseLocality, tlsModeOf } from './workloads.ts';

export function kubeHostname(name: string, ns: string, suffix: string): string {
  return `${name}.${ns}.svc.${suffix}`;
}

function servicePorts(svc: RawObject): ServicePort[] {
  return (svc.spec.ports ?? []).map((p: any): ServicePort => ({
    name: p.name ?? '',
    port: Number(p.port),
    protocol: kubePortProtocol(Number(p.port), p.name, p.protocol, p.appProtocol),
    ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
  }));
}

export function convertKubeService(svc: RawObject, mesh: MeshConfig): Service {
  const ns = svc.metadata.namespace ?? 'default';
  const spec = svc.spec;
  const externalName = spec.type === 'ExternalName' ? String(spec.externalName ?? '') : undefined;
  const headless = spec.clusterIP === 'None';
  const ips: string[] = (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).filter((ip: string) => ip && ip !== 'None');
  const resolution = externalName !== undefined ? 'Alias' : headless ? 'Passthrough' : 'ClientSideLB';
  const selector = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
  return Object.freeze({
    hostname: kubeHostname(svc.metadata.name, ns, mesh.domainSuffix),
    namespace: ns,
    name: svc.metadata.name,
    kind: 'Service' as const,
    ports: servicePorts(svc),
    addresses: ips,
    resolution,
    meshExternal: false,
    headless,
    ...(externalName !== undefined ? { externalName } : {}),
    exportTo: serviceExportTo(svc.metadata.annotations, ns, mesh.defaultServiceExportTo),
    serviceAccounts: [],
    ...(selector ? { selector } : {}),
    labels: svc.metadata.labels ?? {},
    creationTime: svc.metadata.creationTimestamp ?? '',
    source: svc,
  });
}

interface RawAddress { ip: string; podName?: string; nodeName?: string; zone?: string; health: HealthStatus }

/** The workload port for a service port: numeric targetPort, a named one resolved on the workload, else the port. */
export function resolveTargetPort(sp: ServicePort, w: Workload | undefined): number | undefined {
  const t = sp.targetPort;
  if (t === undefined || t === '') return sp.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  return w?.namedPorts[t];
}

interface EndpointContext {
  readonly svc: Service;
  readonly trustDomain: string;
  readonly podsByName: ReadonlyMap<string, Workload>;
  readonly podsByIp: ReadonlyMap<string, Workload>;
}

function makeEndpoint(ctx: EndpointContext, sp: ServicePort, a: RawAddress, port: number): ServiceEndpoint {
  // `publishNotReadyAddresses`: Kubernetes (and Istio) treat every address as ready.
  const health = ctx.svc.source.spec.publishNotReadyAddresses === true ? 'Healthy' : a.health;
  const w = (a.podName && ctx.podsByName.get(a.podName)) || ctx.podsByIp.get(a.ip);
  const labels = w?.labels ?? {};
  const locality = w && (w.locality.region || w.locality.zone) ? w.locality : a.zone ? { ...NO_LOCALITY, zone: a.zone } : NO_LOCALITY;
  return Object.freeze({
    hostname: ctx.svc.hostname,
    serviceNamespace: ctx.svc.namespace,
    servicePort: sp.port,
    servicePortName: sp.name,
    address: a.ip,
    port,
    labels,
    locality: labels['istio-locality'] ? parseLocality(labels['istio-locality'], '.') : locality,
    weight: 1,
    health,
    tlsMode: tlsModeOf(labels),
    ...(w?.serviceAccount ? { serviceAccount: `spiffe://${ctx.trustDomain}/ns/${w.namespace}/sa/${w.serviceAccount}` } : {}),
    ...(w ? { workloadName: w.name, workloadNamespace: w.namespace } : {}),
    ...(w?.network ? { network: w.network } : {}),
  });
}

function sliceHealth(c: any): HealthStatus {
  if (c?.ready !== false) return 'Healthy';
  return c?.terminating === true ? 'Terminating' : 'Unhealthy';
}

function fromEndpointSlices(ctx: EndpointContext, slices: readonly RawObject[]): ServiceEndpoint[] {
  const out: ServiceEndpoint[] = [];
  for (const slice of slices) {
    const at = slice.object.addressType;
    if (at && at !== 'IPv4' && at !== 'IPv6') continue;
    const ports: any[] = slice.object.ports ?? [];
    for (const sp of ctx.svc.ports) {
      const p = ports.find((x) => (x?.name ?? '') === sp.name);
      if (!p || typeof p.port !== 'number') continue;
      for (const e of slice.object.endpoints ?? []) {
        const podName = e?.targetRef?.kind === 'Pod' ? e.targetRef.name : undefined;
        for (const ip of e?.addresses ?? []) {
          out.push(makeEndpoint(ctx, sp, { ip, podName, nodeName: e.nodeName, zone: e.zone, health: sliceHealth(e.conditions) }, p.port));
        }
      }
    }
  }
  return out;
}

function fromEndpoints(ctx: EndpointContext, eps: RawObject): ServiceEndpoint[] {
  const out: ServiceEndpoint[] = [];
  for (const subset of eps.object.subsets ?? []) {
    const ports: any[] = subset?.ports ?? [];
    for (const sp of ctx.svc.ports) {
      const p = ports.find((x) => (x?.name ?? '') === sp.name) ?? (ports.length === 1 && ctx.svc.ports.length === 1 ? ports[0] : undefined);
      if (!p || typeof p.port !== 'number') continue;
      const add = (list: any[] | undefined, health: HealthStatus) => {
        for (const a of list ?? []) {
          const podName = a?.targetRef?.kind === 'Pod' ? a.targetRef.name : undefined;
          if (a?.ip) out.push(makeEndpoint(ctx, sp, { ip: a.ip, podName, health }, p.port));
        }
      };
      add(subset.addresses, 'Healthy');
      add(subset.notReadyAddresses, 'Unhealthy');
    }
  }
  return out;
}

function fromPods(ctx: EndpointContext, pods: readonly Workload[]): ServiceEndpoint[] {
  const out: ServiceEndpoint[] = [];
  if (!ctx.svc.selector) return out;
  for (const sp of ctx.svc.ports) {
    for (const w of pods) {
      if (w.kind !== 'Pod' || w.namespace !== ctx.svc.namespace || !w.ip || !labelsMatch(ctx.svc.selector, w.labels)) continue;
      const port = resolveTargetPort(sp, w);
      if (port === undefined) continue;
      out.push(makeEndpoint(ctx, sp, { ip: w.ip, podName: w.name, health: w.ready ? 'Healthy' : 'Unhealthy' }, port));
    }
  }
  return out;
}

/** Pods by namespace (by name and IP) and EndpointSlices by owning service, built once per snapshot. */
export interface KubeIndex {
  readonly snapshot: ConfigSnapshot;
  readonly pods: ReadonlyMap<string, { list: Workload[]; byName: Map<string, Workload>; byIp: Map<string, Workload> }>;
  readonly slices: ReadonlyMap<string, RawObject[]>;
}

export function buildKubeIndex(snapshot: ConfigSnapshot, workloads: readonly Workload[]): KubeIndex {
  const pods = new Map<string, { list: Workload[]; byName: Map<string, Workload>; byIp: Map<string, Workload> }>();
  for (const w of workloads) {
    if (w.kind !== 'Pod') continue;
    let e = pods.get(w.namespace);
    if (!e) pods.set(w.namespace, (e = { list: [], byName: new Map(), byIp: new Map() }));
    e.list.push(w);
    e.byName.set(w.name, w);
    if (w.ip && !e.byIp.has(w.ip)) e.byIp.set(w.ip, w);
  }
  const slices = new Map<string, RawObject[]>();
  for (const s of snapshot.byKind('EndpointSlice')) {
    const owner = s.metadata.labels?.['kubernetes.io/service-name'];
    if (!owner) continue;
    const k = `${s.metadata.namespace ?? 'default'}/${owner}`;
    const l = slices.get(k);
    if (l) l.push(s);
    else slices.set(k, [s]);
  }
  return { snapshot, pods, slices };
}

const NO_PODS = { list: [] as Workload[], byName: new Map<string, Workload>(), byIp: new Map<string, Workload>() };

/** Endpoints of one k8s Service: EndpointSlices, else Endpoints, else selected Pods. */
export function kubeServiceEndpoints(svc: Service, idx: KubeIndex, trustDomain: string): ServiceEndpoint[] {
  if (svc.resolution === 'Alias') return [];
  const pods = idx.pods.get(svc.namespace) ?? NO_PODS;
  const ctx: EndpointContext = { svc, trustDomain, podsByName: pods.byName, podsByIp: pods.byIp };
  const slices = idx.slices.get(`${svc.namespace}/${svc.name}`);
  if (slices && slices.length > 0) return fromEndpointSlices(ctx, slices);
  const eps = idx.snapshot.get('Endpoints', svc.namespace, svc.name);
  if (eps) return fromEndpoints(ctx, eps);
  return fromPods(ctx, pods.list);
}
