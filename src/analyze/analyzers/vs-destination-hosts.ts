// virtualservice.DestinationHostAnalyzer (Istio analyzers/virtualservice/destinationhosts.go):
// destination hosts must resolve in the analyzers' service registry; ports must exist or be given when the
// service has several; plus IST0140 (a subset has no effect on gateway routes that don't name it).
import type { Analyzer, AnalysisContext } from '../types.ts';
import { refName } from '../util/names.ts';
import { Msg } from '../messages.ts';
import { buildServiceRegistry, lookupDestinationHost, type ServiceRegistry } from '../util/service-lookup.ts';
import { mirrorDestinations, routeDestinations, stringList, asList, asObject, type DestinationRef } from '../util/vs-walk.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

export const destinationHostAnalyzer: Analyzer = {
  meta: {
    name: 'virtualservice.DestinationHostAnalyzer',
    description: 'Checks the destination hosts associated with each virtual service',
    inputs: ['ServiceEntry', 'VirtualService', 'Service'],
    needs: ['Service'],
  },
  analyze(ctx) {
    const reg = buildServiceRegistry(ctx);
    const subsetHosts = hostsWithSubsets(ctx);
    for (const vs of ctx.objects('VirtualService')) {
      for (const d of routeDestinations(vs)) checkDestination(ctx, reg, vs, d, 'host');
      for (const d of mirrorDestinations(vs)) checkDestination(ctx, reg, vs, d, 'mirror host');
      checkIngressSubsets(ctx, vs, subsetHosts);
    }
  },
};

function checkDestination(ctx: AnalysisContext, reg: ServiceRegistry, vs: RawObject, d: DestinationRef, refType: string): void {
  const ns = vs.ref.namespace ?? '';
  const host = typeof d.destination.host === 'string' ? d.destination.host : '';
  const entry = lookupDestinationHost(reg, ns, stringList(vs.spec.exportTo), host);
  if (!entry) {
    ctx.report(Msg.ReferencedResourceNotFound, vs, `${d.path}.host`, refType, host);
    return;
  }
  const port = d.destination.port?.number;
  if (port === undefined || port === null) {
    if (entry.ports.length > 1) ctx.report(Msg.VirtualServiceDestinationPortSelectorRequired, vs, `${d.path}.host`, host, entry.ports.map((p) => p.number));
    return;
  }
  if (!entry.ports.some((p) => p.number === Number(port))) {
    ctx.report(Msg.ReferencedResourceNotFound, vs, `${d.path}.port.number`, 'host:port', `${host}:${port}`);
  }
}

interface SubsetHost { host: string; vs: RawObject }

/** Hosts named by a destination with a subset, where that host is one of the declaring VS's own hosts. */
function hostsWithSubsets(ctx: AnalysisContext): Map<string, SubsetHost[]> {
  const out = new Map<string, SubsetHost[]>();
  for (const vs of ctx.objects('VirtualService')) {
    const hosts = stringList(vs.spec.hosts);
    for (const rule of asList(vs.spec.http)) {
      for (const r of asList(asObject(rule).route)) {
        const dest = asObject(asObject(r).destination);
        if (dest.subset && typeof dest.host === 'string' && hosts.includes(dest.host)) out.set(dest.host, [...(out.get(dest.host) ?? []), { host: dest.host, vs }]);
      }
    }
  }
  return out;
}

/**
 * IST0140: a gateway-bound VS routes to a host without subset while a VS for that host splits it by subset.
 * Reported per route destination and per such VirtualService; identical messages collapse in the dedupe.
 */
function checkIngressSubsets(ctx: AnalysisContext, vs: RawObject, subsetHosts: ReadonlyMap<string, SubsetHost[]>): void {
  if (!stringList(vs.spec.gateways).length) return;
  asList(vs.spec.http).forEach((rule, ri) => {
    asList(asObject(rule).route).forEach((r, i) => {
      const dest = asObject(asObject(r).destination);
      if (dest.subset || typeof dest.host !== 'string') return;
      for (const s of subsetHosts.get(dest.host) ?? []) {
        ctx.report(Msg.IngressRouteRulesNotAffected, vs, `spec.http[${ri}].route[${i}].destination.host`, refName(s.vs), refName(vs));
      }
    });
  });
}
