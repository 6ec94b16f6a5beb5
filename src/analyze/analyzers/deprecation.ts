// deprecation.DeprecationAnalyzer (Istio analyzers/deprecation/deprecation.go), the networking part:
// `fault.delay.percent` (use `percentage`) and Sidecar `outboundTrafficPolicy.egressProxy` (IST0002).
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';

const REMOVED_CRD_GROUP = 'rbac.istio.io';

export const deprecationAnalyzer: Analyzer = {
  meta: {
    name: 'deprecation.DeprecationAnalyzer',
    description: 'Checks for deprecated Istio types and fields',
    inputs: ['VirtualService', 'Sidecar', 'CustomResourceDefinition'],
  },
  analyze(ctx) {
    for (const crd of ctx.objects('CustomResourceDefinition')) {
      if (crd.spec.group === REMOVED_CRD_GROUP) ctx.report(Msg.Deprecated, crd, undefined, `Custom resource type ${crd.spec.group} ${asObject(crd.spec.names).kind} is removed`);
    }
    for (const vs of ctx.objects('VirtualService')) {
      asList(vs.spec.http).forEach((rule, i) => {
        const percent = Number(asObject(asObject(asObject(rule).fault).delay).percent);
        if (percent > 0) ctx.report(Msg.Deprecated, vs, `spec.http[${i}].fault.delay.percent`, 'HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage');
      });
    }
    for (const sc of ctx.objects('Sidecar')) {
      if (asObject(sc.spec.outboundTrafficPolicy).egressProxy) ctx.report(Msg.Deprecated, sc, 'spec.outboundTrafficPolicy.egressProxy', 'OutboundTrafficPolicy.EgressProxy ignored');
    }
  },
};
