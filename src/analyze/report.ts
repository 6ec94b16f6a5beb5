/** Output shapes of `sluice analyze`: istioctl's JSON/YAML message objects and SARIF 2.1.0. Pure. */
import type { Diagnostic } from '../core/diagnostic.ts';
import { formatSource, friendlyName } from '../core/diagnostic.ts';
import { ALL_MESSAGE_TYPES, documentationUrl } from './messages.ts';

export interface MessageJSON {
  code: string;
  level: string;
  origin: string;
  reference: string;
  message: string;
  documentationUrl: string;
  line?: number;
}

/** istioctl's `-o json|yaml` object, plus `line`. `reference` is `file:line` as in the log line. */
export function toMessageJSON(d: Diagnostic): MessageJSON {
  return {
    code: d.code,
    level: d.severity,
    origin: d.resource ? friendlyName(d.resource) : '',
    reference: formatSource(d.source),
    message: d.message,
    documentationUrl: documentationUrl(d.code),
    ...(d.source ? { line: d.source.line } : {}),
  };
}

const SARIF_LEVEL = { Error: 'error', Warning: 'warning', Info: 'note' } as const;

/** SARIF 2.1.0 for GitHub code scanning: one rule per code, one result per finding with file and line. */
export function toSarif(diags: readonly Diagnostic[], toolVersion: string): Record<string, unknown> {
  const codes = [...new Set(diags.map((d) => d.code))].sort();
  const byCode = new Map(ALL_MESSAGE_TYPES.map((m) => [m.code, m]));
  const rules = codes.map((code) => {
    const t = byCode.get(code);
    const level = t?.level ?? diags.find((d) => d.code === code)!.severity;
    return {
      id: code,
      name: t?.name ?? code,
      shortDescription: { text: t?.name ?? code },
      ...(t && t.template !== '%s' ? { fullDescription: { text: t.template } } : {}),
      helpUri: documentationUrl(code),
      defaultConfiguration: { level: SARIF_LEVEL[level] },
    };
  });
  const results = diags.map((d) => ({
    ruleId: d.code,
    ruleIndex: codes.indexOf(d.code),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [{
      ...(d.source ? { physicalLocation: { artifactLocation: { uri: d.source.file }, region: { startLine: d.source.line } } } : {}),
      ...(d.resource ? { logicalLocations: [{ fullyQualifiedName: friendlyName(d.resource), kind: 'resource' }] } : {}),
    }],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'sluice', informationUri: 'https://github.com/sluice-mesh/sluice', version: toolVersion, rules } },
      results,
    }],
  };
}
