// gateway.IngressGatewayPortAnalyzer (Istio analyzers/gateway/gateway.go): a Gateway must select a workload
// (IST0101) and every server port must be exposed by a Service in front of those pods (IST0162). Only Service
// ports whose protocol is literally "TCP" count (Istio reads objects without Kubernetes defaulting).
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { asLabels, selectorString } from '../util/labels.ts';
import { gatewayPods, servicesSelecting } from '../util/gateway-ref.ts';

export const ingressGatewayPortAnalyzer: Analyzer = {
  meta: {
    name: 'gateway.IngressGatewayPortAnalyzer',
    description: 'Checks a gateway\'s ports against the gateway\'s Kubernetes service ports',
    inputs: ['Gateway', 'Pod', 'Service'],
    needs: ['Pod', 'Service'],
  },
  analyze(ctx) {
    for (const gw of ctx.objects('Gateway')) {
      const sel = selectorString(asLabels(gw.spec.selector));
      const pods = gatewayPods(ctx, gw);
      if (!pods.length) {
        ctx.report(Msg.ReferencedResourceNotFound, gw, 'spec.selector', 'selector', sel);
        continue;
      }
      const targetPorts = new Set<number>();
      const servicePorts = new Set<number>();
      for (const pod of pods) {
        for (const svc of servicesSelecting(ctx, pod.ref.namespace ?? '', pod.metadata.labels)) {
          for (const p of asList(svc.spec.ports).map(asObject)) {
            if (p.protocol !== 'TCP') continue;
            const target = Number(p.targetPort);
            if (Number.isInteger(target) && target > 0) {
              targetPorts.add(target);
              servicePorts.add(Number(p.port));
            } else targetPorts.add(Number(p.port));
          }
        }
      }
      asList(gw.spec.servers).forEach((s, i) => {
        const port = Number(asObject(asObject(s).port).number);
        if (!targetPorts.has(port) && !servicePorts.has(port)) ctx.report(Msg.GatewayPortNotDefinedOnService, gw, `spec.servers[${i}].port`, port, sel);
      });
    }
  },
};
