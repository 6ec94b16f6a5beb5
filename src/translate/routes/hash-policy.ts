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

/**
 * The effective `consistentHash` for a destination (`hashForHTTPDestination`): a DR port-level entry
 * replaces the top level (even when it sets no load balancer); a subset's own consistentHash, then its
 * port-level entry, replace that in turn.
 */
export function effectiveConsistentHash(dr: MergedDestinationRule | undefined, subset: string | undefined, port: number | undefined): Json | undefined {
  if (!dr) return undefined;
  const top: Json | undefined = dr.spec.trafficPolicy;
  let ch: Json | undefined = top?.loadBalancer?.consistentHash;
  const topPort = portLevel(top, port);
  if (topPort) ch = topPort.loadBalancer?.consistentHash;
  const sub: Json | undefined = subset ? (dr.spec.subsets ?? []).find((s: Json) => s?.name === subset)?.trafficPolicy : undefined;
  if (sub) {
    if (sub.loadBalancer?.consistentHash) ch = sub.loadBalancer.consistentHash;
    const subPort = portLevel(sub, port);
    if (subPort) ch = subPort.loadBalancer?.consistentHash;
  }
  return ch;
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
  const hp = consistentHashToHashPolicy(effectiveConsistentHash(dr, subset, port));
  return hp ? [hp] : undefined;
}
