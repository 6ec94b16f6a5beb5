/**
 * What kind of push a config change needs (istiod's PushRequest: `Full` or an endpoint-only push that
 * runs only the EDS generator; pilot `xds/eds.go` `EDSUpdate` / `edsCacheUpdate`). Decided by diffing
 * the old and new snapshot and their mesh models — never from a hand-kept "kind affects type" table
 * alone: a change may go the EDS-only way only when
 *  - every changed object is endpoint-bearing (Pod, EndpointSlice, Endpoints, WorkloadEntry, or a
 *    Service/ServiceEntry whose derived service is unchanged) and the mesh config is the same,
 *  - the services the model derives (hosts, ports, selectors, resolution, …) are unchanged, and
 *  - every service whose endpoints changed is EDS-resolved (ClientSideLB, not headless: headless and DNS
 *    endpoints live in LDS/CDS) and keeps, per port, whether it has endpoints and whether all of them are
 *    mTLS-capable (ORIGINAL_DST auto-mTLS reads that in CDS; istiod full-pushes a service's first
 *    endpoints too).
 * Proxies whose own IP is touched (a changed workload, or an added/removed endpoint at that IP: their
 * inbound side and locality come from it) still get a full push: `fullForIps`.
 * When unsure, `full`: correctness first.
 */
import type { ConfigSnapshot } from '../config/snapshot.ts';
import { serviceKey, type MeshModel, type ServiceEndpoint, type Workload } from '../model/index.ts';

export type ChangeClass =
  | { readonly kind: 'none' }
  | { readonly kind: 'full'; readonly reason: string }
  | { readonly kind: 'eds'; readonly services: readonly string[]; readonly fullForIps: ReadonlySet<string> };

export interface ChangeInput { readonly snapshot: ConfigSnapshot; readonly model: () => MeshModel }

/** Kinds whose objects only carry endpoints (and the workloads behind them). */
export const ENDPOINT_KINDS: ReadonlySet<string> = new Set(['Pod', 'EndpointSlice', 'Endpoints', 'WorkloadEntry']);
/**
 * Kinds that define services but may also carry endpoints (ServiceEntry `endpoints`, Service
 * `publishNotReadyAddresses`): endpoint-only when the services the model derives from them are unchanged
 * (istiod's ServiceEntry controller likewise pushes EDS only for services whose definition is unchanged).
 */
export const SERVICE_KINDS: ReadonlySet<string> = new Set(['ServiceEntry', 'Service']);

/** JSON for equality checks: Sets and Maps spelled out, source maps (file lines) left out. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (k, x) => {
    if (k === 'source') return undefined;
    if (x instanceof Set) return { $set: [...x].map(String).sort() };
    if (x instanceof Map) return { $map: [...x.entries()] };
    return x;
  });
}

/** Kinds of objects added, removed or modified between two snapshots (sorted). */
export function changedKinds(prev: ConfigSnapshot, next: ConfigSnapshot): string[] {
  const index = (s: ConfigSnapshot): Map<string, { kind: string; object: unknown }> =>
    new Map(s.objects.map((o) => [`${o.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`, { kind: o.kind, object: o.object }]));
  const a = index(prev), b = index(next);
  const kinds = new Set<string>();
  for (const [k, o] of a) {
    const n = b.get(k);
    if (!n || (n.object !== o.object && stableJson(n.object) !== stableJson(o.object))) kinds.add(o.kind);
  }
  for (const [k, o] of b) if (!a.has(k)) kinds.add(o.kind);
  return [...kinds].sort();
}

const workloadKey = (w: Workload): string => `${w.kind}/${w.namespace}/${w.name}`;

