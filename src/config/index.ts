import { loadPaths, type LoadOptions } from './load/files.ts';
import { parseText } from './load/parse.ts';
import { validateObjects } from './validate/index.ts';
import { buildSnapshot, type LoadedConfig, type SnapshotOptions } from './snapshot.ts';
import type { RawObject } from './load/raw-object.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { convertMeshRoutes } from './gateway-api/index.ts';
import { ingressDerivedConfig } from './ingress/index.ts';

export type { ConfigSnapshot, LoadedConfig } from './snapshot.ts';
export type { RawObject } from './load/raw-object.ts';

/** load -> validate -> snapshot, from paths (files, directories, `-`). */
export function loadConfig(paths: readonly string[], opts: LoadOptions & SnapshotOptions = {}): LoadedConfig {
  const loaded = loadPaths(paths, opts);
  return { ...fromObjects(loaded.objects, loaded.diagnostics, loaded.files, opts), skipped: loaded.skipped };
}

/** The same pipeline from in-memory text (tests, benchmarks, the server's watch). */
export function loadConfigFromText(texts: ReadonlyArray<{ path: string; text: string }>, opts: SnapshotOptions & { defaultNamespace?: string } = {}): LoadedConfig {
  const objects: RawObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const t of texts) {
    const r = parseText(t.text, t.path, opts);
    objects.push(...r.objects);
    diagnostics.push(...r.diagnostics);
  }
  return fromObjects(objects, diagnostics, texts.map((t) => t.path), opts);
}

function fromObjects(objects: RawObject[], loadDiags: Diagnostic[], files: readonly string[], opts: SnapshotOptions): LoadedConfig {
  const v = validateObjects(objects);
  const snapshot = buildSnapshot(v.valid, opts);
  // Gateway API routes Istio would not (fully) accept: status conditions in a cluster, diagnostics here.
  // Likewise what the Ingress → Gateway/VirtualService conversion had to skip (src/config/ingress).
  return { snapshot, diagnostics: [...loadDiags, ...v.diagnostics, ...convertMeshRoutes(snapshot).diagnostics, ...ingressDerivedConfig(snapshot).diagnostics], files };
}
