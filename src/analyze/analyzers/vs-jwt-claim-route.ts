// virtualservice.JWTClaimRouteAnalyzer (Istio analyzers/virtualservice/jwtclaimroute.go): routing on
// `@request.auth.claims.*` at a gateway needs a RequestAuthentication that applies to the gateway pods.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { fullName } from '../util/names.ts';
import { Msg } from '../messages.ts';
import { stringList, asList, asObject } from '../util/vs-walk.ts';
import { selectorMatches, asLabels, labelsOf } from '../util/labels.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

const CLAIM = /^@request\.auth\.claims(\.|\[).+/i;

export const jwtClaimRouteAnalyzer: Analyzer = {
  meta: {
    name: 'virtualservice.JWTClaimRouteAnalyzer',
    description: 'Checks the VirtualService using JWT claim based routing has corresponding RequestAuthentication',
    inputs: ['VirtualService', 'RequestAuthentication', 'Gateway', 'Pod'],
    needs: ['Pod'],
  },
  analyze(ctx) {
    for (const vs of ctx.objects('VirtualService')) {
      const claim = claimKey(vs);
      if (!claim) continue;
      const vsNs = vs.ref.namespace ?? '';
      stringList(vs.spec.gateways).forEach((g, i) => {
        if (g === 'mesh') return;
        const slash = g.indexOf('/');
        const gwNs = slash >= 0 ? g.slice(0, slash) : vsNs, gwName = slash >= 0 ? g.slice(slash + 1) : g;
        const gw = ctx.find('Gateway', gwNs, gwName);
        if (!gw) return;
        const selector = asLabels(gw.spec.selector);
        for (const pod of ctx.objects('Pod')) {
          if (!selectorMatches(selector, labelsOf(pod))) continue;
          if (!hasRequestAuthn(ctx, pod)) ctx.report(Msg.JwtClaimBasedRoutingWithoutRequestAuthN, vs, `spec.gateways[${i}]`, claim, fullName(gwNs, gwName), pod.ref.name);
        }
      });
    }
  },
};

/** The first header/withoutHeaders key that routes on a JWT claim (declaration order). */
function claimKey(vs: RawObject): string | undefined {
  for (const rule of asList(vs.spec.http)) {
    for (const m of asList(asObject(rule).match)) {
      for (const field of ['headers', 'withoutHeaders']) {
        for (const k of Object.keys(asObject(asObject(m)[field]))) if (CLAIM.test(k)) return k;
      }
    }
  }
  return undefined;
}

function hasRequestAuthn(ctx: AnalysisContext, pod: RawObject): boolean {
  const podNs = pod.ref.namespace ?? '';
  return ctx.objects('RequestAuthentication').some((ra) => {
    const ns = ra.ref.namespace ?? '';
    if (ns !== 'istio-system' && ns !== podNs) return false;
    return selectorMatches(asLabels(ra.spec.selector?.matchLabels), labelsOf(pod));
  });
}
