// gateway.CertificateAnalyzer (Istio analyzers/gateway/certificate.go): two gateways on overlapping workloads
// serving the same certificate make HTTP/2 connection reuse route to the wrong gateway (IST0138).
import type { Analyzer } from '../types.ts';
import { refName } from '../util/names.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { asLabels, selectorMatches } from '../util/labels.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

export const gatewayCertificateAnalyzer: Analyzer = {
  meta: {
    name: 'gateway.CertificateAnalyzer',
    description: 'Checks a gateway\'s certificate',
    inputs: ['Gateway'],
  },
  analyze(ctx) {
    const gateways = ctx.objects('Gateway');
    for (const gw of gateways) {
      const sel = asLabels(gw.spec.selector);
      const reported = new Set<RawObject>();
      for (const other of gateways) {
        if (other === gw || reported.has(other)) continue;
        if (!selectorMatches(sel, asLabels(other.spec.selector) ?? {})) continue;
        if (sharesCertificate(gw, other)) {
          reported.add(other);
          ctx.report(Msg.GatewayDuplicateCertificate, gw, 'spec.servers', [nameOf(gw), nameOf(other)]);
        }
      }
    }
  },
};

const nameOf = (gw: RawObject) => refName(gw);

function tlsOf(gw: RawObject): Record<string, any>[] {
  return asList(gw.spec.servers).map((s) => asObject(asObject(s).tls)).filter((t) => Object.keys(t).length > 0);
}

function sharesCertificate(a: RawObject, b: RawObject): boolean {
  for (const ta of tlsOf(a)) {
    for (const tb of tlsOf(b)) {
      if (ta.credentialName && ta.credentialName === tb.credentialName) return true;
      if (!ta.credentialName && !tb.credentialName && ta.serverCertificate && ta.serverCertificate === tb.serverCertificate && ta.privateKey === tb.privateKey) return true;
    }
  }
  return false;
}
