import type { Severity } from '../core/diagnostic.ts';

/** Loader and validation codes. IST codes are Istio's (msg/messages.yaml); SLU1xxx are Sluice's own. */
export const LoadCodes = {
  /** Istio's SchemaValidationError: the resource fails schema or semantic validation. */
  SchemaValidationError: { code: 'IST0106', severity: 'Error' },
  ParseError: { code: 'SLU1001', severity: 'Error' },
  NotAnObject: { code: 'SLU1002', severity: 'Error' },
  MissingField: { code: 'SLU1003', severity: 'Error' },
  UnknownKind: { code: 'SLU1004', severity: 'Info' },
  FileTooLarge: { code: 'SLU1005', severity: 'Error' },
  BinaryFile: { code: 'SLU1006', severity: 'Error' },
  Unreadable: { code: 'SLU1007', severity: 'Error' },
  NoInput: { code: 'SLU1008', severity: 'Warning' },
  DuplicateResource: { code: 'SLU1009', severity: 'Error' },
  UnknownField: { code: 'SLU1010', severity: 'Warning' },
  /** A mapping key given twice in one YAML/JSON mapping; the last value is kept (src/config/load/duplicate-keys.ts). */
  DuplicateKey: { code: 'SLU1015', severity: 'Warning' },
} as const satisfies Record<string, { code: string; severity: Severity }>;

/** Codes that mean "this input could not be parsed" (exit 65). */
export const PARSE_FAILURE_CODES: ReadonlySet<string> = new Set([
  LoadCodes.ParseError.code,
  LoadCodes.NotAnObject.code,
  LoadCodes.FileTooLarge.code,
  LoadCodes.BinaryFile.code,
  LoadCodes.Unreadable.code,
]);
