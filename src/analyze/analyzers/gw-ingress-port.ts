// gateway.IngressGatewayPortAnalyzer (Istio analyzers/gateway/gateway.go): a Gateway must select a workload
// (IST0101) and every server port must be exposed by a Service in front of those pods (IST0162). Only Service
// ports whose protocol is literally "TCP" count (Istio reads objects without Kubernetes defaulting).
import type { Analyzer, AnalysisContext } from '../types.ts';
import type { RawObject } from '../../config/load/raw-object.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { asLabels, selectorString, labelsOf } from '../util/labels.ts';
import { gatewayPods, servicesSelecting } from '../util/gateway-ref.ts';

export const ingressGatewayPortAnalyzer: Analyzer = {
  meta: {
    name: 'gateway.IngressGatewayPortAnalyzer',
    description: 'Checks a gateway\'s ports against the gateway\'s Kubernetes service ports',
    inputs: ['Gateway', 'Pod', 'Service'],
    needs: ['Pod', 'Service'],
  },
  analyze(ctx) {
    const bySelector = new Map<string, ExposedPorts | undefined>();
    for (const gw of ctx.objects('Gateway')) {
      const sel = selectorString(asLabels(gw.spec.selector));
      if (!bySelector.has(sel)) bySelector.set(sel, exposedPorts(ctx, gatewayPods(ctx, gw)));
      const exposed = bySelector.get(sel);
      if (!exposed) {
        ctx.report(Msg.ReferencedResourceNotFound, gw, 'spec.selector', 'selector', sel);
        continue;
      }
      const { targetPorts, servicePorts } = exposed;
      asList(gw.spec.servers).forEach((s, i) => {
        const port = Number(asObject(asObject(s).port).number);
        if (!targetPorts.has(port) && !servicePorts.has(port)) ctx.report(Msg.GatewayPortNotDefinedOnService, gw, `spec.servers[${i}].port`, port, sel);
      });
    }
  },
};

interface ExposedPorts { targetPorts: Set<number>; servicePorts: Set<number> }

/** Target ports (and ports mapped to a target) of the TCP Service ports in front of the pods; undefined without pods. */
function exposedPorts(ctx: AnalysisContext, pods: readonly RawObject[]): ExposedPorts | undefined {
  if (!pods.length) return undefined;
  const targetPorts = new Set<number>();
  const servicePorts = new Set<number>();
  for (const pod of pods) {
    for (const svc of servicesSelecting(ctx, pod.ref.namespace ?? '', labelsOf(pod))) {
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
  return { targetPorts, servicePorts };
}
