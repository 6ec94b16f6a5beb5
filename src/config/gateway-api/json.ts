/** Loosely typed YAML/JSON values as they come from the loader (route specs are validated field by field). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;
