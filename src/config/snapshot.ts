import type { Diagnostic } from '../core/diagnostic.ts';
import type { RawObject } from './load/raw-object.ts';
import { DEFAULT_MESH_CONFIG, meshConfigFrom, type MeshConfig } from './mesh-config.ts';

/** The valid objects of one config revision, indexed by kind and kind/namespace/name. Frozen. */
export interface ConfigSnapshot {
  readonly objects: readonly RawObject[];
  readonly meshConfig: MeshConfig;
  byKind(kind: string): readonly RawObject[];
  get(kind: string, namespace: string | undefined, name: string): RawObject | undefined;
}

const EMPTY: readonly RawObject[] = Object.freeze([]);

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export interface SnapshotOptions {
  /** Mesh config given explicitly (a MeshConfig YAML body); otherwise the `istio` ConfigMap in the root namespace is used. */
  readonly meshConfig?: MeshConfig;
}

export function buildSnapshot(objects: readonly RawObject[], opts: SnapshotOptions = {}): ConfigSnapshot {
  const byKind = new Map<string, RawObject[]>();
  const byKey = new Map<string, RawObject>();
  for (const o of objects) {
    let list = byKind.get(o.kind);
    if (!list) byKind.set(o.kind, (list = []));
    list.push(o);
    byKey.set(objectKey(o.kind, o.ref.namespace, o.ref.name), o);
  }
  for (const list of byKind.values()) Object.freeze(list);
  const meshConfig = opts.meshConfig ?? meshConfigFromObjects(byKind.get('ConfigMap') ?? []);
  return Object.freeze({
    objects: Object.freeze([...objects]),
    meshConfig,
    byKind: (kind: string) => byKind.get(kind) ?? EMPTY,
    get: (kind: string, ns: string | undefined, name: string) => byKey.get(objectKey(kind, ns, name)),
  });
}

/** Istio reads mesh config from ConfigMap `istio` in the istio namespace (key `mesh`). */
function meshConfigFromObjects(configMaps: readonly RawObject[]): MeshConfig {
  const cm = configMaps.find((c) => c.ref.name === 'istio' && c.ref.namespace === 'istio-system');
  const body = cm?.object.data?.mesh;
  try {
    return typeof body === 'string' ? meshConfigFrom(body) : DEFAULT_MESH_CONFIG;
  } catch {
    return DEFAULT_MESH_CONFIG;
  }
}

export interface LoadedConfig {
  readonly snapshot: ConfigSnapshot;
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly string[];
  /** Files found but not read, and why (loadConfig from paths only). */
  readonly skipped?: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}
