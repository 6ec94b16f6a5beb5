import type { ProxySpec } from '../model/proxy-spec.ts';
import { canonicalJson } from './snapshot.ts';

/**
 * An xDS node → the workload Sluice translates for. Istio's node id is
 * `TYPE~IP~POD.NAMESPACE~NAMESPACE.svc.DOMAIN` (pilot/pkg/model/context.go `ParseServiceNodeWithMetadata`);
 * node metadata adds NAMESPACE, LABELS, CLUSTER_ID, INSTANCE_IPS, ISTIO_VERSION and, for proxyless gRPC
 * clients, GENERATOR: grpc. Where Istio rejects a node id that is not in this format, Sluice accepts
 * it as a sidecar (namespace from metadata, else `default`) and reports a warning.
 */
export interface ProxyNode {
  readonly id: string;
  readonly cluster: string;
  readonly spec: ProxySpec;
  /** GENERATOR: grpc → Istio's proxyless gRPC shape. */
  readonly proxyless: boolean;
  readonly clusterId: string;
  readonly istioVersion: string;
  readonly locality?: { readonly region?: string; readonly zone?: string; readonly sub_zone?: string };
  readonly warnings: readonly string[];
  /** Nodes with equal keys get identical config (translation is shared between them). */
  readonly key: string;
}

export interface RawNode {
  readonly id?: string;
  readonly cluster?: string;
  readonly metadata?: unknown;
  readonly locality?: { region?: string; zone?: string; sub_zone?: string } | null;
}

/** google.protobuf.Struct as decoded by proto-loader (fields/kind, either case) → plain JSON. */
export function structToJson(s: unknown): Record<string, unknown> {
  const fields = (s as { fields?: Record<string, unknown> } | undefined)?.fields;
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = valueToJson(v);
  return out;
}

function valueToJson(v: unknown): unknown {
  const o = v as Record<string, any>;
  if (!o || typeof o !== 'object') return null;
  const kind: string | undefined = o.kind;
  const pick = (snake: string, camel: string) => (o[snake] !== undefined && o[snake] !== null ? o[snake] : o[camel]);
  const key = kind ?? Object.keys(o).find((k) => o[k] !== null && o[k] !== undefined);
  switch (key) {
    case 'string_value': case 'stringValue': return pick('string_value', 'stringValue');
    case 'number_value': case 'numberValue': return pick('number_value', 'numberValue');
    case 'bool_value': case 'boolValue': return pick('bool_value', 'boolValue');
    case 'struct_value': case 'structValue': return structToJson(pick('struct_value', 'structValue'));
    case 'list_value': case 'listValue': return ((pick('list_value', 'listValue')?.values ?? []) as unknown[]).map(valueToJson);
    default: return null;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = String(x);
  return out;
}

export function parseNode(raw: RawNode): ProxyNode {
  const id = raw.id ?? '';
  const meta = structToJson(raw.metadata);
  const warnings: string[] = [];
  const parts = id.split('~');
  let type: ProxySpec['type'] = 'sidecar', ip: string | undefined, podName: string | undefined, ns: string | undefined;
  if (parts.length === 4) {
    if (parts[0] === 'router') type = 'router';
    else if (parts[0] !== 'sidecar') warnings.push(`node type "${parts[0]}" is not served as such; treated as a sidecar`);
    ip = parts[1] || undefined;
    const dot = parts[2].lastIndexOf('.');
    podName = dot > 0 ? parts[2].slice(0, dot) : parts[2] || undefined;
    ns = dot > 0 ? parts[2].slice(dot + 1) : parts[3].split('.')[0] || undefined;
  } else {
    warnings.push(`node id "${id}" is not in Istio's TYPE~IP~POD.NAMESPACE~NAMESPACE.svc.cluster.local form; served as a sidecar`);
  }
  const namespace = str(meta.NAMESPACE) ?? ns ?? 'default';
  const instanceIps = str(meta.INSTANCE_IPS)?.split(',').filter(Boolean);
  const ips = instanceIps?.length ? instanceIps : ip ? [ip] : ['1.1.1.1'];
  const proxyless = meta.GENERATOR === 'grpc';
  const spec: ProxySpec = {
    type, namespace, labels: labelsOf(meta.LABELS), ips,
    ...(podName ? { podName } : {}),
    ...(str(meta.CLUSTER_ID) ? { clusterId: str(meta.CLUSTER_ID) } : {}),
    ...(str(meta.ISTIO_VERSION) ? { istioVersion: str(meta.ISTIO_VERSION) } : {}),
    metadata: meta,
  };
  const locality = raw.locality ?? undefined;
  // Proxyless output depends only on namespace and labels; sidecars on the whole spec.
  const key = proxyless ? canonicalJson(['grpc', namespace, spec.labels]) : canonicalJson(['envoy', { ...spec, metadata: undefined }]);
  return { id, cluster: raw.cluster ?? '', spec, proxyless, clusterId: str(meta.CLUSTER_ID) ?? 'Kubernetes', istioVersion: str(meta.ISTIO_VERSION) ?? '', locality, warnings, key };
}
