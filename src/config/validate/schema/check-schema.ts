// Structural validation of an Istio spec against its CRD schema: wrong types and enum values are
// errors (the API server / istioctl reject them), unknown fields are warnings (kubectl --validate=warn),
// and mutually exclusive fields (`oneOf` in the CRD) set together are errors.
import type { FieldSchema, ObjectSchema, ScalarSchema } from './field-schema.ts';
import { ISTIO_CRD_SPEC_SCHEMAS } from './istio-crd-schemas.generated.ts';
import { withNewerFields } from './newer-fields.ts';
import { ValidationCodes, type Findings } from '../findings.ts';
import { joinPath } from '../../load/source-map.ts';

const SCHEMAS = withNewerFields(ISTIO_CRD_SPEC_SCHEMAS);

export function specSchemaFor(kind: string): FieldSchema | undefined {
  return SCHEMAS[kind];
}

/** Check `spec` of an object of `kind`; returns false when the kind has no schema. */
export function checkSpecSchema(kind: string, spec: unknown, f: Findings): boolean {
  const schema = SCHEMAS[kind];
  if (!schema) return false;
  walk(spec, schema, ['spec'], f);
  return true;
}

function pathOf(segs: ReadonlyArray<string | number>): string {
  let p = '';
  for (const s of segs) p = joinPath(p, s);
  return p;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? s.slice(0, 37) + '...' : s;
}

function walk(v: unknown, s: FieldSchema, segs: Array<string | number>, f: Findings): void {
  if (v === null || v === undefined || s.t === 'any') return;
  switch (s.t) {
    case 'object':
      if (typeof v !== 'object' || Array.isArray(v)) return typeError(v, 'object', segs, f);
      return walkObject(v as Record<string, unknown>, s, segs, f);
    case 'array':
      if (!Array.isArray(v)) return typeError(v, 'array', segs, f);
      for (let i = 0; i < v.length; i++) {
        segs.push(i);
        walk(v[i], s.i, segs, f);
        segs.pop();
      }
      return;
    case 'string':
      if (typeof v !== 'string') return typeError(v, 'string', segs, f);
      if (s.e && !s.e.includes(v)) {
        const p = pathOf(segs);
        f.error(p, `${p}: unsupported value ${show(v)}: supported values: ${s.e.map((x) => `"${x}"`).join(', ')}`);
      }
      return;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return typeError(v, 'integer', segs, f);
      if (s.u && v < 0) {
        const p = pathOf(segs);
        f.error(p, `${p}: ${v} must be greater than or equal to 0`);
      }
      return checkIntRange(v, s, segs, f);
    case 'number':
      if (typeof v !== 'number') return typeError(v, 'number', segs, f);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') return typeError(v, 'boolean', segs, f);
      return;
  }
}

function walkObject(o: Record<string, unknown>, s: ObjectSchema, segs: Array<string | number>, f: Findings): void {
  if (s.open) return;
  for (const key in o) {
    const sub = s.p?.[key] ?? s.m;
    segs.push(key);
    if (sub) walk(o[key], sub, segs, f);
    else {
      const p = pathOf(segs);
      f.add(ValidationCodes.UnknownField, p, `unknown field "${p}"`);
    }
    segs.pop();
  }
  if (s.x) {
    for (const group of s.x) {
      const set = group.filter((k) => o[k] !== undefined && o[k] !== null);
      if (set.length > 1) {
        const p = pathOf(segs);
        f.error(p, `${p || 'spec'}: only one of ${group.join(', ')} may be set (got ${set.join(' and ')})`);
      }
    }
  }
}

const INT32_MIN = -(2 ** 31), INT32_MAX = 2 ** 31 - 1, UINT32_MAX = 2 ** 32 - 1;
const INT64_MIN = -(2 ** 63), UINT64_MAX = 2 ** 64 - 1;

/** Protobuf integer ranges: int32 (CRD `format: int32`), uint32, else 64-bit. Out of range: the API server rejects it. */
function checkIntRange(v: number, s: ScalarSchema, segs: Array<string | number>, f: Findings): void {
  const [min, max, type] = s.b === 32 ? [INT32_MIN, INT32_MAX, 'int32'] : s.u ? [0, UINT32_MAX, 'uint32'] : [INT64_MIN, UINT64_MAX, '64-bit integer'];
  if (v >= min && v <= max) return;
  const p = pathOf(segs);
  f.error(p, `${p}: ${show(v)} is out of range for ${type} (${min} to ${max})`);
}

function typeError(v: unknown, want: string, segs: Array<string | number>, f: Findings): void {
  const p = pathOf(segs);
  f.error(p, `${p} in body must be of type ${want}: "${typeName(v)}" (value ${show(v)})`);
}
