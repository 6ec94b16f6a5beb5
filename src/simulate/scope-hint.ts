import type { MeshModel, Service } from '../model/types.ts';
import type { ProxySpec } from '../model/proxy-spec.ts';
import { proxyView, isVisibleTo } from '../model/index.ts';
import type { Step, TraceResult } from './types.ts';

/**
 * An add-on to a trace of translated YAML (the engine itself reads only Envoy config): when a sidecar's request
 * falls into Istio's `allow_any` / `block_all` catch-all or the passthrough, say whether the input has a
 * service for that host and why this proxy cannot see it — a Sidecar's egress hosts, or exportTo; when a
 * gateway finds no virtual host or filter chain, say which Gateway servers and VirtualServices are missing.
 */
function findService(model: MeshModel, host: string, ns: string): Service | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const suffix = `.svc.${model.domainSuffix}`;
  const names = h.includes('.') ? [h, `${h}${suffix}`] : [`${h}.${ns}${suffix}`];
  for (const n of names) {
    const list = model.servicesByHost.get(n);
    if (list?.length) return list.find((s) => s.namespace === ns) ?? list[0];
  }
  return undefined;
}

const fellThrough = (r: TraceResult) =>
  r.virtualHost === 'allow_any' || r.virtualHost === 'block_all' || r.clusters.some((c) => c.name === 'PassthroughCluster' || c.name === 'BlackHoleCluster');

/** Does a Gateway server host (`host`, `*.suffix`, `ns/host`) admit `h`? */
function serverHostMatches(serverHost: string, h: string): boolean {
  const bare = serverHost.includes('/') ? serverHost.slice(serverHost.indexOf('/') + 1) : serverHost;
  if (bare === '*') return true;
  if (bare.startsWith('*.')) return h.endsWith(bare.slice(1));
  return bare.toLowerCase() === h;
}

/** For a gateway answering 404 (no virtual host) or resetting (no filter chain): which Gateway servers exist for the port, and whether one serves the host. */
function gatewayHint(model: MeshModel, proxy: ProxySpec, host: string, port: number): Step | null {
  const view = proxyView(model, proxy);
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const servers = view.gateways.flatMap((g) => (g.spec.servers ?? []).filter((srv: any) => Number(srv.port?.number) === port).map((srv: any) => ({ g, srv })));
  if (!servers.length) {
    return { stage: 'scope', summary: `no Gateway selecting this proxy has a server on port ${port}`, details: view.gateways.map((g) => `Gateway ${g.namespace}/${g.name} ports: ${(g.spec.servers ?? []).map((x: any) => x.port?.number).join(', ')}`) };
  }
  const serving = servers.filter(({ srv }) => (srv.hosts ?? []).some((x: string) => serverHostMatches(x, h)));
  const details = servers.map(({ g, srv }) => `Gateway ${g.namespace}/${g.name} port ${port} hosts: ${(srv.hosts ?? []).join(', ')}`);
  if (!serving.length) return { stage: 'scope', summary: `no Gateway server on port ${port} lists host ${h}`, details };
  const names = new Set(serving.map(({ g }) => `${g.namespace}/${g.name}`));
  const bound = view.virtualServices.filter((vs) => vs.gateways.some((x) => names.has(x)) && vs.hosts.some((x) => serverHostMatches(x, h) || serverHostMatches(h, x)));
  if (!bound.length) return { stage: 'scope', summary: `${[...names].join(', ')} serves ${h} on port ${port}, but no VirtualService bound to it routes that host`, details };
  return null;
}

export function scopeHint(model: MeshModel, proxy: ProxySpec, host: string, port: number, r: TraceResult): Step | null {
  if (proxy.type === 'router') return r.error === 'no_virtual_host' || r.error === 'no_filter_chain' || r.error === 'no_listener' ? gatewayHint(model, proxy, host, port) : null;
  if (r.request.inbound || !fellThrough(r)) return null;
  const svc = findService(model, host, proxy.namespace);
  if (!svc) return { stage: 'scope', summary: `no service named ${host.replace(/:\d+$/, '') || '<empty host>'} in the input: traffic leaves the mesh as unknown`, details: [] };
  const view = proxyView(model, proxy);
  const visible = view.services.some((s) => s.hostname === svc.hostname);
  if (visible) {
    if (!svc.ports.some((p) => p.port === port)) return { stage: 'scope', summary: `service ${svc.hostname} has no port ${port}`, details: [`its ports: ${svc.ports.map((p) => `${p.port}/${p.name}`).join(', ')}`] };
    return null;
  }
  const sc = view.sidecarScope.sidecar;
  if (sc) {
    const hosts = view.sidecarScope.egress.flatMap((l) => l.hosts.map((h) => `${h.namespace}/${h.host}`));
    return { stage: 'scope', summary: `service ${svc.hostname} is hidden from this proxy by Sidecar ${sc.namespace}/${sc.name}`, details: [`its egress hosts import only: ${hosts.join(', ') || '(none)'}`, `add ${svc.namespace}/${svc.hostname} (or ${svc.namespace}/*) to spec.egress[].hosts to route it`] };
  }
  if (!isVisibleTo(svc.exportTo, proxy.namespace)) {
    return { stage: 'scope', summary: `service ${svc.hostname} is not exported to namespace ${proxy.namespace} (exportTo)`, details: [] };
  }
  return null;
}
