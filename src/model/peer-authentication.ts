/**
 * Effective PeerAuthentication mode. Istio: `pilot/pkg/security/authn/policy_applier.go`,
 * `model/authentication.go` (ComposePeerAuthentication): mesh (root namespace, no selector) →
 * namespace (no selector) → workload (selector matching; `portLevelMtls` only here). UNSET inherits;
 * nothing at all means PERMISSIVE. Several candidates at one level: the oldest wins.
 */
import type { MeshModel, MtlsMode, PeerAuthenticationEntry } from './types.ts';
import { labelsMatch } from './export-to.ts';

type Mode = MtlsMode | undefined;

function modeOf(m: unknown): Mode {
  return m === 'STRICT' || m === 'PERMISSIVE' || m === 'DISABLE' ? m : undefined;
}

function firstOf(list: readonly PeerAuthenticationEntry[], pred: (p: PeerAuthenticationEntry) => boolean): PeerAuthenticationEntry | undefined {
  return list.find(pred); // list is sorted oldest first
}

/** Mesh- and namespace-level mode (no workload policy): what auto-mTLS uses for a service namespace. */
export function namespaceMtlsMode(model: MeshModel, namespace: string): MtlsMode {
  const pas = model.peerAuthentications;
  const meshPa = firstOf(pas, (p) => p.namespace === model.rootNamespace && !p.selector);
  const nsPa = namespace === model.rootNamespace ? undefined : firstOf(pas, (p) => p.namespace === namespace && !p.selector);
  return modeOf(nsPa?.spec.mtls?.mode) ?? modeOf(meshPa?.spec.mtls?.mode) ?? 'PERMISSIVE';
}

/** Mode for an inbound workload port of a proxy in `namespace` with `labels`. */
export function workloadMtlsMode(model: MeshModel, namespace: string, labels: Readonly<Record<string, string>>, port: number): MtlsMode {
  const base = namespaceMtlsMode(model, namespace);
  const wl = firstOf(model.peerAuthentications, (p) => p.namespace === namespace && !!p.selector && labelsMatch(p.selector, labels));
  if (!wl) return base;
  const wlMode = modeOf(wl.spec.mtls?.mode) ?? base;
  const portLevel = wl.spec.portLevelMtls?.[String(port)];
  return modeOf(portLevel?.mode) ?? wlMode;
}
