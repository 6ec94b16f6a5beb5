/**
 * `exportTo` on every kind (Istio's `pkg/config/visibility`): `*` public, `.` the object's own namespace,
 * `~` nobody, anything else a namespace name. Empty = the mesh default for the kind.
 */
import type { ExportTo } from './types.ts';

export const PUBLIC: ExportTo = Object.freeze({ public: true, namespaces: new Set<string>() });

export function parseExportTo(list: readonly string[] | undefined, ownNamespace: string, meshDefault: readonly string[]): ExportTo {
  const items = list && list.length > 0 ? list : meshDefault;
  if (items.length === 0 || items.includes('*')) return PUBLIC;
  const namespaces = new Set<string>();
  for (const raw of items) {
    const item = raw.trim();
    if (item === '~' || item === '') continue;
    namespaces.add(item === '.' ? ownNamespace : item);
  }
  return Object.freeze({ public: false, namespaces });
}

/** k8s Services: the `networking.istio.io/exportTo` annotation (comma-separated). */
export function serviceExportTo(annotations: Readonly<Record<string, string>> | undefined, ns: string, meshDefault: readonly string[]): ExportTo {
  const a = annotations?.['networking.istio.io/exportTo'];
  return parseExportTo(a ? a.split(',') : undefined, ns, meshDefault);
}

export function isVisibleTo(e: ExportTo, namespace: string): boolean {
  return e.public || e.namespaces.has(namespace);
}

/** Exported only to its own namespace (Istio's "private" index). */
export function isPrivateTo(e: ExportTo, ownNamespace: string): boolean {
  return !e.public && e.namespaces.size === 1 && e.namespaces.has(ownNamespace);
}

/** True when `selector` (non-empty or not) is a subset of `labels`. */
export function labelsMatch(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}
