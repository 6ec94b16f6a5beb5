/**
 * Gateway servers of one router proxy, merged per listener (Istio model/gateway.go `MergeGateways`,
 * `resolvePorts`): server port → targetPort through the gateway's Service, RDS names, and the
 * conflict rules (plaintext and TLS servers cannot share a port; the first protocol on a port wins).
 */
import type { Json } from '../../envoy/types.ts';
import { labelsMatch } from '../../model/export-to.ts';
import { parseProtocol } from '../../model/protocol.ts';
import { resolveTargetPort } from '../../model/registry/kube-services.ts';
import { serviceKey } from '../../model/mesh-model.ts';
import type { GatewayEntry, ProxyView } from '../../model/types.ts';
import { gatewayRouteConfigName } from '../names.ts';

export type ServerKind = 'http' | 'https' | 'tls-passthrough' | 'auto-passthrough' | 'tcp' | 'tls-terminate';

export interface GatewayServer {
  readonly gateway: GatewayEntry;
  /** `ns/name` as VS `gateways` lists it. */
  readonly gatewayKey: string;
  readonly server: Json;
  readonly serverPort: number;
  readonly portName: string;
  readonly kind: ServerKind;
  /** Server hosts with `./` resolved (`ns/host` or bare `host`). */
  readonly hosts: readonly string[];
  readonly bind?: string;
  /** RDS name for HTTP/HTTPS servers. */
  readonly rds?: string;
}

export interface GatewayListenerPlan {
  readonly bind: string;
  readonly port: number;
  readonly plaintext: boolean;
  readonly servers: GatewayServer[];
}

const DISABLE_TRANSLATION_LABEL = 'experimental.istio.io/disable-gateway-port-translation';
const GATEWAY_SERVICE_ANNOTATION = 'internal.istio.io/gateway-service';

function serverKind(s: Json): ServerKind {
  const proto = String(s.port?.protocol ?? '').toUpperCase();
  const mode = String(s.tls?.mode ?? 'SIMPLE');
  if (proto === 'HTTP' || proto === 'HTTP2' || proto === 'GRPC' || proto === 'GRPC-WEB') return 'http';
  if (proto === 'HTTPS') return mode === 'PASSTHROUGH' ? 'tls-passthrough' : mode === 'AUTO_PASSTHROUGH' ? 'auto-passthrough' : 'https';
  if (proto === 'TLS') return mode === 'PASSTHROUGH' ? 'tls-passthrough' : mode === 'AUTO_PASSTHROUGH' ? 'auto-passthrough' : 'tls-terminate';
  return parseProtocol(proto) === 'Unsupported' ? 'tcp' : 'tcp';
}

/** Ports the proxy's "service targets" translate `number` to (`resolvePorts`). */
function resolvePorts(view: ProxyView, gw: GatewayEntry, number: number): number[] {
  const model = view.model;
  const ref = gw.source.metadata.annotations?.[GATEWAY_SERVICE_ANNOTATION];
  if (ref) {
    const out = new Set<number>();
    for (const host of ref.split(',')) {
      for (const svc of model.servicesByHost.get(host.trim()) ?? []) {
        if (svc.namespace !== gw.namespace) continue; // the referenced Service must live with the Gateway
        for (const sp of svc.ports) if (sp.port === number) out.add(resolveTargetPort(sp, undefined) ?? sp.port);
      }
    }
    return [...out].sort((a, b) => a - b);
  }
  for (const svc of model.services) {
    if (svc.labels[DISABLE_TRANSLATION_LABEL] !== undefined) continue;
    const sp = svc.ports.find((p) => p.port === number);
    if (!sp) continue;
    if (svc.kind === 'Service') {
      if (svc.namespace !== view.proxy.namespace || !svc.selector || !labelsMatch(svc.selector, view.proxy.labels)) continue;
      const t = resolveTargetPort(sp, undefined);
      if (t) return [t];
      continue;
    }
    const eps = model.endpointsByService.get(serviceKey(svc.hostname, svc.namespace)) ?? [];
    const ep = eps.find((e) => e.servicePort === number && view.proxy.ips.includes(e.address));
    if (ep) return [ep.port];
  }
  return [number];
}

