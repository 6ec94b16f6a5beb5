import type { Json } from '../envoy/types.ts';

/**
 * Istio writes the config behind a route or cluster into `metadata.filter_metadata.istio.config`:
 * `/apis/networking.istio.io/v1/namespaces/<ns>/virtual-service/<name>` (istioctl reads it the same way).
 */
export interface Provenance { readonly kind: string; readonly namespace: string; readonly name: string; readonly path: string }

export function istioConfigPath(obj: Json | undefined): string | null {
  const p = obj?.metadata?.filter_metadata?.istio?.config;
  return typeof p === 'string' ? p : null;
}

export function parseConfigPath(path: string | null): Provenance | null {
  if (!path) return null;
  const m = /\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  return m ? { namespace: m[1], kind: m[2], name: m[3], path } : null;
}

/** `name.namespace` (istioctl's VIRTUAL SERVICE / DESTINATION RULE column form). */
export function provenanceName(obj: Json | undefined): string | null {
  const p = parseConfigPath(istioConfigPath(obj));
  return p ? `${p.name}.${p.namespace}` : null;
}
