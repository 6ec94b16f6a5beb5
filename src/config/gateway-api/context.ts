/**
 * What the Gateway API conversion needs to know about the rest of the config: which Services,
 * ServiceEntries and hostnames exist (Istio's `RouteContext`: Services, ServiceEntries, LookupHostname).
 */
import type { ConfigSnapshot } from '../snapshot.ts';
import type { RawObject } from '../load/raw-object.ts';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';

export interface ConvertContext {
  /** The cluster domain (`cluster.local`): Service hosts are `<name>.<ns>.svc.<domainSuffix>`. */
  readonly domainSuffix: string;
  /** A Kubernetes Service `ns/name` exists. */
  serviceExists(namespace: string, name: string): boolean;
  /** Hosts of ServiceEntry `ns/name`, or undefined when there is no such ServiceEntry. */
  serviceEntryHosts(namespace: string, name: string): readonly string[] | undefined;
  /** Some registry service (k8s Service FQDN or ServiceEntry host) has this hostname. */
  hostnameExists(host: string): boolean;
}

/** `gateway.networking.k8s.io/*` objects (their kinds, e.g. `Gateway`, collide with Istio's). */
export const isGatewayApi = (o: RawObject): boolean => o.apiVersion.startsWith(`${GATEWAY_API_GROUP}/`);

/** HTTPRoutes / GRPCRoutes of the snapshot (kind names are shared with other groups, so the group is checked). */
export function gatewayApiObjects(snapshot: ConfigSnapshot, kind: 'HTTPRoute' | 'GRPCRoute'): RawObject[] {
  return snapshot.byKind(kind).filter(isGatewayApi);
}

export function contextFromSnapshot(snapshot: ConfigSnapshot): ConvertContext {
  const domainSuffix = snapshot.meshConfig.domainSuffix;
  const hosts = new Set<string>();
  for (const s of snapshot.byKind('Service')) if (s.apiVersion === 'v1') hosts.add(`${s.metadata.name}.${s.metadata.namespace ?? 'default'}.svc.${domainSuffix}`);
  for (const se of snapshot.byKind('ServiceEntry')) for (const h of asStrings(se.spec.hosts)) hosts.add(h);
  return {
    domainSuffix,
    serviceExists: (ns, name) => snapshot.get('Service', ns, name)?.apiVersion === 'v1',
    serviceEntryHosts: (ns, name) => {
      const se = snapshot.get('ServiceEntry', ns, name);
      return se ? asStrings(se.spec.hosts) : undefined;
    },
    hostnameExists: (h) => hosts.has(h),
  };
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
