import type { Diagnostic } from '../../core/diagnostic.ts';
import { friendlyName } from '../../core/diagnostic.ts';
import type { RawObject } from '../load/raw-object.ts';
import { locate } from '../load/raw-object.ts';
import { lookupKind } from '../../api/kinds.ts';
import { LoadCodes } from '../codes.ts';
import { objectKey } from '../snapshot.ts';
import { Findings, ValidationCodes } from './findings.ts';
import { checkSpecSchema, specSchemaFor } from './schema/check-schema.ts';
import { validateVirtualService } from './virtual-service.ts';
import { validateDestinationRule } from './destination-rule.ts';
import { validateGateway } from './gateway.ts';
import { validateServiceEntry } from './service-entry.ts';
import { validateSidecar } from './sidecar.ts';
import { validatePeerAuthentication } from './security.ts';
import { validateKubernetesObject } from './kubernetes.ts';

export { ValidationCodes } from './findings.ts';

export interface ValidationResult {
  /** Objects that passed validation (unknown kinds included: they are kept and ignored). */
  readonly valid: RawObject[];
  /** Objects rejected by validation (an Error finding). Istio's analyzers still see these (its store keeps them). */
  readonly invalid: RawObject[];
  readonly diagnostics: Diagnostic[];
}

/** Validate every object: kind known, duplicates, then per-kind schema + semantic rules. Pure. */
export function validateObjects(objects: readonly RawObject[]): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const valid: RawObject[] = [];
  const invalid: RawObject[] = [];
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
    if (found.some((d) => d.severity === 'Error')) invalid.push(o);
    else valid.push(o);
  }
  return { valid, invalid, diagnostics };
}

type KindValidator = (o: RawObject, f: Findings) => void;

/** Istio's per-kind validation functions (pkg/config/validation), one file per kind. */
const ISTIO_VALIDATORS: Readonly<Record<string, KindValidator>> = {
  VirtualService: validateVirtualService,
  DestinationRule: validateDestinationRule,
  Gateway: validateGateway,
  ServiceEntry: validateServiceEntry,
  Sidecar: validateSidecar,
  PeerAuthentication: validatePeerAuthentication,
};

/** Schema + semantic validation of one object of a known kind. */
export function validateObject(o: RawObject): Diagnostic[] {
  const f = new Findings(o);
  if (o.object.spec !== undefined && o.object.spec !== null && (typeof o.object.spec !== 'object' || Array.isArray(o.object.spec))) {
    f.error('spec', `spec in body must be of type object: "${Array.isArray(o.object.spec) ? 'array' : typeof o.object.spec}"`);
    return f.list;
  }
  if (checkSpecSchema(o.kind, o.object.spec, f)) ISTIO_VALIDATORS[o.kind]?.(o, f);
  else validateKubernetesObject(o, f);
  return f.list;
}

const ISTIO_ANALYZER_CODES: ReadonlySet<string> = new Set([
  ValidationCodes.SchemaValidationError.code,
  ValidationCodes.SchemaWarning.code,
  ValidationCodes.VirtualServiceUnreachableRule.code,
  ValidationCodes.VirtualServiceIneffectiveMatch.code,
]);

/**
 * What Istio's `schema.ValidationAnalyzer.<Kind>` reports for these objects: IST0106 (errors),
 * IST0133 (warnings), IST0130/IST0131 (VirtualService rule reachability). Objects of kinds without an
 * Istio schema, and Sluice's own findings (unknown fields), are left out. Pure.
 */
export function schemaValidationFindings(objects: readonly RawObject[], kind?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const o of objects) {
    if (kind && o.kind !== kind) continue;
    if (!specSchemaFor(o.kind) || !lookupKind(o.apiVersion, o.kind)) continue;
    for (const d of validateObject(o)) if (ISTIO_ANALYZER_CODES.has(d.code)) out.push(d);
  }
  return out;
}
