// SLU0007 RouteNotAppliedToMesh: a VirtualService for a service inside the mesh that is bound only to gateways,
// while no mesh-bound VirtualService routes that host. Its rules (retries, faults, canary splits, header
// routes) apply at the gateway, but sidecars of in-mesh callers never see them — they go straight to the
// service. Often intended, hence Info.
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { stringList } from '../util/vs-walk.ts';
import { convertHostToFQDN } from '../util/fqdn.ts';
import { serviceForHost } from '../util/workloads.ts';
import { hostsMatch } from '../../model/hosts.ts';

export const routeNotAppliedToMeshAnalyzer: Analyzer = {
  meta: { name: 'sluice.RouteNotAppliedToMesh', description: 'VirtualServices for in-mesh services bound only to gateways (SLU0007)', inputs: ['VirtualService', 'Service'], needs: ['Service'] },
  analyze(ctx) {
    const meshHosts: string[] = [];
    for (const vs of ctx.objects('VirtualService')) {
      const gws = stringList(vs.spec.gateways);
      if (!gws.length || gws.includes('mesh')) meshHosts.push(...stringList(vs.spec.hosts).map((h) => convertHostToFQDN(vs.ref.namespace ?? '', h)));
    }
    const meshRouted = new Set(meshHosts.filter((h) => !h.startsWith('*')));
    const meshWildcards = meshHosts.filter((h) => h.startsWith('*'));
    for (const vs of ctx.objects('VirtualService')) {
      const gws = stringList(vs.spec.gateways);
      if (!gws.length || gws.includes('mesh')) continue;
      const ns = vs.ref.namespace ?? '';
      stringList(vs.spec.hosts).forEach((h, i) => {
        const svc = serviceForHost(ctx, ns, h);
        if (!svc) return;
        const fqdn = `${svc.ref.name}.${svc.ref.namespace}.svc.cluster.local`;
        if (meshRouted.has(fqdn) || meshWildcards.some((w) => hostsMatch(w, fqdn))) return;
        ctx.report(Msg.RouteNotAppliedToMesh, vs, `spec.hosts[${i}]`, h, gws);
      });
    }
  },
};
