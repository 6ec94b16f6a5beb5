/**
 * VirtualService `tcp[]` / `tls[]` rules → tcp_proxy filter chains for one service port
 * (Istio networking/core/tls.go `buildSidecarOutboundTCPTLSFilterChainOpts`).
 */
import type { FilterChain, Json } from '../../envoy/types.ts';
import { hostsMatch } from '../../model/hosts.ts';
import type { Service, VirtualServiceEntry } from '../../model/types.ts';
import type { RouteBuildContext } from '../routes/route-context.ts';
import { staticMatchApplies } from '../routes/route-match.ts';
import { cidrRange } from './cidr.ts';
import { namedChain, tcpProxy } from './network-filters.ts';

interface Dest { name: string; weight: number }

function destinations(rule: Json, vs: VirtualServiceEntry, ctx: RouteBuildContext): Dest[] {
  return (rule.route ?? []).filter((d: Json) => d?.destination?.host).map((d: Json) => ({
    name: ctx.cluster(ctx.resolveHost(d.destination.host, vs.namespace), d.destination.subset, d.destination.port?.number !== undefined ? Number(d.destination.port.number) : undefined),
    weight: Number(d.weight ?? 0),
  })).filter((d: Dest, _i: number, all: Dest[]) => all.length === 1 || d.weight > 0);
}

function proxyFilter(dests: Dest[], vs: VirtualServiceEntry): Json {
  if (dests.length === 1) return tcpProxy(dests[0]!.name, dests[0]!.name);
  return tcpProxy(`${vs.name}.${vs.namespace}`, dests);
}

/** Prefix ranges from `destinationSubnets` (`/32` implied for plain IPs). */
export function cidrRanges(subnets: readonly string[]): Json[] {
  return subnets.map(cidrRange);
}

function vsFor(svc: Service, vses: readonly VirtualServiceEntry[], field: 'tcp' | 'tls'): VirtualServiceEntry | undefined {
  return vses.find((vs) => vs.gateways.includes('mesh') && Array.isArray(vs.spec[field]) && vs.hosts.some((h) => hostsMatch(h, svc.hostname)));
}

/** TCP chains of a TCP service port: the first applicable VS tcp rule, else the service cluster. */
export function tcpChainsFor(svc: Service, port: number, vses: readonly VirtualServiceEntry[], ctx: RouteBuildContext, defaultCluster: string, match: Json | undefined): FilterChain[] {
  const vs = vsFor(svc, vses, 'tcp');
  const chains: FilterChain[] = [];
  if (vs) {
    for (const rule of vs.spec.tcp as Json[]) {
      const blocks: Json[] = rule.match ?? [];
      const applicable = blocks.filter((m) => staticMatchApplies(m, ctx, vs.namespace));
      if (blocks.length && !applicable.length) continue;
      const dests = destinations(rule, vs, ctx);
      if (!dests.length) continue;
      const subnetBlocks = applicable.filter((m) => Array.isArray(m.destinationSubnets) && m.destinationSubnets.length);
      for (const m of subnetBlocks) chains.push(namedChain(undefined, { ...(match ?? {}), prefix_ranges: cidrRanges(m.destinationSubnets) }, [proxyFilter(dests, vs)]));
      if (!blocks.length || subnetBlocks.length < applicable.length) {
        chains.push(namedChain(undefined, match, [proxyFilter(dests, vs)]));
        return chains;
      }
    }
  }
  chains.push(namedChain(undefined, match, [withSourceIpHash(tcpProxy(defaultCluster, defaultCluster), ctx, svc.hostname, port)]));
  return chains;
}

/** DR `consistentHash.useSourceIp` → tcp_proxy `hash_policy: [{source_ip: {}}]` (Istio tcp route hash). */
function withSourceIpHash(filter: Json, ctx: RouteBuildContext, host: string, port: number): Json {
  const hp = ctx.hashPolicy?.(host, undefined, port);
  if (hp?.some((h) => h.connection_properties?.source_ip)) filter.typed_config.hash_policy = [{ source_ip: {} }];
  return filter;
}

/** TLS chains of a TLS/HTTPS service port: one per VS tls match (server_names = sniHosts). */
export function tlsChainsFor(svc: Service, vses: readonly VirtualServiceEntry[], ctx: RouteBuildContext, defaultCluster: string, wildcardBind: boolean, match: Json | undefined): FilterChain[] {
  const vs = vsFor(svc, vses, 'tls');
  const chains: FilterChain[] = [];
  const seen = new Set<string>();
  if (vs) {
    for (const rule of vs.spec.tls as Json[]) {
      const dests = destinations(rule, vs, ctx);
      if (!dests.length) continue;
      for (const m of (rule.match ?? []) as Json[]) {
        if (!staticMatchApplies(m, ctx, vs.namespace)) continue;
        const sni: string[] = Array.isArray(m.sniHosts) ? [...m.sniHosts].sort() : [];
        const fcm: Json = { ...(match ?? {}) };
        if (sni.length) fcm.server_names = sni;
        if (Array.isArray(m.destinationSubnets) && m.destinationSubnets.length) fcm.prefix_ranges = cidrRanges(m.destinationSubnets);
        const key = JSON.stringify(fcm);
        if (seen.has(key)) continue;
        seen.add(key);
        chains.push(namedChain(undefined, fcm, [proxyFilter(dests, vs)]));
      }
    }
  }
  if (!chains.length) {
    const fcm: Json = { ...(match ?? {}) };
    if (wildcardBind) fcm.server_names = [svc.hostname];
    chains.push(namedChain(undefined, fcm, [tcpProxy(defaultCluster, defaultCluster)]));
  }
  return chains;
}
