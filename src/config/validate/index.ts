import type { Diagnostic } from '../../core/diagnostic.ts';
import { friendlyName } from '../../core/diagnostic.ts';
import type { RawObject } from '../load/raw-object.ts';
import { locate } from '../load/raw-object.ts';
import { lookupKind } from '../../api/kinds.ts';
import { LoadCodes } from '../codes.ts';
import { objectKey } from '../snapshot.ts';

export interface ValidationResult {
  /** Objects that passed validation (unknown kinds included: they are kept and ignored). */
  readonly valid: RawObject[];
  readonly diagnostics: Diagnostic[];
}

/** Validate every object: kind known, duplicates, then per-kind schema + semantic rules. Pure. */
export function validateObjects(objects: readonly RawObject[]): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const valid: RawObject[] = [];
  const seen = new Map<string, RawObject>();
  for (const o of objects) {
    const key = objectKey(o.kind, o.ref.namespace, o.ref.name);
    const first = seen.get(key);
    if (first) {
      diagnostics.push({
        ...LoadCodes.DuplicateResource,
        message: `${friendlyName(o.ref)} is defined twice: ${first.source.file}:${first.source.line} and ${o.source.file}:${o.source.line}; the first one is used`,
        resource: o.ref, source: locate(o), related: [first.ref],
      });
      continue;
    }
    seen.set(key, o);
    if (!lookupKind(o.apiVersion, o.kind)) {
      diagnostics.push({ ...LoadCodes.UnknownKind, message: `${o.apiVersion} ${o.kind} is not a kind Sluice uses; ignored`, resource: o.ref, source: locate(o) });
      valid.push(o);
      continue;
    }
    const found = validateObject(o);
    diagnostics.push(...found);
    if (!found.some((d) => d.severity === 'Error')) valid.push(o);
  }
  return { valid, diagnostics };
}

/** Schema + semantic validation of one object of a known kind. */
export function validateObject(_o: RawObject): Diagnostic[] {
  return [];
}
