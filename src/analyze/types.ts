import type { RawObject } from '../config/load/raw-object.ts';
import type { MeshConfig } from '../config/mesh-config.ts';
import type { MessageType } from './messages.ts';

/**
 * Analyzer kinds. Mostly the object's `kind`; two names are disambiguated the way Istio's collections are:
 * a Gateway-API `gateway.networking.k8s.io` Gateway is `KubernetesGateway`, and the synthetic mesh config
 * resources are `MeshConfig` / `MeshNetworks`.
 */
export type AnalyzerKind = string;

export interface AnalyzerMeta {
  /** Istio's analyzer name (`virtualservice.GatewayAnalyzer`), or `sluice.<Check>` for our own. */
  readonly name: string;
  readonly description: string;
  /** Kinds the analyzer reads. In per-analyzer runs (conformance) only these are loaded. */
  readonly inputs: readonly AnalyzerKind[];
  /**
   * Runtime kinds without which the analysis is meaningless from files alone (istioctl skips analyzers
   * whose runtime inputs are unavailable when it has no cluster). When the input holds no object of one of
   * these kinds the analyzer is skipped, unless the run says every kind is available.
   */
  readonly needs?: readonly AnalyzerKind[];
}

export interface AnalysisOptions {
  /** SLU0002: total attempts allowed across a gateway route and the mesh route it calls. */
  readonly retryBudget: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = Object.freeze({ retryBudget: 10 });

export interface AnalysisContext {
  /** Every object of a kind, in load order (deterministic). */
  objects(kind: AnalyzerKind): readonly RawObject[];
  find(kind: AnalyzerKind, namespace: string, name: string): RawObject | undefined;
  readonly mesh: MeshConfig;
  /** The MeshConfig and MeshNetworks as synthetic resources (`MeshConfig istio-system/meshconfig`). */
  readonly meshConfigObject: RawObject;
  readonly meshNetworksObject: RawObject;
  readonly istioNamespace: string;
  /** The current time (certificate validity). Passed in: analyzers read no clock. */
  readonly now: Date;
  readonly options: AnalysisOptions;
  /** Record a finding on `origin`; `path` (`spec.http[0].route[1].destination.host`) gives the line. */
  report(type: MessageType, origin: RawObject, path: string | undefined, ...params: unknown[]): void;
}

export interface Analyzer {
  readonly meta: AnalyzerMeta;
  analyze(ctx: AnalysisContext): void;
}
