/** Test helper: analyze YAML text with some analyzers, every kind treated as available. */
import { parseText } from '../config/load/parse.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { friendlyName } from '../core/diagnostic.ts';
import { runAnalyzers } from './run.ts';
import type { AnalysisOptions, Analyzer } from './types.ts';

export const TEST_NOW = new Date('2025-06-01T00:00:00Z');

export function analyzeYaml(yaml: string, analyzers: readonly Analyzer[], options: Partial<AnalysisOptions> = {}): Diagnostic[] {
  const { objects } = parseText(yaml, 'test.yaml', { defaultNamespace: 'default' });
  return runAnalyzers({ objects, analyzers, now: TEST_NOW, options, addDefaultResources: true, allKindsAvailable: true }).diagnostics;
}

/** `CODE Kind ns/name` per finding, for compact assertions. */
export function pairs(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.code} ${d.resource ? friendlyName(d.resource) : ''}`);
}
