import type { TraceRequest, TraceResult, TlsMode, AppProtocol } from './types.ts';
import { parseProxySpec, ProxySpecError } from '../model/proxy-spec.ts';
import { addressProblem, hostProblem, methodProblem, pathProblem } from './request-check.ts';

/**
 * Route tests (`sluice test`): a YAML file names a config (Istio YAML paths or an Envoy config dump), a proxy,
 * and requests with their expected outcome — like Envoy's router_check_tool and istio-config-validator,
 * but through the whole pipeline. Parsing and checking are pure; the CLI reads files. Format: docs/trace.md.
 */
export interface RouteTestFile {
  readonly config: readonly string[];
  readonly configDump?: string;
  readonly proxy?: string;
  readonly tests: readonly RouteTest[];
}

export interface RouteTest {
  readonly name: string;
  readonly proxy?: string;
  /** Where `proxy` was given (`tests[2].proxy` or the file's `proxy`), for messages. */
  readonly proxyField?: string;
  readonly request: TraceRequest;
  readonly expect: Expectation;
  /** Field path in the file, for messages (`tests[2]`). */
  readonly where: string;
}

export interface Expectation {
  readonly cluster?: string;
  readonly clusters?: Readonly<Record<string, number>>;
  readonly redirect?: Readonly<Record<string, string | number>>;
  readonly directResponse?: { readonly status?: number; readonly body?: string };
  readonly rewrite?: { readonly path?: string; readonly host?: string };
  readonly headersAdded?: Readonly<Record<string, string>>;
  readonly error?: string | null;
  readonly listener?: string;
  readonly filterChain?: string;
  readonly routeConfig?: string;
  readonly virtualHost?: string;
  readonly route?: string;
  readonly virtualService?: string;
  readonly timeout?: string;
  readonly retries?: number;
  readonly mirror?: string;
  /** Fault injection on the route: `{delay: "2s"}`, `{abort: 503}`, optionally `percentage`. */
  readonly fault?: { readonly delay?: string; readonly abort?: number; readonly percentage?: number } | null;
}

/** A malformed test file: `field` is the path in the document (`tests[2].proxy`), `line` its 1-based line when known. */
export class RouteTestFormatError extends Error {
  constructor(message: string, readonly field?: string, readonly line?: number) { super(message); }
}

type Obj = Record<string, any>;
const EXPECT_KEYS = new Set(['cluster', 'clusters', 'redirect', 'directResponse', 'rewrite', 'headersAdded', 'error', 'listener', 'filterChain', 'routeConfig', 'virtualHost', 'route', 'virtualService', 'timeout', 'retries', 'mirror', 'fault']);
const REQUEST_KEYS = new Set(['host', 'port', 'path', 'method', 'headers', 'address', 'tls', 'sni', 'alpn', 'protocol', 'inbound', 'scheme']);

