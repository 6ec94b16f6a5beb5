// destinationrule.CaCertificateAnalyzer (Istio analyzers/destinationrule/ca-certificates.go): SIMPLE or MUTUAL
// origination without caCertificates does not verify the server (IST0128 destination level, IST0129 per port).
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { isEmptyLabels, asLabels } from '../util/labels.ts';

const VERIFYING_MODES = new Set(['SIMPLE', 'MUTUAL']);

export const caCertificateAnalyzer: Analyzer = {
  meta: {
    name: 'destinationrule.CaCertificateAnalyzer',
    description: 'Checks if caCertificates is set when TLS mode is SIMPLE/MUTUAL',
    inputs: ['DestinationRule'],
  },
  analyze(ctx) {
    for (const dr of ctx.objects('DestinationRule')) {
      const ns = dr.ref.namespace ?? '', host = String(dr.spec.host ?? '');
      const hasSelector = !isEmptyLabels(asLabels(dr.spec.workloadSelector?.matchLabels));
      const unverified = (tls: Record<string, any>) =>
        VERIFYING_MODES.has(String(tls.mode)) && !tls.caCertificates && !(tls.credentialName && hasSelector);
      const policy = asObject(dr.spec.trafficPolicy);
      const tls = asObject(policy.tls);
      if (unverified(tls)) ctx.report(Msg.NoServerCertificateVerificationDestinationLevel, dr, 'spec.trafficPolicy.tls.mode', dr.ref.name, ns, tls.mode, host);
      asList(policy.portLevelSettings).forEach((p, i) => {
        const ptls = asObject(asObject(p).tls);
        if (!unverified(ptls)) return;
        const port = asObject(asObject(p).port).number;
        ctx.report(Msg.NoServerCertificateVerificationPortLevel, dr, `spec.trafficPolicy.portLevelSettings[${i}].tls.mode`, dr.ref.name, ns, ptls.mode, host, `number:${port}`);
      });
    }
  },
};
