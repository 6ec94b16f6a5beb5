/** Output shapes of `sluice analyze`: istioctl's JSON/YAML message objects (SARIF 2.1.0 is in sarif.ts). Pure. */
import type { Diagnostic } from '../core/diagnostic.ts';
import { formatSource, friendlyName } from '../core/diagnostic.ts';
import { documentationUrl } from './messages.ts';

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

export { toSarif, type SarifOptions } from './sarif.ts';
