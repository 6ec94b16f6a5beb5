import type { ResourceRef, SourceLocation } from '../../core/diagnostic.ts';
import { lineForPath, type LineMap } from './source-map.ts';

export interface ObjectSource {
  readonly file: string;
  /** 0-based index of the YAML document in the file (or of the item in a `kind: List`). */
  readonly docIndex: number;
  /** Line where the object starts. */
  readonly line: number;
  /** Field path (`spec.http[0].route`) -> line. */
  readonly lines: LineMap;
}

/** One Kubernetes-style object as loaded, with where it came from. */
export interface RawObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly spec: Record<string, any>;
  /** The whole object as parsed (spec, status, data, …). */
  readonly object: Record<string, any>;
  readonly ref: ResourceRef;
  readonly source: ObjectSource;
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly creationTimestamp?: string;
  readonly generation?: number;
  readonly [k: string]: unknown;
}

/** Source location of a field of an object (nearest known ancestor line). */
export function locate(obj: Pick<RawObject, 'source'>, path = ''): SourceLocation {
  const line = lineForPath(obj.source.lines, path) ?? obj.source.line;
  return { file: obj.source.file, line };
}
