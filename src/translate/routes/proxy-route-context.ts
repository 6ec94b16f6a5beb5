/**
 * RouteBuildContext for one proxy view: cluster naming with Istio's destination-port defaulting
 * (`route.GetDestinationCluster`), DR hash policies, short-name resolution.
 */
import type { Json } from '../../envoy/types.ts';
import { resolveShortName } from '../../model/hosts.ts';
import type { MergedDestinationRule, MeshModel, ProxyView } from '../../model/types.ts';
import { outboundClusterName } from '../names.ts';
import { hashPolicyFor } from './hash-policy.ts';
import type { RouteBuildContext } from './route-context.ts';

export interface ProxyRouteOptions {
  readonly port: number;
  /** `['mesh']` for sidecars; `['ns/name']` of the gateway for routers. */
  readonly gateways: readonly string[];
}

/** ExternalName (Alias) services route to their concrete host. */
function concreteHost(view: ProxyView, host: string): string {
  const svc = view.serviceForHost(host);
  return svc?.resolution === 'Alias' && svc.externalName ? svc.externalName : host;
}

/** Per-view lookups that do not depend on the route configuration being built (view and model are frozen). */
interface ViewRouteMemo {
  /** DestinationRule per destination host (null = none). */
  readonly drs: Map<string, MergedDestinationRule | null>;
  readonly singlePort: Map<string, number | null>;
  readonly targets: Map<string, string>;
  /** Cluster names by target host, subset, port. */
  readonly clusters: Map<string, Map<string, Map<number, string>>>;
}

const viewMemos = new WeakMap<ProxyView, ViewRouteMemo>();
/** FQDNs of short names by namespace then host as written (domain suffix is per model). */
const fqdnMemos = new WeakMap<MeshModel, Map<string, Map<string, string>>>();

function viewMemo(view: ProxyView): ViewRouteMemo {
  let m = viewMemos.get(view);
  if (!m) viewMemos.set(view, (m = { drs: new Map(), singlePort: new Map(), targets: new Map(), clusters: new Map() }));
  return m;
}

function fqdnResolver(model: MeshModel): (host: string, ns: string) => string {
  let byNs = fqdnMemos.get(model);
  if (!byNs) fqdnMemos.set(model, (byNs = new Map()));
  const memo = byNs, domainSuffix = model.configDomainSuffix;
  return (host, ns) => {
    let perNs = memo.get(ns);
    if (!perNs) memo.set(ns, (perNs = new Map()));
    let fqdn = perNs.get(host);
    if (fqdn === undefined) perNs.set(host, (fqdn = resolveShortName(host, ns, domainSuffix)));
    return fqdn;
  };
}

function memoClusterName(memo: ViewRouteMemo, port: number, target: string, subset: string): string {
  let bySubset = memo.clusters.get(target);
  if (!bySubset) memo.clusters.set(target, (bySubset = new Map()));
  let byPort = bySubset.get(subset);
  if (!byPort) bySubset.set(subset, (byPort = new Map()));
  let name = byPort.get(port);
  if (name === undefined) byPort.set(port, (name = outboundClusterName(port, target, subset)));
  return name;
}

export function proxyRouteContext(view: ProxyView, opts: ProxyRouteOptions): RouteBuildContext {
  const isGateway = view.isRouter;
  const memo = viewMemo(view);
  const { drs, singlePort, targets } = memo;
  return {
    port: opts.port,
    gateways: opts.gateways,
    proxyLabels: view.proxy.labels,
    proxyNamespace: view.proxy.namespace,
    isGateway,
    meshDefaultRetry: view.model.meshConfig.defaultHttpRetryPolicy as Json | undefined,
    resolveHost: fqdnResolver(view.model),
    cluster(host, subset, port) {
      if (!host) return 'UnknownService';
      let target = targets.get(host);
      if (target === undefined) targets.set(host, (target = concreteHost(view, host)));
      let p = port ?? opts.port;
      if (port === undefined && isGateway) {
        // Gateways look the service up in the whole registry: a single-port service names its port.
        let single = singlePort.get(target);
        if (single === undefined) {
          const svc = view.serviceForHost(target);
          singlePort.set(target, (single = svc && svc.ports.length === 1 ? svc.ports[0]!.port : null));
        }
        if (single !== null) p = single;
      }
      return memoClusterName(memo, p, target, subset ?? '');
    },
    hashPolicy(host, subset, port) {
      let dr = drs.get(host);
      if (dr === undefined) {
        const target = concreteHost(view, host);
        drs.set(host, (dr = view.destinationRule(target, view.serviceForHost(target)?.namespace) ?? null));
      }
      return dr ? hashPolicyFor(dr, subset, port ?? opts.port) : undefined;
    },
  };
}
