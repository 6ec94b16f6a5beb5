// virtualservice.ConflictingMeshGatewayHostsAnalyzer (Istio analyzers/virtualservice/conflictingmeshgatewayhosts.go):
// two mesh-bound VirtualServices for the same host (within an exportTo scope) → IST0109 on each.
import type { Analyzer } from '../types.ts';
import { refName } from '../util/names.ts';
import { Msg } from '../messages.ts';
import { stringList } from '../util/vs-walk.ts';
import { convertHostToFQDN } from '../util/fqdn.ts';
import { hostsMatch } from '../../model/hosts.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

export const conflictingMeshGatewayHostsAnalyzer: Analyzer = {
  meta: {
    name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
    description: 'Checks if multiple virtual services associated with the mesh gateway have conflicting hosts',
    inputs: ['VirtualService'],
  },
  analyze(ctx) {
    const byKey = new Map<string, { scope: string; host: string; vss: RawObject[] }>();
    for (const vs of ctx.objects('VirtualService')) {
      const gws = stringList(vs.spec.gateways);
      if (gws.length && !gws.includes('mesh')) continue;
      const ns = vs.ref.namespace ?? '';
      const exportTo = stringList(vs.spec.exportTo);
      const scopes = !exportTo.length || exportTo.includes('*') ? ['*'] : [...new Set(exportTo.map((e) => (e === '.' ? ns : e)))];
      for (const scope of scopes) {
        for (const h of new Set(stringList(vs.spec.hosts).map((x) => convertHostToFQDN(ns, x)))) {
          const k = `${scope}/${h}`;
          let e = byKey.get(k);
          if (!e) byKey.set(k, (e = { scope, host: h, vss: [] }));
          e.vss.push(vs);
        }
      }
    }
    const global = [...byKey.values()].filter((e) => e.scope === '*');
    const reported = new Set<RawObject>();
    for (const [k, e] of byKey) {
      const members = new Set(e.vss);
      if (e.scope !== '*') for (const g of global) if (hostsMatch(g.host, e.host)) g.vss.forEach((v) => members.add(v));
      if (members.size < 2) continue;
      const names = [...members].map(refName).sort().join(',');
      for (const vs of members) {
        if (reported.has(vs)) continue;
        reported.add(vs);
        const idx = stringList(vs.spec.hosts).findIndex((x) => convertHostToFQDN(vs.ref.namespace ?? '', x) === e.host);
        ctx.report(Msg.ConflictingMeshGatewayVirtualServiceHosts, vs, idx >= 0 ? `spec.hosts[${idx}]` : 'spec.hosts', names, k);
      }
    }
  },
};
