/**
 * `analyze = snapshot + analyzers → Diagnostic[]`. The entry point front ends call; see run.ts for the
 * pipeline (Istio's load filter, default resources, suppression, sort and dedupe).
 */
import type { ConfigSnapshot } from '../config/snapshot.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { ALL_ANALYZERS } from './registry.ts';
import { runAnalyzers, type AnalyzeResult } from './run.ts';
import type { AnalysisOptions, Analyzer } from './types.ts';
import type { Suppression } from './suppress.ts';

export { ALL_ANALYZERS, ISTIO_ANALYZERS, findAnalyzer } from './registry.ts';
export { runAnalyzers, sortAndDedupe } from './run.ts';
export type { Analyzer, AnalysisContext, AnalysisOptions } from './types.ts';
export type { Suppression } from './suppress.ts';

export interface AnalyzeSnapshotOptions {
  readonly analyzers?: readonly Analyzer[];
  readonly now: Date;
  readonly options?: Partial<AnalysisOptions>;
  readonly suppressions?: readonly Suppression[];
  /** Assume the default ingress gateway exists (istioctl without a cluster). Default true. */
  readonly defaultIngress?: boolean;
}

export function analyzeSnapshot(snapshot: ConfigSnapshot, opts: AnalyzeSnapshotOptions): AnalyzeResult {
  return runAnalyzers({
    objects: snapshot.objects,
    analyzers: opts.analyzers ?? ALL_ANALYZERS,
    mesh: snapshot.meshConfig,
    now: opts.now,
    options: opts.options,
    suppressions: opts.suppressions,
    addDefaultResources: opts.defaultIngress ?? true,
  });
}

export type { AnalyzeResult, Diagnostic };
