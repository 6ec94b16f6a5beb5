/**
 * ServiceEntry → one registry service per host, plus its endpoints (inline `endpoints`, or the Pods /
 * WorkloadEntries its `workloadSelector` picks, or — for DNS resolution with neither — the host itself).
 * Istio: `serviceregistry/serviceentry/conversion.go` (convertServices, convertServiceEntryToInstances,
 * convertWorkloadEntryToServiceInstances).
 */
import type { RawObject } from '../../config/load/raw-object.ts';
import type { MeshConfig } from '../../config/mesh-config.ts';
import type { Resolution, Service, ServiceEndpoint, ServicePort, Workload } from '../types.ts';
import { parseProtocol } from '../protocol.ts';
import { labelsMatch, parseExportTo } from '../export-to.ts';
import { parseLocality, spiffeId, tlsModeOf } from './workloads.ts';

const RESOLUTIONS: Readonly<Record<string, Resolution>> = {
  NONE: 'Passthrough', STATIC: 'ClientSideLB', DNS: 'DNSLB', DNS_ROUND_ROBIN: 'DNSRoundRobinLB',
};

/** `/32` and `/128` CIDRs become plain IPs (Istio does the same for listener binds). */
export function normalizeAddress(a: string): string {
  if (a.endsWith('/32') && !a.includes(':')) return a.slice(0, -3);
  if (a.endsWith('/128') && a.includes(':')) return a.slice(0, -4);
  return a;
}

function sePorts(se: RawObject): ServicePort[] {
  return (se.spec.ports ?? []).map((p: any): ServicePort => ({
    name: p.name ?? '',
    port: Number(p.number),
    protocol: parseProtocol(p.protocol),
    ...(p.targetPort !== undefined && p.targetPort !== 0 ? { targetPort: Number(p.targetPort) } : {}),
  }));
}

/** One service per `hosts[]` entry. Location defaults to MESH_EXTERNAL (the proto enum's zero value). */
export function convertServiceEntry(se: RawObject, mesh: MeshConfig): Service[] {
  const ns = se.metadata.namespace ?? 'default';
  const spec = se.spec;
  const resolution = RESOLUTIONS[String(spec.resolution ?? 'NONE')] ?? 'Passthrough';
  const ports = sePorts(se);
  const addresses = (spec.addresses ?? []).map((a: string) => normalizeAddress(String(a)));
  const exportTo = parseExportTo(spec.exportTo, ns, mesh.defaultServiceExportTo);
  const selector = spec.workloadSelector?.labels as Record<string, string> | undefined;
  return (spec.hosts ?? []).map((host: string) => Object.freeze({
    hostname: String(host),
    namespace: ns,
    name: se.metadata.name,
    kind: 'ServiceEntry' as const,
    ports,
    addresses,
    resolution,
    meshExternal: spec.location !== 'MESH_INTERNAL',
    headless: false,
    exportTo,
    serviceAccounts: [...(spec.subjectAltNames ?? [])],
    ...(selector ? { selector } : {}),
    labels: se.metadata.labels ?? {},
    creationTime: se.metadata.creationTimestamp ?? '',
    source: se,
  }));
}

interface EndpointShape {
  readonly address: string;
  readonly ports: Readonly<Record<string, number>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly locality: string | undefined;
  readonly weight: number | undefined;
  readonly network: string | undefined;
  readonly serviceAccount: string | undefined;
  readonly healthy: boolean;
  readonly workload?: Workload;
}

function endpointFor(svc: Service, sp: ServicePort, e: EndpointShape, trustDomain: string): ServiceEndpoint | undefined {
  // An explicit endpoint port for the port name wins; else targetPort; else the service port.
  const port = e.ports[sp.name] ?? (typeof sp.targetPort === 'number' ? sp.targetPort : sp.port);
  if (!e.address) return undefined;
  const sa = e.serviceAccount;
  const w = e.workload;
  return Object.freeze({
    hostname: svc.hostname,
    serviceNamespace: svc.namespace,
    servicePort: sp.port,
    servicePortName: sp.name,
    address: e.address,
    port,
    labels: e.labels,
    locality: parseLocality(e.locality),
    weight: e.weight && e.weight > 0 ? e.weight : 1,
    health: e.healthy ? ('Healthy' as const) : ('Unhealthy' as const),
    tlsMode: tlsModeOf(e.labels, sa, true),
    ...(sa ? { serviceAccount: sa.startsWith('spiffe://') ? sa : spiffeId(trustDomain, svc.namespace, sa) } : {}),
    ...(w ? { workloadName: w.name, workloadNamespace: w.namespace } : {}),
    ...(e.network ? { network: e.network } : {}),
  });
}

function inlineShapes(se: RawObject): EndpointShape[] {
  return (se.spec.endpoints ?? []).map((e: any): EndpointShape => ({
    address: String(e.address ?? ''),
    ports: e.ports ?? {},
    labels: e.labels ?? {},
    locality: e.locality,
    weight: e.weight,
    network: e.network,
    serviceAccount: e.serviceAccount,
    healthy: true,
  }));
}

function workloadShapes(svc: Service, workloads: readonly Workload[]): EndpointShape[] {
  return workloads
    .filter((w) => w.namespace === svc.namespace && w.ip && labelsMatch(svc.selector, w.labels))
    .map((w): EndpointShape => ({
      address: w.ip!,
      ports: w.kind === 'WorkloadEntry' ? (w.namedPorts as Record<string, number>) : {},
      labels: w.labels,
      locality: w.locality.region || w.locality.zone ? `${w.locality.region}/${w.locality.zone}/${w.locality.subzone}` : undefined,
      weight: w.weight,
      network: w.network,
      serviceAccount: w.serviceAccount,
      healthy: w.ready,
      workload: w,
    }));
}

/** Endpoints of one ServiceEntry host. */
export function serviceEntryEndpoints(svc: Service, workloads: readonly Workload[], trustDomain: string): ServiceEndpoint[] {
  const se = svc.source;
  let shapes: EndpointShape[];
  if (svc.selector) shapes = workloadShapes(svc, workloads);
  else if ((se.spec.endpoints ?? []).length > 0) shapes = inlineShapes(se);
  else if ((svc.resolution === 'DNSLB' || svc.resolution === 'DNSRoundRobinLB') && !svc.hostname.startsWith('*')) {
    shapes = [{ address: svc.hostname, ports: {}, labels: {}, locality: undefined, weight: undefined, network: undefined, serviceAccount: undefined, healthy: true }];
  } else shapes = [];
  const out: ServiceEndpoint[] = [];
  for (const sp of svc.ports) {
    for (const s of shapes) {
      const ep = endpointFor(svc, sp, s, trustDomain);
      if (ep) out.push(ep);
    }
  }
  return out;
}
