import { labelsMatch } from '../../model/export-to.ts';
import { kubePortProtocol } from '../../model/protocol.ts';

/** The Kubernetes bits `x describe` needs: port protocol, target port, revision, label selection. */
export type Labels = Readonly<Record<string, string>>;

/** istioctl findProtocolForPort: unnamed, no appProtocol, not UDP → auto-detect; else Istio's ConvertProtocol. */
export function findProtocolForPort(port: { name?: string; protocol?: string; appProtocol?: string; port?: number }): string {
  if (!port.name && port.appProtocol === undefined && port.protocol !== 'UDP') return 'auto-detect';
  const p = kubePortProtocol(port.port ?? 0, port.name, port.protocol, port.appProtocol);
  if (p === 'Unsupported') return port.appProtocol === 'hbone' ? 'HBONE' : 'UnsupportedProtocol';
  return p;
}

/** `istio.io/rev` annotation, else the revision in the `sidecar.istio.io/status` JSON. */
export function revisionFromAnnotations(annotations: Labels | undefined): string {
  if (!annotations) return '';
  if (annotations['istio.io/rev'] !== undefined) return annotations['istio.io/rev'];
  try {
    const status = JSON.parse(annotations['sidecar.istio.io/status'] ?? '');
    return typeof status?.revision === 'string' ? status.revision : '';
  } catch {
    return '';
  }
}

/** A label selector (matchLabels form) selects these labels; an empty selector selects everything. */
export function selects(selector: Labels | undefined, labels: Labels | undefined): boolean {
  return labelsMatch(selector, labels ?? {});
}

/** pilot's FindPort: the numeric target port, or the named container port of the pod. */
export function findPodPort(pod: any, svcPort: any): number | string {
  const tp = svcPort.targetPort ?? svcPort.port;
  if (typeof tp === 'number') return tp;
  if (/^[0-9]+$/.test(String(tp))) return Number(tp);
  for (const c of pod?.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === tp) return Number(p.containerPort);
  return `no suitable port for manifest: ${pod?.metadata?.name ?? ''}`;
}
