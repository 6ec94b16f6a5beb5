import type { Severity } from '../../core/diagnostic.ts';

/**
 * What the Kubernetes Ingress conversion reports (Istio only logs these, at info level, in
 * pilot/pkg/config/kube/ingress; the Ingress part in question is then left out of the generated config).
 */
export const IngressCodes = {
  /** The Ingress is not for Istio (ingress class / IngressClass / ingressControllerMode). */
  NotSelected: { code: 'SLU1701', severity: 'Info' },
  /** `spec.ingressClassName` names an IngressClass that does not exist: the Ingress is ignored. */
  ClassNotFound: { code: 'SLU1702', severity: 'Warning' },
  /** `spec.defaultBackend` is not supported by Istio (use a VirtualService). */
  DefaultBackendIgnored: { code: 'SLU1703', severity: 'Warning' },
  /** A rule without `http` paths. */
  RuleWithoutPaths: { code: 'SLU1704', severity: 'Warning' },
  /** A path whose backend is not a Service, or whose named port the Service does not have. */
  BackendUnusable: { code: 'SLU1705', severity: 'Warning' },
  /** An Exact/Prefix path that is not absolute (the Kubernetes API server rejects it). */
  InvalidPath: { code: 'SLU1707', severity: 'Warning' },
  /** A `tls` entry without `secretName`. */
  TlsWithoutSecret: { code: 'SLU1706', severity: 'Warning' },
} as const satisfies Record<string, { code: string; severity: Severity }>;
