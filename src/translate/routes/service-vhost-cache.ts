/**
 * Per-view memo of what a sidecar vhost needs from a registry service that does not depend on the route
 * configuration being built: its domains (`generateVirtualHostDomains` + ExternalName aliases), the
 * alt hosts for `dedupeDomains`, and per-port strings (vhost name, cluster name, decorator operation).
 * istiod likewise computes these once per push (SidecarScope / service indexes), not per RDS request.
 * Caches are WeakMaps keyed by frozen inputs (ProxyView, MeshModel, Service, EgressListener); the cached
 * arrays are never handed out for mutation (callers copy).
 */
import type { Json } from '../../envoy/types.ts';
import type { EgressListener, MeshModel, ProxyView, Service } from '../../model/types.ts';
import { defaultRouteOperation, outboundClusterName, virtualHostName } from '../names.ts';
import { serviceDomains } from './virtual-host-domains.ts';

export interface ServiceVhostInfo {
  readonly domains: readonly string[];
  /** Per domain index: is it an alt host (short form) — `dedupeDomains` drops those naming another vhost. */
  readonly altFlags: readonly boolean[];
  /** Per port: vhost name, outbound cluster name, default route decorator operation. */
  readonly ports: Map<number, ServicePortNames>;
}

export interface ServicePortNames {
  readonly name: string;
  readonly cluster: string;
  readonly operation: string;
  /** Default route's hash policy (DR consistentHash) and retry policy (mesh default), once computed. */
  defaults?: { readonly hash: Json[] | undefined; readonly retry: Json | undefined };
}

const aliasIndexes = new WeakMap<MeshModel, Map<string, string[]>>();

/** ExternalName (Alias) services by the hostname they point at, each list sorted. */
function aliasIndex(model: MeshModel): Map<string, string[]> {
  let idx = aliasIndexes.get(model);
  if (idx) return idx;
  idx = new Map();
  for (const a of model.services) {
    if (a.resolution !== 'Alias' || a.externalName === undefined) continue;
    const list = idx.get(a.externalName);
    if (list) list.push(a.hostname); else idx.set(a.externalName, [a.hostname]);
  }
  for (const list of idx.values()) list.sort();
  aliasIndexes.set(model, idx);
  return idx;
}

/** ExternalName (Alias) services pointing at `svc`: their names are added to its vhost (Istio 1.21+). */
export function aliasesOf(model: MeshModel, svc: Service): readonly string[] {
  return aliasIndex(model).get(svc.hostname) ?? [];
}

const infoCaches = new WeakMap<ProxyView, WeakMap<Service, ServiceVhostInfo>>();

export function serviceVhostInfo(view: ProxyView, svc: Service): ServiceVhostInfo {
  let perView = infoCaches.get(view);
  if (!perView) infoCaches.set(view, (perView = new WeakMap()));
  let info = perView.get(svc);
  if (!info) {
    const { domains, altHosts } = serviceDomains(svc, view.dnsDomain, aliasesOf(view.model, svc));
    const alt = new Set(altHosts);
    info = { domains, altFlags: domains.map((d) => alt.has(d)), ports: new Map() };
    perView.set(svc, info);
  }
  return info;
}

/** The per-port strings of `svc` (memoized on its info). */
export function servicePortNames(info: ServiceVhostInfo, svc: Service, port: number): ServicePortNames {
  let p = info.ports.get(port);
  if (!p) {
    p = { name: virtualHostName(svc.hostname, port), cluster: outboundClusterName(port, svc.hostname), operation: defaultRouteOperation(svc.hostname, port) };
    info.ports.set(port, p);
  }
  return p;
}

export interface PortRegistry {
  /** Services of the listener having `port`, first per hostname wins (listener order). */
  readonly registry: ReadonlyMap<string, Service>;
  /** Its values sorted by hostname. */
  readonly sorted: readonly Service[];
}

const registryCaches = new WeakMap<EgressListener, Map<number, PortRegistry>>();

export function portRegistry(egress: EgressListener, port: number): PortRegistry {
  let perListener = registryCaches.get(egress);
  if (!perListener) registryCaches.set(egress, (perListener = new Map()));
  let r = perListener.get(port);
  if (!r) {
    const registry = new Map<string, Service>();
    for (const svc of egress.services) {
      if (svc.ports.some((p) => p.port === port) && !registry.has(svc.hostname)) registry.set(svc.hostname, svc);
    }
    const sorted = [...registry.values()].sort((a, b) => (a.hostname < b.hostname ? -1 : 1));
    r = { registry, sorted };
    perListener.set(port, r);
  }
  return r;
}

/** A service's cached vhost data for one port. */
export interface PortEntry {
  readonly svc: Service;
  readonly info: ServiceVhostInfo;
  readonly names: ServicePortNames;
}

export function portEntry(view: ProxyView, svc: Service, port: number): PortEntry {
  const info = serviceVhostInfo(view, svc);
  return { svc, info, names: servicePortNames(info, svc, port) };
}

const candidateCaches = new WeakMap<ProxyView, WeakMap<EgressListener, Map<number, readonly PortEntry[]>>>();

/**
 * The default-route vhost candidates of a listener port: `sorted` services (the port registry's, by
 * hostname), one entry per port entry equal to `port` that `isHttp` accepts, in that order.
 */
export function defaultCandidates(view: ProxyView, egress: EgressListener, sorted: readonly Service[], port: number, isHttp: (p: Service['ports'][number]) => boolean): readonly PortEntry[] {
  let perView = candidateCaches.get(view);
  if (!perView) candidateCaches.set(view, (perView = new WeakMap()));
  let perPort = perView.get(egress);
  if (!perPort) perView.set(egress, (perPort = new Map()));
  let list = perPort.get(port);
  if (!list) {
    const out: PortEntry[] = [];
    for (const svc of sorted) for (const p of svc.ports) if (p.port === port && isHttp(p)) out.push(portEntry(view, svc, port));
    perPort.set(port, (list = out));
  }
  return list;
}
