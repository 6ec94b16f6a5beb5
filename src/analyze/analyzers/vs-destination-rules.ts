// virtualservice.DestinationRuleAnalyzer (Istio analyzers/virtualservice/destinationrules.go): a destination
// naming a subset needs a DestinationRule for that host (compared as scoped FQDN) that defines the subset.
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { mirrorDestinations, routeDestinations, asList, asObject } from '../util/vs-walk.ts';
import { scopedFqdn } from '../util/fqdn.ts';

export const vsDestinationRuleAnalyzer: Analyzer = {
  meta: {
    name: 'virtualservice.DestinationRuleAnalyzer',
    description: 'Checks the destination rules associated with each virtual service',
    inputs: ['VirtualService', 'DestinationRule'],
  },
  analyze(ctx) {
    const subsets = new Set<string>();
    for (const dr of ctx.objects('DestinationRule')) {
      if (typeof dr.spec.host !== 'string') continue;
      const h = scopedFqdn(dr.ref.namespace ?? '', dr.spec.host);
      for (const s of asList(dr.spec.subsets)) {
        const name = asObject(s).name;
        if (typeof name === 'string') subsets.add(`${h.namespace}/${h.name}/${name}`);
      }
    }
    for (const vs of ctx.objects('VirtualService')) {
      const ns = vs.ref.namespace ?? '';
      const all = [...routeDestinations(vs).map((d) => ({ d, ref: 'host+subset in destinationrule' })), ...mirrorDestinations(vs).map((d) => ({ d, ref: 'mirror+subset in destinationrule' }))];
      for (const { d, ref } of all) {
        const subset = d.destination.subset, host = d.destination.host;
        if (!subset || typeof host !== 'string') continue;
        const h = scopedFqdn(ns, host);
        if (!subsets.has(`${h.namespace}/${h.name}/${subset}`)) ctx.report(Msg.ReferencedResourceNotFound, vs, `${d.path}.subset`, ref, `${host}+${subset}`);
      }
    }
  },
};