/** IPs of workloads that were added, removed or changed. */
function changedWorkloadIps(prev: MeshModel, next: MeshModel): Set<string> {
  const a = new Map(prev.workloads.map((w) => [workloadKey(w), w]));
  const b = new Map(next.workloads.map((w) => [workloadKey(w), w]));
  const ips = new Set<string>();
  const mark = (w: Workload | undefined): void => { if (w?.ip) ips.add(w.ip); };
  for (const [k, w] of a) { const n = b.get(k); if (!n || stableJson(n) !== stableJson(w)) { mark(w); mark(n); } }
  for (const [k, w] of b) if (!a.has(k)) mark(w);
  return ips;
}

/** Per service port: has endpoints, and whether all of them are mTLS-capable. */
function portShape(eps: readonly ServiceEndpoint[]): string {
  const by = new Map<number, { n: number; istio: number }>();
  for (const e of eps) {
    const s = by.get(e.servicePort) ?? { n: 0, istio: 0 };
    s.n++;
    if (e.tlsMode === 'istio') s.istio++;
    by.set(e.servicePort, s);
  }
  return [...by.entries()].sort((x, y) => x[0] - y[0]).map(([p, s]) => `${p}:${s.istio === s.n}`).join(',');
}

/** Which services' endpoints changed, or why this cannot be an endpoint-only push. */
function endpointDiff(prev: MeshModel, next: MeshModel): { services: string[]; ips: Set<string> } | { reason: string } {
  const keys = new Set([...prev.endpointsByService.keys(), ...next.endpointsByService.keys()]);
  const services: string[] = [], ips = new Set<string>();
  const byKey = new Map(next.services.map((s) => [serviceKey(s.hostname, s.namespace), s]));
  for (const key of [...keys].sort()) {
    const a = prev.endpointsByService.get(key) ?? [], b = next.endpointsByService.get(key) ?? [];
    if (a === b) continue;
    const as = a.map((e) => stableJson(e)), bs = b.map((e) => stableJson(e));
    if (as.join('\n') === bs.join('\n')) continue;
    const svc = byKey.get(key);
    if (!svc) return { reason: `endpoints of unknown service ${key} changed` };
    if (svc.resolution !== 'ClientSideLB' || svc.headless) return { reason: `endpoints of ${key} (resolution ${svc.resolution}${svc.headless ? ', headless' : ''}) are not EDS-only` };
    if (portShape(a) !== portShape(b)) return { reason: `endpoints of ${key} appeared, vanished or changed mTLS capability` };
    const sa = new Set(as), sb = new Set(bs);
    a.forEach((e, i) => { if (!sb.has(as[i])) ips.add(e.address); });
    b.forEach((e, i) => { if (!sa.has(bs[i])) ips.add(e.address); });
    services.push(key);
  }
  return { services, ips };
}

/** Classify the change from `prev` to `next` (pure; models are built lazily, once per snapshot by the caller). */
export function classifyChange(prev: ChangeInput, next: ChangeInput): ChangeClass {
  if (prev.snapshot === next.snapshot) return { kind: 'none' };
  if (prev.snapshot.meshConfig !== next.snapshot.meshConfig && stableJson(prev.snapshot.meshConfig) !== stableJson(next.snapshot.meshConfig)) {
    return { kind: 'full', reason: 'mesh config changed' };
  }
  const kinds = changedKinds(prev.snapshot, next.snapshot);
  if (kinds.length === 0) return { kind: 'none' };
  const other = kinds.filter((k) => !ENDPOINT_KINDS.has(k) && !SERVICE_KINDS.has(k));
  if (other.length > 0) return { kind: 'full', reason: `${other.join(', ')} changed` };
  const a = prev.model(), b = next.model();
  if (stableJson(a.services) !== stableJson(b.services)) return { kind: 'full', reason: 'services changed' };
  const diff = endpointDiff(a, b);
  if ('reason' in diff) return { kind: 'full', reason: diff.reason };
  const fullForIps = changedWorkloadIps(a, b);
  for (const ip of diff.ips) fullForIps.add(ip);
  return { kind: 'eds', services: diff.services, fullForIps };
}
