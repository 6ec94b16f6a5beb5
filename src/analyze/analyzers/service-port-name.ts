// service.PortNameAnalyzer (Istio analyzers/service/portname.go): Istio picks a port's protocol from
// appProtocol or the `<protocol>[-suffix]` name; anything else is treated as opaque TCP (IST0118), and
// ExternalName services need a protocol (IST0150).
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { labelsOf } from '../util/labels.ts';

const KNOWN = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql']);
const APP_PROTOCOL_ALIASES: Record<string, string> = { 'kubernetes.io/h2c': 'http2', 'kubernetes.io/ws': 'http', 'kubernetes.io/wss': 'https' };
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);
const GATEWAY_MANAGED = new Set(['istio.io-gateway-controller', 'istio.io-mesh-controller', 'istio.io-eastwest-controller']);

/** Istio's protocol for a Service port, or undefined when it is unknown (treated as TCP by the proxy). */
export function portProtocol(p: Record<string, any>): string | undefined {
  if (p.protocol === 'UDP') return 'udp';
  const name = typeof p.appProtocol === 'string' && p.appProtocol ? (APP_PROTOCOL_ALIASES[p.appProtocol] ?? p.appProtocol) : String(p.name ?? '');
  const lower = name.toLowerCase();
  if (lower.startsWith('grpc-web')) return 'grpc-web';
  const prefix = lower.split('-')[0];
  if (KNOWN.has(prefix)) return prefix;
  if (WELL_KNOWN_TCP_PORTS.has(Number(p.port))) return 'tcp';
  return undefined;
}

export const portNameAnalyzer: Analyzer = {
  meta: {
    name: 'service.PortNameAnalyzer',
    description: 'Checks the port names associated with each service',
    inputs: ['Service'],
  },
  analyze(ctx) {
    for (const svc of ctx.objects('Service')) {
      const labels = labelsOf(svc);
      if ('istio' in labels || labels.release === 'istio' || GATEWAY_MANAGED.has(labels['gateway.istio.io/managed'])) continue;
      const external = svc.spec.type === 'ExternalName';
      asList(svc.spec.ports).forEach((raw, i) => {
        const p = asObject(raw);
        const proto = portProtocol(p);
        const path = `spec.ports[${i}].name`;
        if (external) {
          if (!proto || p.name === 'tcp') ctx.report(Msg.ExternalNameServiceTypeInvalidPortName, svc, path);
        } else if (!proto) {
          const target = p.targetPort === undefined ? '' : String(p.targetPort);
          ctx.report(Msg.PortNameIsNotUnderNamingConvention, svc, path, String(p.name ?? ''), Number(p.port), target);
        }
      });
    }
  },
};
