/**
 * DestinationRule consistentHash → route hash_policy (Istio `route.consistentHashToHashPolicy`,
 * `hashForService`): subset port-level, then subset, then DR port-level, then DR top level.
 */
import type { Json } from '../../envoy/types.ts';
import type { MergedDestinationRule } from '../../model/types.ts';
import { durationString } from './durations.ts';

function portLevel(policy: Json | undefined, port: number | undefined): Json | undefined {
  if (!policy || port === undefined) return undefined;
  return (policy.portLevelSettings ?? []).find((p: Json) => Number(p?.port?.number) === port);
}

/** The effective `loadBalancer` for a destination, following Istio's precedence. */
export function effectiveLoadBalancer(dr: MergedDestinationRule | undefined, subset: string | undefined, port: number | undefined): Json | undefined {
  if (!dr) return undefined;
  const top: Json | undefined = dr.spec.trafficPolicy;
  const sub: Json | undefined = subset ? (dr.spec.subsets ?? []).find((s: Json) => s?.name === subset)?.trafficPolicy : undefined;
  return portLevel(sub, port)?.loadBalancer ?? sub?.loadBalancer ?? portLevel(top, port)?.loadBalancer ?? top?.loadBalancer;
}

/** Envoy hash policy for one Istio `consistentHash`, or undefined. */
export function consistentHashToHashPolicy(ch: Json | undefined): Json | undefined {
  if (!ch) return undefined;
  if (ch.httpHeaderName) return { header: { header_name: ch.httpHeaderName } };
  if (ch.httpCookie) {
    const cookie: Json = { name: ch.httpCookie.name };
    if (ch.httpCookie.ttl) cookie.ttl = durationString(ch.httpCookie.ttl);
    if (ch.httpCookie.path) cookie.path = ch.httpCookie.path;
    if (Array.isArray(ch.httpCookie.attributes) && ch.httpCookie.attributes.length) {
      cookie.attributes = ch.httpCookie.attributes.map((a: Json) => ({ name: a.name, value: a.value ?? '' }));
    }
    return { cookie };
  }
  if (ch.useSourceIp) return { connection_properties: { source_ip: true } };
  if (ch.httpQueryParameterName) return { query_parameter: { name: ch.httpQueryParameterName } };
  return undefined;
}

export function hashPolicyFor(dr: MergedDestinationRule | undefined, subset: string | undefined, port: number | undefined): Json[] | undefined {
  const hp = consistentHashToHashPolicy(effectiveLoadBalancer(dr, subset, port)?.consistentHash);
  return hp ? [hp] : undefined;
}
