import type { Analyzer } from '../types.ts';
import { routeShadowedAnalyzer } from './route-shadowed.ts';
import { retryAmplificationAnalyzer } from './retry-amplification.ts';
import { retryTimeoutAnalyzer } from './retry-timeout.ts';
import { mtlsConflictAnalyzer } from './mtls-conflict.ts';
import { outlierDetectionAnalyzer } from './outlier-detection.ts';
import { splitOtherHostAnalyzer } from './split-other-host.ts';
import { routeNotAppliedToMeshAnalyzer } from './route-not-applied-to-mesh.ts';
import { configNotVisibleAnalyzer } from './config-not-visible.ts';

/** Sluice's own checks (SLU0001–SLU0008), for failure modes Istio's analyzers do not catch. */
export const sluiceAnalyzers: readonly Analyzer[] = [
  routeShadowedAnalyzer,
  retryAmplificationAnalyzer,
  retryTimeoutAnalyzer,
  mtlsConflictAnalyzer,
  outlierDetectionAnalyzer,
  splitOtherHostAnalyzer,
  routeNotAppliedToMeshAnalyzer,
  configNotVisibleAnalyzer,
];
