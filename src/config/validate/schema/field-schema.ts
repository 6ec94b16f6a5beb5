/** Compact schema of one field, derived from Istio's CRD OpenAPI schemas (see scripts/gen-istio-schemas.ts). */
export type FieldSchema = ObjectSchema | ArraySchema | ScalarSchema;

export interface ObjectSchema {
  readonly t: 'object';
  /** Known properties. */
  readonly p?: Readonly<Record<string, FieldSchema>>;
  /** Map values (`additionalProperties`): `labels: {k: v}`. */
  readonly m?: FieldSchema;
  /** Groups of mutually exclusive fields (the CRD's `oneOf`). */
  readonly x?: readonly (readonly string[])[];
  /** Free-form object (no declared properties): anything goes. */
  readonly open?: boolean;
}

export interface ArraySchema {
  readonly t: 'array';
  readonly i: FieldSchema;
}

export interface ScalarSchema {
  readonly t: 'string' | 'integer' | 'number' | 'boolean' | 'any';
  /** Allowed values. */
  readonly e?: readonly string[];
  /** Unsigned (uint32): negative numbers are rejected. */
  readonly u?: boolean;
  /** 32: a protobuf int32 (the CRD's `format: int32`). Other integers are checked against the 64-bit range. */
  readonly b?: 32;
}
