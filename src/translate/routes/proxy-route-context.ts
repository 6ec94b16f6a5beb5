/**
 * RouteBuildContext for one proxy view: cluster naming with Istio's destination-port defaulting
 * (`route.GetDestinationCluster`), DR hash policies, short-name resolution.
 */
import type { Json } from '../../envoy/types.ts';
import { resolveShortName } from '../../model/hosts.ts';
import type { MergedDestinationRule, ProxyView } from '../../model/types.ts';
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

export function proxyRouteContext(view: ProxyView, opts: ProxyRouteOptions): RouteBuildContext {
  const domainSuffix = view.model.configDomainSuffix;
  const isGateway = view.isRouter;
  // DestinationRule per destination host, looked up once per context (null = none).
  const drs = new Map<string, MergedDestinationRule | null>();
  const singlePort = new Map<string, number | null>();
  const targets = new Map<string, string>();
  return {
    port: opts.port,
    gateways: opts.gateways,
    proxyLabels: view.proxy.labels,
    proxyNamespace: view.proxy.namespace,
    isGateway,
    meshDefaultRetry: view.model.meshConfig.defaultHttpRetryPolicy as Json | undefined,
    resolveHost: (host, ns) => resolveShortName(host, ns, domainSuffix),
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
      return outboundClusterName(p, target, subset ?? '');
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