function resolveServerHosts(hosts: readonly string[], gwNs: string): string[] {
  return hosts.map((h) => (h.startsWith('./') ? `${gwNs}/${h.slice(2)}` : h));
}

/**
 * `MergeGateways`' duplicate-host rule: a server with `tls` whose (namespace-qualified) hosts repeat a host of
 * an earlier TLS server on the same port number and bind is skipped whole — Envoy would reject identical SNI matches.
 * Hosts compare as written after `./` and `*\/` are resolved, so `istio-system/*` and `default/*` differ.
 */
function duplicateTlsHosts(known: Map<number, Set<string>>, port: number, bind: string, hosts: readonly string[]): boolean {
  let set = known.get(port);
  if (!set) known.set(port, (set = new Set()));
  // A different `bind` gives a different listener, so the same host may repeat there.
  const keys = hosts.map((h) => `${bind}|${h}`);
  if (keys.some((k) => set.has(k))) return true;
  for (const k of keys) set.add(k);
  return false;
}

/** Istio `sanitizeServerHostNamespace`: `./h` → `ns/h`, `*\/h` → `h`, `*\/*` → just `*`. */
function sanitizedHosts(hosts: readonly string[], ns: string): string[] {
  if (hosts.includes('*/*')) return ['*'];
  return hosts.map((h) => (h.startsWith('./') ? `${ns}/${h.slice(2)}` : h.startsWith('*/') ? h.slice(2) : h));
}

/** Merge every server of the proxy's Gateways into per-listener plans (oldest Gateway first). */
export function planGatewayListeners(view: ProxyView): GatewayListenerPlan[] {
  const plans = new Map<string, GatewayListenerPlan>();
  const tlsHostsByPort = new Map<number, Set<string>>();
  for (const gw of view.gateways) {
    const gatewayKey = `${gw.namespace}/${gw.name}`;
    for (const server of (gw.spec.servers ?? []) as Json[]) {
      const serverPort = Number(server?.port?.number);
      if (!Number.isInteger(serverPort)) continue;
      if (server.tls && duplicateTlsHosts(tlsHostsByPort, serverPort, String(server.bind ?? ''), sanitizedHosts((server.hosts ?? []).map(String), gw.namespace))) continue;
      const kind = serverKind(server);
      const portName = String(server.port?.name ?? '');
      const bind: string | undefined = server.bind || undefined;
      const plaintext = kind === 'http' || kind === 'tcp';
      for (const port of resolvePorts(view, gw, serverPort)) {
        const key = `${bind ?? '0.0.0.0'}_${port}`;
        let plan = plans.get(key);
        if (!plan) plans.set(key, (plan = { bind: bind ?? '0.0.0.0', port, plaintext, servers: [] }));
        // Plaintext and TLS servers (and HTTP vs TCP) cannot share a port: the first one wins.
        if (plan.plaintext !== plaintext) continue;
        if (plaintext && plan.servers.length && (plan.servers[0]!.kind === 'http') !== (kind === 'http')) continue;
        const rds = kind === 'http'
          ? gatewayRouteConfigName({ https: false, port, bind })
          : kind === 'https' ? gatewayRouteConfigName({ https: true, port: serverPort, portName, gatewayName: gw.name, gatewayNamespace: gw.namespace, bind }) : undefined;
        plan.servers.push({ gateway: gw, gatewayKey, server, serverPort, portName, kind, hosts: resolveServerHosts(server.hosts ?? [], gw.namespace), bind, rds });
      }
    }
  }
  return [...plans.values()];
}

/** The host part of a server host (`ns/h` → `h`). */
export const serverHostName = (h: string): string => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h);

/** Server hosts usable by a VS of namespace `vsNs` (`host.NamesForNamespace`). */
export function serverHostsForNamespace(hosts: readonly string[], vsNs: string): string[] {
  const out: string[] = [];
  for (const h of hosts) {
    const i = h.indexOf('/');
    if (i < 0) { out.push(h); continue; }
    const ns = h.slice(0, i);
    if (ns === '*' || ns === vsNs) out.push(h.slice(i + 1));
  }
  return out;
}
