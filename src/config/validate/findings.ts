import type { Diagnostic, Severity } from '../../core/diagnostic.ts';
import type { RawObject } from '../load/raw-object.ts';
import { locate } from '../load/raw-object.ts';
import { joinPath } from '../load/source-map.ts';

/** Codes of Istio's schema.ValidationAnalyzer (msg/messages.yaml) and Sluice's own schema findings. */
export const ValidationCodes = {
  /** Istio's SchemaValidationError: the object is rejected. */
  SchemaValidationError: { code: 'IST0106', severity: 'Error' },
  /** Istio's SchemaWarning: accepted, but probably not what was meant. */
  SchemaWarning: { code: 'IST0133', severity: 'Warning' },
  VirtualServiceUnreachableRule: { code: 'IST0130', severity: 'Warning' },
  VirtualServiceIneffectiveMatch: { code: 'IST0131', severity: 'Info' },
  /** A field the schema does not know (like `kubectl --validate=warn`). */
  UnknownField: { code: 'SLU1010', severity: 'Warning' },
  /** A Kubernetes object the API server would reject (wrong type, port out of range…). */
  InvalidKubernetesResource: { code: 'SLU1011', severity: 'Error' },
  /** A Kubernetes object the API server would reject, in a field Sluice does not depend on (kept). */
  KubernetesResourceWarning: { code: 'SLU1012', severity: 'Warning' },
  /** A known kind with an apiVersion Sluice does not know (a typo such as networking.istio.io/v1beta2): ignored. */
  UnknownVersion: { code: 'SLU1013', severity: 'Warning' },
} as const satisfies Record<string, { code: string; severity: Severity }>;

export type Path = string;
export const child = joinPath;

/** Collects the findings about one object, each with its field path and file:line. */
export class Findings {
  readonly list: Diagnostic[] = [];
  constructor(readonly obj: RawObject) {}

  /** Istio rejects the object (`errs = appendErrors(...)`). */
  error(path: Path, message: string): void {
    this.add(ValidationCodes.SchemaValidationError, path, `Schema validation error: ${withPath(path, message)}`);
  }

  /** Istio accepts the object but warns (`WrapWarning(...)`). */
  warn(path: Path, message: string): void {
    this.add(ValidationCodes.SchemaWarning, path, `Schema validation warning: ${withPath(path, message)}`);
  }

  /** A Kubernetes (non-Istio) object the API server would reject. */
  k8sError(path: Path, message: string): void {
    this.add(ValidationCodes.InvalidKubernetesResource, path, `${path}: ${message}`);
  }

  k8sWarn(path: Path, message: string): void {
    this.add(ValidationCodes.KubernetesResourceWarning, path, `${path}: ${message}`);
  }

  add(c: { code: string; severity: Severity }, path: Path, message: string): void {
    this.list.push({ code: c.code, severity: c.severity, message, resource: this.obj.ref, path, source: locate(this.obj, path) });
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'Error');
  }
}

/** `spec.http[0].timeout: <message>`, unless the message already starts with its path. */
function withPath(path: Path, message: string): string {
  return !path || message.startsWith(path) ? message : `${path}: ${message}`;
}

/** Helpers to read loosely typed YAML values (the schema pass has already reported wrong types). */
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asObject = (v: unknown): Record<string, any> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {});
export const asString = (v: unknown): string => (typeof v === 'string' ? v : '');
export const isSet = (v: unknown): boolean => v !== undefined && v !== null;
export const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
