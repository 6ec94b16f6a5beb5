// meshnetworks.MeshNetworksAnalyzer (Istio analyzers/multicluster/meshnetworks.go): `fromRegistry` must name a
// known registry (Mock, Kubernetes, External) or a remote cluster secret's key (IST0126). Case-sensitive.
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { labelsOf } from '../util/labels.ts';

const BUILTIN_REGISTRIES = ['Mock', 'Kubernetes', 'External'];

export const meshNetworksAnalyzer: Analyzer = {
  meta: {
    name: 'meshnetworks.MeshNetworksAnalyzer',
    description: 'Check the validity of MeshNetworks in the cluster',
    inputs: ['MeshNetworks', 'Secret'],
  },
  analyze(ctx) {
    const known = new Set(BUILTIN_REGISTRIES);
    for (const s of ctx.objects('Secret')) {
      if (labelsOf(s)['istio/multiCluster'] !== 'true') continue;
      for (const k of Object.keys(asObject(s.object.data))) known.add(k);
    }
    const mn = ctx.meshNetworksObject;
    const networks = asObject(mn.spec.networks);
    for (const name of Object.keys(networks).sort()) {
      asList(asObject(networks[name]).endpoints).forEach((e, i) => {
        const reg = asObject(e).fromRegistry;
        if (typeof reg === 'string' && !known.has(reg)) ctx.report(Msg.UnknownMeshNetworksServiceRegistry, mn, `networks.${name}.endpoints[${i}]`, reg, name);
      });
    }
  },
};
