/**
 * Config mistakes are data: every finding about user input is a Diagnostic.
 * Codes are Istio's (IST0xxx) where we mirror an Istio message, SLU0xxx for Sluice's own
 * analyzers, and SLU1xxx for loader findings that Istio has no code for.
 */
export type Severity = 'Error' | 'Warning' | 'Info';

export interface ResourceRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly apiVersion?: string;
}

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly resource?: ResourceRef;
  /** e.g. `spec.http[0].route[1].destination.host` */
  readonly path?: string;
  readonly source?: SourceLocation;
  readonly related?: readonly ResourceRef[];
}

/** Istio's `Origin.FriendlyName()`: `Kind namespace/name`, or `Kind name` when cluster-scoped. */
export function friendlyName(ref: ResourceRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

export function formatSource(src: SourceLocation | undefined): string {
  if (!src) return '';
  return src.column !== undefined ? `${src.file}:${src.line}:${src.column}` : `${src.file}:${src.line}`;
}

/** istioctl's log line: `Error [IST0106] (VirtualService shop/catalog file.yaml:12) message` */
export function formatDiagnostic(d: Diagnostic): string {
  const origin: string[] = [];
  if (d.resource) origin.push(friendlyName(d.resource));
  if (d.source) origin.push(formatSource(d.source));
  const where = origin.length ? ` (${origin.join(' ')})` : '';
  return `${d.severity} [${d.code}]${where} ${d.message}`;
}

const SEVERITY_RANK: Record<Severity, number> = { Info: 0, Warning: 1, Error: 2 };

export function severityAtLeast(s: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[s] >= SEVERITY_RANK[threshold];
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.source?.file ?? '', fb = b.source?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.source?.line ?? 0, lb = b.source?.line ?? 0;
  if (la !== lb) return la - lb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Process exit codes, as istioctl uses them (sysexits.h). */
export const ExitCode = {
  OK: 0,
  Failure: 1,
  BadUsage: 64,
  UnparseableInput: 65,
  AnalyzerFoundIssues: 79,
  InvalidResource: 79,
} as const;
