import type { Diagnostic } from '../core/diagnostic.ts';
import type { RawObject } from '../config/load/raw-object.ts';
import { locate } from '../config/load/raw-object.ts';
import { splitApiVersion } from '../api/kinds.ts';
import type { MeshConfig } from '../config/mesh-config.ts';
import type { AnalysisContext, AnalysisOptions, AnalyzerKind } from './types.ts';
import { goFormat, type MessageType } from './messages.ts';

/** The analyzer kind of an object (see AnalyzerKind). */
export function analyzerKind(o: Pick<RawObject, 'apiVersion' | 'kind'>): AnalyzerKind {
  const { group } = splitApiVersion(o.apiVersion);
  if (o.kind === 'Gateway' && group === 'gateway.networking.k8s.io') return 'KubernetesGateway';
  return o.kind;
}

/** A resource that exists only in the analysis (mesh config, default ingress objects): no file, no line. */
export function syntheticObject(apiVersion: string, kind: string, namespace: string, name: string, body: Record<string, any>): RawObject {
  const metadata = { ...(body.metadata ?? {}), name, namespace };
  const object = { apiVersion, kind, ...body, metadata };
  return Object.freeze({
    apiVersion, kind, metadata, object,
    spec: body.spec ?? {},
    ref: { kind, namespace, name, apiVersion },
    source: { file: '', docIndex: 0, line: 0, lines: new Map() },
  });
}

export interface ObjectIndex {
  readonly byKind: ReadonlyMap<AnalyzerKind, readonly RawObject[]>;
  readonly byKey: ReadonlyMap<string, RawObject>;
}

const key = (kind: string, ns: string, name: string) => `${kind}\u0000${ns}\u0000${name}`;

export function indexObjects(objects: readonly RawObject[]): ObjectIndex {
  const byKind = new Map<AnalyzerKind, RawObject[]>();
  const byKey = new Map<string, RawObject>();
  for (const o of objects) {
    const k = analyzerKind(o);
    let list = byKind.get(k);
    if (!list) byKind.set(k, (list = []));
    list.push(o);
    byKey.set(key(k, o.ref.namespace ?? '', o.ref.name), o);
  }
  return { byKind, byKey };
}

const EMPTY: readonly RawObject[] = Object.freeze([]);

export interface ContextParts {
  readonly index: ObjectIndex;
  readonly mesh: MeshConfig;
  readonly meshConfigObject: RawObject;
  readonly meshNetworksObject: RawObject;
  readonly istioNamespace: string;
  readonly now: Date;
  readonly options: AnalysisOptions;
}

/** A context whose reports are appended to `out`. */
export function makeContext(parts: ContextParts, out: Diagnostic[]): AnalysisContext {
  const { index } = parts;
  return {
    objects: (kind) => index.byKind.get(kind) ?? EMPTY,
    find: (kind, ns, name) => index.byKey.get(key(kind, ns, name)),
    mesh: parts.mesh,
    meshConfigObject: parts.meshConfigObject,
    meshNetworksObject: parts.meshNetworksObject,
    istioNamespace: parts.istioNamespace,
    now: parts.now,
    options: parts.options,
    report(type: MessageType, origin: RawObject, path: string | undefined, ...params: unknown[]) {
      out.push(toDiagnostic(type, origin, path, params));
    },
  };
}

export function toDiagnostic(type: MessageType, origin: RawObject, path: string | undefined, params: readonly unknown[]): Diagnostic {
  const d: Diagnostic = {
    code: type.code,
    severity: type.level,
    message: goFormat(type.template, params),
    resource: { kind: origin.ref.kind, namespace: origin.ref.namespace, name: origin.ref.name, apiVersion: origin.ref.apiVersion },
    ...(path ? { path } : {}),
    ...(origin.source.file ? { source: locate(origin, path ?? '') } : {}),
  };
  return d;
}
