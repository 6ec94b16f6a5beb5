import type { Diagnostic } from '../../core/diagnostic.ts';
import { friendlyName } from '../../core/diagnostic.ts';
import type { RawObject } from '../load/raw-object.ts';
import { locate } from '../load/raw-object.ts';
import { KNOWN_KINDS, lookupKind, splitApiVersion } from '../../api/kinds.ts';
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
import { validateWorkloadEntry, validateWorkloadGroup } from './workload-entry.ts';
import { validateKubernetesObject } from './kubernetes.ts';
import { unknownKindDiagnostic } from './unknown-kind.ts';

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
      const versions = knownVersions(o.apiVersion, o.kind);
      if (versions) {
        diagnostics.push({
          ...ValidationCodes.UnknownVersion, resource: o.ref, source: locate(o, 'apiVersion'),
          message: `${o.apiVersion} is not a version of ${o.kind} Sluice knows (${versions}); the object is ignored`,
        });
        continue; // left out of the snapshot: Istio's loader skips kinds it does not know, too
      }
      diagnostics.push(unknownKindDiagnostic(o));
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

const ISTIO_TOP_LEVEL: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);

/** `group/v1, group/v1beta1` when the group and kind are known but not this version. */
function knownVersions(apiVersion: string, kind: string): string | undefined {
  const { group } = splitApiVersion(apiVersion);
  const d = KNOWN_KINDS.find((k) => k.group === group && k.kind === kind);
  return d?.versions.map((v) => (group ? `${group}/${v}` : v)).join(', ');
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
  WorkloadEntry: validateWorkloadEntry,
  WorkloadGroup: validateWorkloadGroup,
};

/** Schema + semantic validation of one object of a known kind. */
export function validateObject(o: RawObject): Diagnostic[] {
  const f = new Findings(o);
  if (o.object.spec !== undefined && o.object.spec !== null && (typeof o.object.spec !== 'object' || Array.isArray(o.object.spec))) {
    f.error('spec', `spec in body must be of type object: "${Array.isArray(o.object.spec) ? 'array' : typeof o.object.spec}"`);
    return f.list;
  }
  if (checkSpecSchema(o.kind, o.object.spec, f)) {
    for (const key of Object.keys(o.object)) if (!ISTIO_TOP_LEVEL.has(key)) f.add(ValidationCodes.UnknownField, key, `unknown field "${key}"`);
    ISTIO_VALIDATORS[o.kind]?.(o, f);
  } else {
    validateKubernetesObject(o, f);
  }
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
