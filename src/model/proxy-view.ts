/**
 * `proxyView(model, proxy)`: everything one sidecar or gateway can see — its Sidecar scope, services,
 * VirtualServices, Gateways, DestinationRule lookup, inbound ports and PeerAuthentication modes.
 * Istio: `model/sidecar.go`, `model/push_context.go` (VirtualServicesForGateway, destinationRule),
 * `model/gateway.go`, `serviceregistry/kube/controller` (GetProxyServiceTargets).
 */
import type {
  GatewayEntry, InboundPort, MergedDestinationRule, MeshModel, MtlsMode, ProxyView, Service, ServiceEndpoint, VirtualServiceEntry,
} from './types.ts';
import type { ProxySpec } from './proxy-spec.ts';
import { buildSidecarScope, dedupeByHostname, scopeServices } from './sidecar-scope.ts';
import { lookupDestinationRule } from './destination-rules.ts';
import { isVisibleTo, labelsMatch } from './export-to.ts';
import { namespaceMtlsMode, workloadMtlsMode } from './peer-authentication.ts';
import { resolveTargetPort } from './registry/kube-services.ts';
import { endpointPortKey, serviceKey } from './mesh-model.ts';

/** Gateways whose selector ⊆ the proxy labels (no selector = every gateway proxy), oldest first. */
export function gatewaysForProxy(model: MeshModel, proxy: ProxySpec): GatewayEntry[] {
  if (proxy.type !== 'router') return [];
  return model.gateways.filter((g) => labelsMatch(g.selector, proxy.labels));
}

/** VSes bound to any of `gateways` (`ns/name`) and visible to `ns`: private, exported, public (`VirtualServicesForGateway`). */
export function virtualServicesForGateways(model: MeshModel, ns: string, gateways: readonly GatewayEntry[]): VirtualServiceEntry[] {
  const names = new Set(gateways.map((g) => `${g.namespace}/${g.name}`));
  const idx = model.index;
  const ordered = [...(idx.vsPrivate.get(ns) ?? []), ...(idx.vsByNamespaceExport.get(ns) ?? []), ...idx.vsPublic];
  return ordered.filter((vs) => !vs.delegate && vs.gateways.some((g) => names.has(g)));
}

/** The proxy's own service ports: k8s Services in its namespace selecting its labels, and SE endpoints at its IP. */
export function inboundPorts(model: MeshModel, proxy: ProxySpec): InboundPort[] {
  if (proxy.type === 'router') return [];
  const workload = proxy.ips.map((ip) => model.index.workloadsByIp.get(ip)).find((w) => w && w.namespace === proxy.namespace);
  const out: InboundPort[] = [];
  for (const svc of model.services) {
    if (svc.namespace !== proxy.namespace || svc.resolution === 'Alias') continue;
    if (svc.kind === 'Service') {
      if (!svc.selector || !labelsMatch(svc.selector, proxy.labels)) continue;
      for (const sp of svc.ports) {
        if (sp.protocol === 'UDP') continue;
        const targetPort = resolveTargetPort(sp, workload);
        if (targetPort !== undefined) out.push({ service: svc, servicePort: sp, targetPort });
      }
      continue;
    }
    const eps = model.endpointsByService.get(serviceKey(svc.hostname, svc.namespace)) ?? [];
    for (const sp of svc.ports) {
      const ep = eps.find((e) => e.servicePort === sp.port && proxy.ips.includes(e.address));
      const bySelector = svc.selector && labelsMatch(svc.selector, proxy.labels);
      if (ep) out.push({ service: svc, servicePort: sp, targetPort: ep.port });
      else if (bySelector) out.push({ service: svc, servicePort: sp, targetPort: typeof sp.targetPort === 'number' ? sp.targetPort : sp.port });
    }
  }
  return out.sort((a, b) => a.targetPort - b.targetPort || (a.service.hostname < b.service.hostname ? -1 : a.service.hostname > b.service.hostname ? 1 : 0));
}

export function proxyView(model: MeshModel, proxy: ProxySpec): ProxyView {
  const isRouter = proxy.type === 'router';
  const sidecarScope = buildSidecarScope(model, proxy);
  let services: Service[];
  let virtualServices: VirtualServiceEntry[];
  const gateways = gatewaysForProxy(model, proxy);
  if (isRouter) {
    // Gateways use the default scope: every service exported to their namespace.
    services = dedupeByHostname(model.services.filter((s) => isVisibleTo(s.exportTo, proxy.namespace)), proxy.namespace);
    services.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
    virtualServices = virtualServicesForGateways(model, proxy.namespace, gateways);
  } else {
    services = scopeServices(sidecarScope);
    const seen = new Set<VirtualServiceEntry>();
    virtualServices = [];
    for (const l of sidecarScope.egress) for (const vs of l.virtualServices) if (!seen.has(vs)) (seen.add(vs), virtualServices.push(vs));
  }
  const byHost = new Map<string, Service>();
  for (const s of services) if (!byHost.has(s.hostname) || s.namespace === proxy.namespace) byHost.set(s.hostname, s);
  const drCache = new Map<string, Map<string, MergedDestinationRule | undefined>>();
  const inbound = inboundPorts(model, proxy);
  const nsModes = new Map<string, MtlsMode>();
  const w = proxy.ips.map((ip) => model.index.workloadsByIp.get(ip)).find((x) => x && x.namespace === proxy.namespace);
  const locality = w && (w.locality.region || w.locality.zone || w.locality.subzone) ? w.locality : undefined;
  return Object.freeze({
    model,
    proxy,
    isRouter,
    ...(locality ? { locality } : {}),
    dnsDomain: `${proxy.namespace}.svc.${model.domainSuffix}`,
    sidecarScope,
    services,
    virtualServices,
    gateways,
    inbound,
    serviceForHost: (h: string) => byHost.get(h),
    destinationRule(hostname: string, serviceNamespace?: string): MergedDestinationRule | undefined {
      const svcNs = serviceNamespace ?? byHost.get(hostname)?.namespace;
      // Nested by namespace then hostname: no per-call key string to build and hash.
      let perNs = drCache.get(svcNs ?? '');
      if (!perNs) drCache.set(svcNs ?? '', (perNs = new Map()));
      if (perNs.has(hostname)) return perNs.get(hostname);
      const dr = lookupDestinationRule(
        { namespaceLocal: model.index.drNamespaceLocal, exportedByNamespace: model.index.drExportedByNamespace },
        { proxyNamespace: proxy.namespace, proxyLabels: proxy.labels, rootNamespace: model.rootNamespace, hostname, ...(svcNs ? { serviceNamespace: svcNs } : {}) },
      );
      perNs.set(hostname, dr);
      return dr;
    },
    endpoints(service: Service, port: number): readonly ServiceEndpoint[] {
      return model.index.endpointsByServicePort.get(endpointPortKey(service.hostname, service.namespace, port)) ?? [];
    },
    inboundMtlsMode: (port: number): MtlsMode => workloadMtlsMode(model, proxy.namespace, proxy.labels, port),
    namespaceMtlsMode(ns: string): MtlsMode {
      let m = nsModes.get(ns);
      if (!m) nsModes.set(ns, (m = namespaceMtlsMode(model, ns)));
      return m;
    },
  });
}
