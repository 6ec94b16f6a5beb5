import type { Diagnostic, Severity } from '../core/diagnostic.ts';
import { formatDiagnostic, friendlyName } from '../core/diagnostic.ts';
import type { RawObject } from '../config/load/raw-object.ts';
import { DEFAULT_MESH_CONFIG, type MeshConfig } from '../config/mesh-config.ts';
import { analyzerKind, indexObjects, makeContext, syntheticObject } from './context.ts';
import { DEFAULT_ANALYSIS_OPTIONS, type AnalysisOptions, type Analyzer } from './types.ts';
import { defaultIngressObjects } from './defaults.ts';
import { isSuppressed, type Suppression } from './suppress.ts';

export interface AnalyzeRequest {
  /** Objects as loaded (invalid ones included: the schema analyzers report them). */
  readonly objects: readonly RawObject[];
  readonly analyzers: readonly Analyzer[];
  readonly mesh?: MeshConfig;
  /** A MeshNetworks body (`networks: {...}`). */
  readonly meshNetworks?: Record<string, any>;
  readonly istioNamespace?: string;
  readonly now: Date;
  readonly options?: Partial<AnalysisOptions>;
  /** Keep only the kinds the analyzers declare (Istio's loader does this). */
  readonly restrictToInputs?: boolean;
  /** Add Istio's default ingress Pod/Service (`AddDefaultResources`) when ingressControllerMode is not OFF. */
  readonly addDefaultResources?: boolean;
  /** Every kind counts as available (Istio's test harness); otherwise analyzers whose `needs` are absent are skipped. */
  readonly allKindsAvailable?: boolean;
  readonly suppressions?: readonly Suppression[];
}

export interface AnalyzeResult {
  readonly diagnostics: Diagnostic[];
  readonly ran: string[];
  readonly skipped: { name: string; reason: string }[];
}

/** Istio drops these at load time (`pilot/pkg/config/file` ignored namespaces). */
export const IGNORED_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/** Run analyzers over objects: Istio's pipeline (load filter, defaults, analyze, suppress, sort + dedupe). Pure. */
export function runAnalyzers(req: AnalyzeRequest): AnalyzeResult {
  const mesh = req.mesh ?? DEFAULT_MESH_CONFIG;
  const istioNamespace = req.istioNamespace ?? 'istio-system';
  const inputs = new Set(req.analyzers.flatMap((a) => a.meta.inputs));
  const keep = (o: RawObject) => !req.restrictToInputs || inputs.has(analyzerKind(o));
  const objects = loadedObjects(req.objects).filter(keep);
  const present = new Set(objects.map(analyzerKind));
  if (req.addDefaultResources && mesh.raw.ingressControllerMode !== 'OFF') {
    const have = new Set(objects.map((o) => `${analyzerKind(o)}/${o.ref.namespace}/${o.ref.name}`));
    for (const d of defaultIngressObjects(istioNamespace)) {
      if (keep(d) && !have.has(`${d.kind}/${d.ref.namespace}/${d.ref.name}`)) objects.push(d);
    }
  }
  const parts = {
    index: indexObjects(objects),
    mesh,
    meshConfigObject: syntheticObject('mesh.istio.io/v1alpha1', 'MeshConfig', istioNamespace, 'meshconfig', { spec: mesh.raw }),
    meshNetworksObject: syntheticObject('mesh.istio.io/v1alpha1', 'MeshNetworks', istioNamespace, 'meshnetworks', { spec: req.meshNetworks ?? {} }),
    istioNamespace,
    now: req.now,
    options: { ...DEFAULT_ANALYSIS_OPTIONS, ...req.options },
  };
  const found: Diagnostic[] = [];
  const ran: string[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const a of req.analyzers) {
    const missing = req.allKindsAvailable ? [] : (a.meta.needs ?? []).filter((k) => !present.has(k));
    if (missing.length) {
      skipped.push({ name: a.meta.name, reason: `no ${missing.join(', ')} in the input` });
      continue;
    }
    a.analyze(makeContext(parts, found));
    ran.push(a.meta.name);
  }
  const byRef = parts.index.byKey;
  const kept = found.filter((d) => !isSuppressed(d, req.suppressions ?? [], (ref) => byRef.get(`${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`)));
  return { diagnostics: sortAndDedupe(kept), ran, skipped };
}

/** Istio's file loader: ignored namespaces dropped, and a later object with the same kind/namespace/name wins. */
function loadedObjects(objects: readonly RawObject[]): RawObject[] {
  const byKey = new Map<string, RawObject>();
  for (const o of objects) {
    const ns = o.kind === 'Namespace' ? o.ref.name : o.ref.namespace ?? '';
    if (IGNORED_NAMESPACES.has(ns)) continue;
    byKey.set(`${analyzerKind(o)}/${o.ref.namespace ?? ''}/${o.ref.name}`, o);
  }
  return [...byKey.values()];
}

const LEVEL_ORDER: Record<Severity, number> = { Error: 0, Warning: 1, Info: 2 };

/** Istio's `SortedDedupedCopy`: level (Error first), code, origin, full text; adjacent identical lines dropped. */
export function sortAndDedupe(diags: readonly Diagnostic[]): Diagnostic[] {
  const keyed = diags.map((d) => ({ d, origin: d.resource ? friendlyName(d.resource) : '', line: formatDiagnostic(d) }));
  keyed.sort((a, b) =>
    LEVEL_ORDER[a.d.severity] - LEVEL_ORDER[b.d.severity]
    || cmp(a.d.code, b.d.code) || cmp(a.origin, b.origin) || cmp(a.line, b.line));
  const out: Diagnostic[] = [];
  let last = '';
  for (const k of keyed) {
    if (out.length && k.line === last) continue;
    out.push(k.d);
    last = k.line;
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
