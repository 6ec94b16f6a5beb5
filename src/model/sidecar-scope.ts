/**
 * The Sidecar resource that applies to a proxy and the outbound scope it gives: Istio's `model/sidecar.go`
 * (DefaultSidecarScopeForNamespace, ConvertToSidecarScope, selectServices, SelectVirtualServices).
 */
import type { EgressListener, MeshModel, Service, SidecarEntry, SidecarScope, VirtualServiceEntry } from './types.ts';
import type { ProxySpec } from './proxy-spec.ts';
import { parseProtocol } from './protocol.ts';
import { hostsMatch, hostSubsetOf, resolveShortName } from './hosts.ts';
import { isVisibleTo, labelsMatch } from './export-to.ts';
import { outboundTrafficMode } from '../config/mesh-config.ts';

type HostRef = { readonly namespace: string; readonly host: string };
const ALL_HOSTS: readonly HostRef[] = [{ namespace: '*', host: '*' }];

/** Workload-selector Sidecar in the proxy namespace, else its selector-less one, else the root namespace's. */
export function selectSidecar(model: MeshModel, proxy: ProxySpec): SidecarEntry | undefined {
  if (proxy.type === 'router') return undefined;
  const inNs = model.sidecars.filter((s) => s.namespace === proxy.namespace);
  return (
    inNs.find((s) => s.selector && labelsMatch(s.selector, proxy.labels)) ??
    inNs.find((s) => !s.selector) ??
    model.sidecars.find((s) => s.namespace === model.rootNamespace && !s.selector)
  );
}

/** `ns/host` egress entries; `.` = the Sidecar's namespace, `~` = none. */
export function parseEgressHosts(hosts: readonly string[] | undefined, sidecarNs: string): HostRef[] {
  const out: HostRef[] = [];
  for (const h of hosts ?? []) {
    const slash = h.indexOf('/');
    const ns = slash < 0 ? '*' : h.slice(0, slash);
    const host = slash < 0 ? h : h.slice(slash + 1);
    if (ns === '~') continue;
    out.push({ namespace: ns === '.' ? sidecarNs : ns, host });
  }
  return out;
}

function importsService(hosts: readonly HostRef[], svc: Service): boolean {
  return hosts.some((h) => (h.namespace === '*' || h.namespace === svc.namespace) && hostSubsetOf(svc.hostname, h.host));
}

function importsVirtualService(hosts: readonly HostRef[], vs: VirtualServiceEntry): boolean {
  return hosts.some((h) => (h.namespace === '*' || h.namespace === vs.namespace) && vs.hosts.some((vh) => hostsMatch(vh, h.host)));
}

/** One service per hostname: the config namespace's, else a k8s Service over a ServiceEntry, else the first. */
export function dedupeByHostname(services: readonly Service[], configNs: string): Service[] {
  const chosen = new Map<string, Service>();
  for (const s of services) {
    const cur = chosen.get(s.hostname);
    if (!cur) chosen.set(s.hostname, s);
    else if (cur.namespace !== configNs && (s.namespace === configNs || (cur.kind !== 'Service' && s.kind === 'Service'))) chosen.set(s.hostname, s);
  }
  return [...chosen.values()];
}

/** Destination hosts a VS routes to (http/tcp/tls routes, mirrors), resolved against the VS namespace. */
export function virtualServiceDestinations(vs: VirtualServiceEntry, domainSuffix: string): string[] {
  const out = new Set<string>();
  const add = (h: unknown) => {
    if (typeof h === 'string' && h) out.add(resolveShortName(h, vs.namespace, domainSuffix));
  };
  for (const r of vs.spec.http ?? []) {
    for (const d of r?.route ?? []) add(d?.destination?.host);
    add(r?.mirror?.host);
    for (const m of r?.mirrors ?? []) add(m?.destination?.host);
  }
  for (const r of [...(vs.spec.tcp ?? []), ...(vs.spec.tls ?? [])]) for (const d of r?.route ?? []) add(d?.destination?.host);
  return [...out];
}