function fail(where: string, msg: string): never { throw new RouteTestFormatError(`${where}: ${msg}`, where); }
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function parseRequest(r: unknown, where: string): TraceRequest {
  if (!isObj(r)) fail(where, 'request must be a mapping (host, path, headers, …)');
  for (const k of Object.keys(r)) if (!REQUEST_KEYS.has(k)) fail(`${where}.${k}`, `unknown request field (known: ${[...REQUEST_KEYS].join(', ')})`);
  if (r.port !== undefined && (!Number.isInteger(r.port) || r.port <= 0 || r.port > 65535)) fail(`${where}.port`, 'must be a port number');
  if (r.tls !== undefined && !['none', 'tls', 'mtls'].includes(r.tls)) fail(`${where}.tls`, 'must be none, tls or mtls');
  if (r.protocol !== undefined && !['http', 'http2', 'tcp'].includes(r.protocol)) fail(`${where}.protocol`, 'must be http, http2 or tcp');
  if (r.headers !== undefined && !isObj(r.headers)) fail(`${where}.headers`, 'must be a mapping of header name to value');
  const checks: Array<[string, (v: string) => string | null]> = [['host', hostProblem], ['address', addressProblem], ['path', pathProblem], ['method', methodProblem]];
  for (const [k, check] of checks) {
    const problem = r[k] !== undefined ? check(String(r[k])) : null;
    if (problem) fail(`${where}.${k}`, problem);
  }
  return {
    host: r.host === undefined ? '' : String(r.host),
    port: r.port ?? 0,
    ...(r.path !== undefined ? { path: String(r.path) } : {}),
    ...(r.method !== undefined ? { method: String(r.method) } : {}),
    ...(r.scheme !== undefined ? { scheme: String(r.scheme) } : {}),
    headers: Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)] as [string, string]),
    ...(r.address !== undefined ? { address: String(r.address) } : {}),
    ...(r.tls !== undefined ? { tls: r.tls as TlsMode } : {}),
    ...(r.sni !== undefined ? { sni: String(r.sni) } : {}),
    ...(r.alpn !== undefined ? { alpn: (Array.isArray(r.alpn) ? r.alpn : String(r.alpn).split(',')).map(String) } : {}),
    ...(r.protocol !== undefined ? { protocol: r.protocol as AppProtocol } : {}),
    inbound: !!r.inbound,
  };
}

function parseExpect(e: unknown, where: string): Expectation {
  if (!isObj(e)) fail(where, 'expect must be a mapping (cluster, clusters, redirect, directResponse, error, …)');
  for (const k of Object.keys(e)) if (!EXPECT_KEYS.has(k)) fail(`${where}.${k}`, `unknown expectation (known: ${[...EXPECT_KEYS].join(', ')})`);
  if (e.clusters !== undefined && !isObj(e.clusters)) fail(`${where}.clusters`, 'must map cluster name to weight');
  return e as Expectation;
}

/** Validate a parsed test document. */
export function parseRouteTestFile(doc: unknown): RouteTestFile {
  if (!isObj(doc)) fail('file', 'expected a mapping with config (or configDump), proxy and tests');
  const config = doc.config === undefined ? [] : Array.isArray(doc.config) ? doc.config.map(String) : [String(doc.config)];
  if (!config.length && !doc.configDump) fail('config', 'give config: [paths] (relative to this file) or configDump: file');
  if (config.length && doc.configDump) fail('configDump', 'give either config or configDump, not both');
  if (!Array.isArray(doc.tests) || !doc.tests.length) fail('tests', 'expected a non-empty list of tests');
  const tests = doc.tests.map((t: unknown, i: number): RouteTest => {
    const where = `tests[${i}]`;
    if (!isObj(t)) fail(where, 'each test is a mapping with name, request and expect');
    for (const k of Object.keys(t)) if (!['name', 'proxy', 'request', 'expect'].includes(k)) fail(`${where}.${k}`, 'unknown field (name, proxy, request, expect)');
    const proxy = t.proxy ?? doc.proxy;
    if (!proxy && !doc.configDump) fail(`${where}.proxy`, 'no proxy: set proxy at the top of the file or on the test');
    const proxyField = t.proxy !== undefined ? `${where}.proxy` : 'proxy';
    if (proxy) checkProxy(String(proxy), proxyField);
    return { name: String(t.name ?? `test ${i + 1}`), ...(proxy ? { proxy: String(proxy), proxyField } : {}), request: parseRequest(t.request, `${where}.request`), expect: parseExpect(t.expect, `${where}.expect`), where };
  });
  return { config, ...(doc.configDump ? { configDump: String(doc.configDump) } : {}), ...(doc.proxy ? { proxy: String(doc.proxy) } : {}), tests };
}

