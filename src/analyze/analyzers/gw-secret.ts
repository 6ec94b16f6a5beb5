// gateway.SecretAnalyzer (Istio analyzers/gateway/secret.go): a server's credentialName must name a Secret in
// the gateway workload's namespace (IST0101) holding a usable, currently valid certificate and key (IST0161).
import { X509Certificate } from 'node:crypto';
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { asLabels, selectorString } from '../util/labels.ts';
import { gatewayPods } from '../util/gateway-ref.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

export const gatewaySecretAnalyzer: Analyzer = {
  meta: {
    name: 'gateway.SecretAnalyzer',
    description: 'Checks a gateway\'s referenced secrets for correctness',
    inputs: ['Gateway', 'Pod', 'Secret'],
    needs: ['Pod', 'Secret'],
  },
  analyze(ctx) {
    for (const gw of ctx.objects('Gateway')) {
      const pods = gatewayPods(ctx, gw);
      if (!pods.length) {
        ctx.report(Msg.ReferencedResourceNotFound, gw, 'spec.selector', 'selector', selectorString(asLabels(gw.spec.selector)));
        continue;
      }
      const gwNs = pods[0].ref.namespace ?? '';
      asList(gw.spec.servers).forEach((s, i) => {
        const cn = asObject(asObject(s).tls).credentialName;
        if (typeof cn !== 'string' || !cn) return;
        const slash = cn.indexOf('/');
        const [ns, name] = slash >= 0 ? [cn.slice(0, slash), cn.slice(slash + 1)] : [gwNs, cn];
        const secret = ctx.find('Secret', ns, name);
        const path = `spec.servers[${i}].tls.credentialName`;
        if (!secret) ctx.report(Msg.ReferencedResourceNotFound, gw, path, 'credentialName', cn);
        else if (!validCredential(secret, ctx.now)) ctx.report(Msg.InvalidGatewayCredential, gw, path, gw.ref.name, gwNs);
      });
    }
  },
};

/** Non-empty `cert`+`key` or `tls.crt`+`tls.key`, whose first certificate is valid at `now`. */
export function validCredential(secret: RawObject, now: Date): boolean {
  const data = asObject(secret.object.data);
  const pair = data['tls.crt'] && data['tls.key'] ? [data['tls.crt'], data['tls.key']] : data.cert && data.key ? [data.cert, data.key] : undefined;
  if (!pair || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') return false;
  const pem = Buffer.from(pair[0], 'base64').toString('utf8');
  try {
    const cert = new X509Certificate(pem);
    return new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
  } catch {
    return false;
  }
}

