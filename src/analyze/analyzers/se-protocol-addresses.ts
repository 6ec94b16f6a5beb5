// serviceentry.Analyzer (Istio analyzers/serviceentry/protocoladdresses.go): a TCP (or protocol-less) port on a
// ServiceEntry without addresses cannot be told apart from other TCP traffic on that port (IST0134), unless
// DNS auto-allocation gives it an address.
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';

export const serviceEntryAddressesAnalyzer: Analyzer = {
  meta: {
    name: 'serviceentry.Analyzer',
    description: 'Checks the validity of ServiceEntry',
    inputs: ['ServiceEntry', 'MeshConfig'],
  },
  analyze(ctx) {
    const md = asObject(asObject(ctx.mesh.raw.defaultConfig).proxyMetadata);
    const autoAllocate = md.ISTIO_META_DNS_CAPTURE === 'true'
      && (md.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || md.PILOT_ENABLE_IP_AUTOALLOCATE === 'true');
    if (autoAllocate) return;
    for (const se of ctx.objects('ServiceEntry')) {
      if (asList(se.spec.addresses).length || asList(asObject(se.object.status).addresses).length) continue;
      asList(se.spec.ports).forEach((p, i) => {
        const proto = String(asObject(p).protocol ?? '');
        if (proto === '' || proto.toUpperCase() === 'TCP') ctx.report(Msg.ServiceEntryAddressesRequired, se, `spec.ports[${i}].protocol`);
      });
    }
  },
};