/** A malformed proxy spec is a format error of the file (the pod itself is looked up when the config is loaded). */
function checkProxy(text: string, field: string): void {
  try { parseProxySpec(text); } catch (e) {
    if (e instanceof ProxySpecError) fail(field, e.message);
    throw e;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every unmet expectation, as `field: want X, got Y`. Empty = pass. An absent `error` expects no error. */
export function checkExpectation(e: Expectation, r: TraceResult): string[] {
  const out: string[] = [];
  const want = (field: string, w: unknown, g: unknown) => { if (!same(w, g)) out.push(`${field}: want ${JSON.stringify(w)}, got ${JSON.stringify(g)}`); };
  want('error', e.error ?? null, r.error);
  if (e.cluster !== undefined) want('cluster', e.cluster, r.clusters.length === 1 ? r.clusters[0].name : r.clusters.map((c) => c.name));
  if (e.clusters !== undefined) {
    const got = Object.fromEntries(r.clusters.map((c) => [c.name, c.weight]));
    want('clusters', sortKeys(e.clusters), sortKeys(got));
  }
  if (e.redirect !== undefined) {
    if (!r.redirect) out.push(`redirect: want ${JSON.stringify(e.redirect)}, got none`);
    else for (const [k, v] of Object.entries(e.redirect)) want(`redirect.${k}`, v, (r.redirect as any)[k]);
  }
  if (e.directResponse !== undefined) {
    if (!r.directResponse) out.push(`directResponse: want ${JSON.stringify(e.directResponse)}, got none`);
    else for (const [k, v] of Object.entries(e.directResponse)) want(`directResponse.${k}`, v, (r.directResponse as any)[k]);
  }
  if (e.rewrite !== undefined) for (const [k, v] of Object.entries(e.rewrite)) want(`rewrite.${k}`, v, (r.rewrite as any)?.[k]);
  if (e.headersAdded !== undefined) {
    for (const [k, v] of Object.entries(e.headersAdded)) {
      const h = r.requestHeadersToAdd.find((x) => x.name.toLowerCase() === k.toLowerCase());
      want(`headersAdded.${k}`, String(v), h?.value ?? null);
    }
  }
  const simple: Array<[keyof Expectation, unknown]> = [
    ['listener', r.listener], ['filterChain', r.filterChain], ['routeConfig', r.routeConfig], ['virtualHost', r.virtualHost],
    ['route', r.route?.name ?? null], ['virtualService', r.route?.virtualService ?? null], ['timeout', r.timeout],
  ];
  for (const [k, g] of simple) if (e[k] !== undefined) want(k, e[k], g);
  if (e.retries !== undefined) want('retries', e.retries, r.retryPolicy ? Number((r.retryPolicy as Obj).num_retries ?? 1) : 0);
  if (e.mirror !== undefined) want('mirror', e.mirror, r.mirrors.map((m) => m.cluster).join(',') || null);
  if (e.fault !== undefined) {
    const got = faultSummary(r.fault as Obj | null);
    if (e.fault === null) want('fault', null, got);
    else for (const [k, v] of Object.entries(e.fault)) want(`fault.${k}`, v, got?.[k as keyof typeof got] ?? null);
  }
  return out;
}

const DENOMINATOR: Record<string, number> = { HUNDRED: 100, TEN_THOUSAND: 10000, MILLION: 1000000 };
const percent = (p: Obj | undefined) => (p ? (Number(p.numerator ?? 0) / (DENOMINATOR[String(p.denominator ?? 'HUNDRED')] ?? 100)) * 100 : 100);

/** Envoy HTTPFault -> {delay, abort, percentage}. */
function faultSummary(f: Obj | null): { delay?: string; abort?: number; percentage?: number } | null {
  if (!f) return null;
  return {
    ...(f.delay ? { delay: String(f.delay.fixed_delay ?? ''), percentage: percent(f.delay.percentage) } : {}),
    ...(f.abort ? { abort: Number(f.abort.http_status ?? f.abort.grpc_status ?? 0), percentage: percent(f.abort.percentage) } : {}),
  };
}

function sortKeys(o: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, Number(v)]));
}
