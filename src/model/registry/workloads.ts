/**
 * Pods and WorkloadEntries as workloads (labels, IP, readiness, locality, service account).
 * Istio: `serviceregistry/kube/controller/pod.go`, `serviceregistry/serviceentry/conversion.go` (convertWorkloadEntry),
 * locality from the `istio-locality` label or the node's topology labels (`pkg/kube/labels`, `model.GetLocalityLabel`).
 */
import type { ConfigSnapshot } from '../../config/snapshot.ts';
import type { RawObject } from '../../config/load/raw-object.ts';
import type { Locality, Workload } from '../types.ts';

export const NO_LOCALITY: Locality = Object.freeze({ region: '', zone: '', subzone: '' });

/** `region/zone/subzone` (WorkloadEntry) or `region.zone.subzone` (the `istio-locality` label). */
export function parseLocality(text: string | undefined, sep: '/' | '.' = '/'): Locality {
  if (!text) return NO_LOCALITY;
  const [region = '', zone = '', subzone = ''] = text.split(sep);
  return { region, zone, subzone };
}

function nodeLocality(node: RawObject | undefined): Locality {
  const l = node?.metadata.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const subzone = l['topology.istio.io/subzone'] ?? '';
  return region || zone || subzone ? { region, zone, subzone } : NO_LOCALITY;
}

/** Pod readiness: the `Ready` condition when present, else running (or no status at all). */
function podReady(pod: RawObject): boolean {
  const status = pod.object.status;
  if (!status) return true;
  const ready = (status.conditions ?? []).find((c: any) => c?.type === 'Ready');
  if (ready) return String(ready.status) === 'True';
  return status.phase === undefined || status.phase === 'Running';
}

function containerPorts(pod: RawObject): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
    for (const p of c?.ports ?? []) if (p?.name && typeof p.containerPort === 'number') out[p.name] ??= p.containerPort;
  }
  return out;
}

export function podWorkload(pod: RawObject, snapshot: ConfigSnapshot): Workload {
  const labels = pod.metadata.labels ?? {};
  const nodeName = pod.spec.nodeName as string | undefined;
  const locality = labels['istio-locality']
    ? parseLocality(labels['istio-locality'], '.')
    : nodeLocality(nodeName ? snapshot.get('Node', undefined, nodeName) : undefined);
  const ip = (pod.object.status?.podIP as string | undefined) ?? (pod.object.status?.podIPs?.[0]?.ip as string | undefined);
  return Object.freeze({
    kind: 'Pod' as const,
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    ...(ip ? { ip } : {}),
    labels,
    ready: podReady(pod),
    serviceAccount: (pod.spec.serviceAccountName as string | undefined) ?? 'default',
    locality,
    ...(labels['topology.istio.io/network'] ? { network: labels['topology.istio.io/network'] } : {}),
    namedPorts: containerPorts(pod),
    source: pod,
  });
}

/** A WorkloadEntry-shaped spec (WorkloadEntry, ServiceEntry endpoint) as a workload. */
export function entryWorkload(spec: Record<string, any>, name: string, namespace: string, source: RawObject): Workload {
  return Object.freeze({
    kind: 'WorkloadEntry' as const,
    name,
    namespace,
    ...(spec.address ? { ip: String(spec.address) } : {}),
    labels: spec.labels ?? {},
    ready: true,
    ...(spec.serviceAccount ? { serviceAccount: String(spec.serviceAccount) } : {}),
    locality: parseLocality(spec.locality),
    ...(spec.network ? { network: String(spec.network) } : {}),
    ...(typeof spec.weight === 'number' ? { weight: spec.weight } : {}),
    namedPorts: { ...(spec.ports ?? {}) },
    source,
  });
}

/** Every Pod and WorkloadEntry, in snapshot order. */
export function buildWorkloads(snapshot: ConfigSnapshot): Workload[] {
  const out: Workload[] = snapshot.byKind('Pod').map((p) => podWorkload(p, snapshot));
  for (const we of snapshot.byKind('WorkloadEntry')) {
    out.push(entryWorkload(we.spec, we.metadata.name, we.metadata.namespace ?? 'default', we));
  }
  return out;
}

/** Spiffe identity of a workload service account. */
export function spiffeId(trustDomain: string, ns: string, sa: string): string {
  return `spiffe://${trustDomain}/ns/${ns}/sa/${sa}`;
}

/** `security.istio.io/tlsMode` label → endpoint tlsMode (pods without it have no sidecar → disabled). */
export function tlsModeOf(labels: Readonly<Record<string, string>>, serviceAccount?: string, entry = false): 'istio' | 'disabled' {
  const l = labels['security.istio.io/tlsMode'];
  if (l !== undefined) return l === 'istio' ? 'istio' : 'disabled';
  return entry && serviceAccount ? 'istio' : 'disabled';
}
