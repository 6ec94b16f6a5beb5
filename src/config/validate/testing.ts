// Test support for the validator unit tests: validate YAML text, list findings as short strings.
import { parseText } from '../load/parse.ts';
import { validateObjects } from './index.ts';
import type { Diagnostic } from '../../core/diagnostic.ts';

function diagnosticsFor(yaml: string): Diagnostic[] {
  const parsed = parseText(yaml, 'test.yaml');
  return [...parsed.diagnostics, ...validateObjects(parsed.objects).diagnostics];
}

/** `CODE path: message` for every finding about the objects in `yaml` (Info findings left out). */
export function findingsFor(yaml: string): string[] {
  return diagnosticsFor(yaml).filter((d) => d.severity !== 'Info').map((d) => `${d.code} ${d.path ?? ''}: ${d.message}`);
}

/** Findings that are errors (the object is rejected). */
export function errorsFor(yaml: string): string[] {
  return diagnosticsFor(yaml).filter((d) => d.severity === 'Error').map((d) => `${d.code} ${d.path ?? ''}: ${d.message}`);
}

export function istio(kind: string, spec: string, meta = 'name: x\n  namespace: ns'): string {
  const group = kind === 'PeerAuthentication' ? 'security.istio.io/v1' : 'networking.istio.io/v1';
  return `apiVersion: ${group}\nkind: ${kind}\nmetadata:\n  ${meta}\nspec:\n${spec.replace(/^\n/, '')}`;
}
