import type { RawObject } from '../config/load/raw-object.ts';
import { syntheticObject } from './context.ts';

/**
 * Istio's `AddDefaultResources` (pkg/config/analysis/local): without a live cluster, istioctl assumes the
 * default ingress gateway is installed — a dummy Pod and the `istio-ingressgateway` Service.
 */
export function defaultIngressObjects(istioNamespace: string): RawObject[] {
  const labels = { istio: 'ingressgateway' };
  return [
    syntheticObject('v1', 'Pod', istioNamespace, 'istio-ingressgateway-dummypod', {
      metadata: { labels },
      spec: { containers: [{ name: 'istio-proxy' }] },
    }),
    syntheticObject('v1', 'Service', istioNamespace, 'istio-ingressgateway', {
      spec: {
        selector: labels,
        ports: [
          { name: 'http2', port: 80, targetPort: 80, protocol: 'TCP', nodePort: 31380 },
          { name: 'https', port: 443, targetPort: 443, protocol: 'TCP', nodePort: 31390 },
          { name: 'tcp', port: 31400, targetPort: 31400, protocol: 'TCP', nodePort: 31400 },
          { name: 'tls', port: 15443, targetPort: 15443, protocol: 'TCP', nodePort: 31447 },
        ],
      },
    }),
  ];
}
