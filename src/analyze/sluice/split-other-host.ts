// SLU0006 SplitTargetsOtherHost: a weighted split in a mesh VirtualService that sends part of the traffic for
// its own host to a different host. Callers of `reviews` then get answers from another service — usually a
// typo or a canary pointed at the wrong Service (canaries normally split subsets of the same host).
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject, stringList } from '../util/vs-walk.ts';
import { convertHostToFQDN } from '../util/fqdn.ts';
import { hostsMatch } from '../../model/hosts.ts';

export const splitOtherHostAnalyzer: Analyzer = {
  meta: { name: 'sluice.SplitTargetsOtherHost', description: 'Weighted splits sending traffic to a host other than the VirtualService\'s own (SLU0006)', inputs: ['VirtualService'] },
  analyze(ctx) {
    for (const vs of ctx.objects('VirtualService')) {
      const gws = stringList(vs.spec.gateways);
      if (gws.length && !gws.includes('mesh')) continue;
      const ns = vs.ref.namespace ?? '';
      const own = stringList(vs.spec.hosts).map((h) => convertHostToFQDN(ns, h));
      asList(vs.spec.http).map(asObject).forEach((rule, i) => {
        const dests = asList(rule.route).map(asObject).filter((d) => d.weight === undefined || Number(d.weight) > 0);
        if (dests.length < 2) return;
        dests.forEach((d) => {
          const host = asObject(d.destination).host;
          if (typeof host !== 'string') return;
          const fqdn = convertHostToFQDN(ns, host);
          if (own.some((h) => hostsMatch(h, fqdn))) return;
          const j = asList(rule.route).indexOf(d);
          ctx.report(Msg.SplitTargetsOtherHost, vs, `spec.http[${i}].route[${j}].destination.host`, `spec.http[${i}]`, stringList(vs.spec.hosts), host, stringList(vs.spec.hosts)[0] ?? '');
        });
      });
    }
  },
};
