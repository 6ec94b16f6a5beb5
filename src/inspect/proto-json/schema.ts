/**
 * The slice of protobuf descriptors the proto-JSON printer needs. Loaded from Envoy's .proto files
 * by the CLI edge (src/cli/envoy-protos.ts); kept as an interface so this printer stays pure.
 */
export interface FieldSchema {
  readonly name: string;
  /** lowerCamelCase JSON name. */
  readonly jsonName: string;
  /** Scalar type name (`string`, `uint32`, `int64`, `bytes`, `bool`, `double`…) or `message` / `enum`. */
  readonly kind: string;
  /** Full name of the message or enum type (no leading dot). */
  readonly typeName?: string;
  readonly repeated: boolean;
  /** For map fields: the value's kind/type (keys are always printed as strings). */
  readonly map?: { readonly kind: string; readonly typeName?: string };
  /** Name of the containing oneof (not for proto3 `optional` synthetic oneofs). */
  readonly oneof?: string;
  /** proto3 `optional`: has presence, so a default value is still printed. */
  readonly optional?: boolean;
}

export interface MessageSchema {
  readonly fullName: string;
  /** In declaration order. */
  readonly fields: readonly FieldSchema[];
}

export interface ProtoSchema {
  message(fullName: string): MessageSchema | undefined;
  /** Enum value name for a number (undefined when unknown). */
  enumName(fullName: string, value: number): string | undefined;
  /** The number of an enum value name (to recognise the zero default). */
  enumNumber(fullName: string, name: string): number | undefined;
}
