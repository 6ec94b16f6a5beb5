// SLU0007 RouteNotAppliedToMesh: a VirtualService for a service inside the mesh that is bound only to gateways.
// Its rules (retries, faults, canary splits, header routes) apply at the gateway, but sidecars of in-mesh callers
// never see it — they go straight to the service. Often intended, hence Info.
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { stringList } from '../util/vs-walk.ts';
import { serviceForHost } from '../util/workloads.ts';

export const routeNotAppliedToMeshAnalyzer: Analyzer = {
  meta: { name: 'sluice.RouteNotAppliedToMesh', description: 'VirtualServices for in-mesh services bound only to gateways (SLU0007)', inputs: ['VirtualService', 'Service'], needs: ['Service'] },
  analyze(ctx) {
    for (const vs of ctx.objects('VirtualService')) {
      const gws = stringList(vs.spec.gateways);
      if (!gws.length || gws.includes('mesh')) continue;
      const ns = vs.ref.namespace ?? '';
      stringList(vs.spec.hosts).forEach((h, i) => {
        if (serviceForHost(ctx, ns, h)) ctx.report(Msg.RouteNotAppliedToMesh, vs, `spec.hosts[${i}]`, h, gws);
      });
    }
  },
};
