// Fields Istio added after the CRDs that @kubernetes-models/istio was generated from (Istio 1.18).
// Without them a valid, current config would get "unknown field" warnings. Sources: the Istio API
// reference (networking/v1 and security/v1 pages) for releases 1.19-1.29.
import type { FieldSchema, ObjectSchema } from './field-schema.ts';

const str: FieldSchema = { t: 'string' };
const int: FieldSchema = { t: 'integer' };
const num: FieldSchema = { t: 'number' };
const bool: FieldSchema = { t: 'boolean' };
const obj = (p: Record<string, FieldSchema>): ObjectSchema => ({ t: 'object', p });
const list = (i: FieldSchema): FieldSchema => ({ t: 'array', i });

type Mutable = { p?: Record<string, FieldSchema> };

function add(node: FieldSchema | undefined, fields: Record<string, FieldSchema>): void {
  if (!node || node.t !== 'object') return;
  const m = node as Mutable;
  m.p = { ...(m.p ?? {}) };
  for (const [k, v] of Object.entries(fields)) if (!(k in m.p)) m.p[k] = v;
}

const at = (node: FieldSchema | undefined, ...path: string[]): FieldSchema | undefined => {
  let n = node;
  for (const seg of path) {
    if (!n) return undefined;
    if (seg === '[]') n = n.t === 'array' ? n.i : undefined;
    else n = n.t === 'object' ? n.p?.[seg] : undefined;
  }
  return n;
};

function patchTrafficPolicy(tp: FieldSchema | undefined, portLevel = false): void {
  if (!tp) return;
  if (!portLevel) add(tp, { proxyProtocol: obj({ version: { t: 'string', e: ['V1', 'V2'] } }) });
  add(at(tp, 'connectionPool', 'http'), { maxConcurrentStreams: int, http2KeepAlive: obj({ time: str, interval: str, timeout: str }) });
  add(at(tp, 'connectionPool', 'tcp'), { idleTimeout: str });
  add(at(tp, 'loadBalancer'), { warmup: obj({ duration: str, minimumPercent: num, aggression: num }) });
  add(at(tp, 'tls'), { caCrl: str });
  add(at(tp, 'outlierDetection'), { consecutiveLocalOriginFailures: int });
  if (!portLevel) for (const pls of [at(tp, 'portLevelSettings', '[]')]) patchTrafficPolicy(pls, true);
}

/** Returns a patched copy of the generated schemas. */
export function withNewerFields(schemas: Record<string, FieldSchema>): Record<string, FieldSchema> {
  const s = structuredClone(schemas) as Record<string, FieldSchema>;
  const destination = at(s.VirtualService, 'http', '[]', 'mirror');
  const http = at(s.VirtualService, 'http', '[]');
  add(http, { mirrors: list(obj({ destination: destination ?? obj({}), percentage: obj({ value: num }) })) });
  add(at(http, 'rewrite'), { uriRegexRewrite: obj({ match: str, rewrite: str }) });
  add(at(http, 'retries'), { retryIgnorePreviousHosts: bool, backoff: str });
  add(at(s.VirtualService, 'tcp', '[]'), { name: str });
  add(at(s.VirtualService, 'tls', '[]'), { name: str });
  add(at(http, 'corsPolicy'), { unmatchedPreflights: { t: 'string', e: ['UNSPECIFIED', 'FORWARD', 'IGNORE'] } });
  patchTrafficPolicy(at(s.DestinationRule, 'trafficPolicy'));
  patchTrafficPolicy(at(s.DestinationRule, 'subsets', '[]', 'trafficPolicy'));
  const serverTls = at(s.Gateway, 'servers', '[]', 'tls');
  const mode = at(serverTls, 'mode');
  if (mode && mode.t === 'string' && mode.e && !mode.e.includes('OPTIONAL_MUTUAL')) (mode as { e?: readonly string[] }).e = [...mode.e, 'OPTIONAL_MUTUAL'];
  add(serverTls, {
    caCrl: str,
    credentialNames: list(str),
    tlsCertificates: list(obj({ serverCertificate: str, privateKey: str, caCertificates: str })),
  });
  const pool = at(s.DestinationRule, 'trafficPolicy', 'connectionPool');
  if (pool) {
    add(s.Sidecar, { inboundConnectionPool: pool });
    add(at(s.Sidecar, 'ingress', '[]'), { connectionPool: pool });
  }
  return s;
}