/** Mesh-bound VSes visible to a namespace, in Istio order: private, exported to it, public. */
export function meshVirtualServicesFor(model: MeshModel, ns: string): VirtualServiceEntry[] {
  const idx = model.index;
  // Within each list, Gateway API routes of the proxy's own namespace come first: the "consumer override"
  // (sidecar.go SelectVirtualServices, gwExact pass).
  const favour = (l: readonly VirtualServiceEntry[]) => {
    const own = l.filter((vs) => vs.gatewaySemantics && vs.namespace === ns);
    return own.length ? [...own, ...l.filter((vs) => !(vs.gatewaySemantics && vs.namespace === ns))] : l;
  };
  return [...favour(idx.vsPrivate.get(ns) ?? []), ...favour(idx.vsByNamespaceExport.get(ns) ?? []), ...favour(idx.vsPublic)].filter(
    (vs) => !vs.delegate && vs.gateways.includes('mesh'),
  );
}

function buildEgressListener(
  model: MeshModel, spec: Record<string, any>, hosts: readonly HostRef[], visible: readonly Service[],
  vsCandidates: readonly VirtualServiceEntry[], configNs: string, explicit: boolean,
): EgressListener {
  const portNum = spec.port?.number !== undefined ? Number(spec.port.number) : undefined;
  const port = portNum !== undefined ? { number: portNum, protocol: parseProtocol(spec.port?.protocol), name: String(spec.port?.name ?? '') } : undefined;
  const virtualServices = vsCandidates.filter((vs) => importsVirtualService(hosts, vs));
  let services = dedupeByHostname(visible.filter((s) => importsService(hosts, s) && (!port || s.ports.some((p) => p.port === port.number))), configNs);
  if (explicit) {
    // Implicit imports: destinations of the selected VSes join the scope (own namespace first).
    const have = new Set(services.map((s) => s.hostname));
    for (const vs of virtualServices) {
      for (const h of virtualServiceDestinations(vs, model.configDomainSuffix)) {
        if (have.has(h)) continue;
        const cands = visible.filter((s) => s.hostname === h);
        const svc = cands.find((s) => s.namespace === configNs) ?? dedupeByHostname(cands, configNs)[0];
        if (svc) {
          services.push(svc);
          have.add(h);
        }
      }
    }
  }
  if (port) services = services.map((s) => trimPorts(s, port.number));
  services.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
  return Object.freeze({
    ...(port ? { port } : {}),
    ...(spec.bind ? { bind: String(spec.bind) } : {}),
    ...(spec.captureMode ? { captureMode: String(spec.captureMode) } : {}),
    hosts,
    services,
    virtualServices,
  });
}

/** A copy of a service restricted to one port (Sidecar egress listeners with a port). */
function trimPorts(s: Service, port: number): Service {
  if (s.ports.every((p) => p.port === port)) return s;
  return Object.freeze({ ...s, ports: s.ports.filter((p) => p.port === port) });
}

export function buildSidecarScope(model: MeshModel, proxy: ProxySpec): SidecarScope {
  const sidecar = selectSidecar(model, proxy);
  const configNs = proxy.namespace;
  const visible = model.services.filter((s) => isVisibleTo(s.exportTo, configNs));
  const vsCandidates = meshVirtualServicesFor(model, configNs);
  const egressSpecs: Record<string, any>[] = sidecar?.spec.egress?.length ? sidecar.spec.egress : [{}];
  const egress = egressSpecs.map((e) => {
    const hosts = sidecar && e.hosts ? parseEgressHosts(e.hosts, sidecar.namespace) : ALL_HOSTS;
    return buildEgressListener(model, e, hosts, visible, vsCandidates, configNs, !!sidecar);
  });
  const otp = sidecar?.spec.outboundTrafficPolicy;
  const mode = outboundTrafficMode(otp?.mode) ?? model.meshConfig.outboundTrafficPolicy.mode;
  return Object.freeze({
    ...(sidecar ? { sidecar } : {}),
    egress,
    ingress: sidecar?.spec.ingress ?? [],
    outboundTrafficPolicy: { mode, ...(otp?.egressProxy ? { egressProxy: otp.egressProxy } : {}) },
  });
}

/** The union of the egress listeners' services, ports merged per hostname+namespace, sorted by hostname. */
export function scopeServices(scope: SidecarScope): Service[] {
  const byKey = new Map<string, Service>();
  for (const l of scope.egress) {
    for (const s of l.services) {
      const key = `${s.hostname}|${s.namespace}`;
      const cur = byKey.get(key);
      if (!cur) byKey.set(key, s);
      else if (cur !== s) {
        const ports = [...cur.ports, ...s.ports.filter((p) => !cur.ports.some((q) => q.port === p.port))];
        byKey.set(key, Object.freeze({ ...cur, ports }));
      }
    }
  }
  return [...byKey.values()].sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : a.namespace < b.namespace ? -1 : 1));
}
