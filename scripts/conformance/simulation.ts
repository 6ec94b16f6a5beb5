// Conformance: Istio's simulation tables (pilot/pkg/networking/core/*_simulation_test.go), read from
// ../shared/conformance/istio-simulation/cases.json. Each case: load config + kubeConfig -> translateProxy for
// the case's proxy -> trace every call -> compare with upstream's Result the way Result.Matches does
// (README "Comparison rules"): `error` always; other fields only when the expectation sets them, unless strictMatch.
//
// Pilot's simulator matches routes on the path only; we match like Envoy (headers, query parameters, …). No
// call in the corpus sends headers a route's header matcher could see, so no compatibility mode is needed.
// knownIssue calls are compared like any other call (against the behaviour upstream asserts, bugs included)
// and flagged in the table when they fail.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFromText } from '../../src/config/index.ts';
import { meshConfigFrom } from '../../src/config/mesh-config.ts';
import { translateProxy } from '../../src/translate/index.ts';
import { compileProxy, traceCompiled, type TraceErrorCode, type TraceRequest, type TraceResult } from '../../src/simulate/index.ts';
import type { ProxySpec } from '../../src/model/proxy-spec.ts';
import type { ProxyConfig, Json } from '../../src/envoy/types.ts';

type Obj = Record<string, any>;
export interface PilotResult { error?: string; listenerMatched?: string; filterChainMatched?: string; routeConfigMatched?: string; virtualHostMatched?: string; routeMatched?: string; clusterMatched?: string }

const ERRORS: Record<TraceErrorCode, string | undefined> = {
  invalid_request: 'ErrInvalidCall',
  no_listener: 'ErrNoListener',
  no_filter_chain: 'ErrNoFilterChain',
  multiple_filter_chains: 'ErrMultipleFilterChain',
  tls_error: 'ErrTLSError',
  mtls_error: 'ErrMTLSError',
  protocol_error: 'ErrProtocolError',
  no_route_config: 'ErrNoVirtualHost', // Pilot looks the vhost up in a missing (nil) route config
  no_virtual_host: 'ErrNoVirtualHost',
  tls_required: 'ErrTLSRedirect',
  no_route: 'ErrNoRoute',
  cluster_not_found: undefined, // Pilot's simulator never looks at CDS
  no_network_filter: undefined,
};

/** The corpus's proxy.effective -> our ProxySpec (namespace = configNamespace; the metadata namespace rides in metadata). */
export function proxyFromCase(p: Obj): ProxySpec {
  const e = p.effective ?? p;
  return {
    type: e.type === 'router' ? 'router' : 'sidecar',
    namespace: e.configNamespace ?? 'default',
    labels: e.labels ?? e.metadataLabels ?? {},
    ips: e.ipAddresses ?? ['1.1.1.1'],
    istioVersion: e.istioVersion,
    metadata: { NAMESPACE: e.metadataNamespace ?? e.configNamespace ?? 'default', DNS_DOMAIN: e.dnsDomain, ID: e.id },
  };
}

/** Load a case's Istio + Kubernetes YAML and translate it for its proxy. */
export function translateCase(c: Obj, includeKube = true): { config: ProxyConfig; diagnostics: string[] } {
  const texts = [{ path: 'config.yaml', text: String(c.config ?? '') }];
  if (includeKube && c.kubeConfig) texts.push({ path: 'kube.yaml', text: String(c.kubeConfig) });
  // Istio's fake config store leaves config Meta.Domain empty: short names resolve to `name.namespace` (corpus README).
  const loaded = loadConfigFromText(texts, { meshConfig: { ...meshConfigFrom(c.meshConfig), configDomainSuffix: '' } });
  const diagnostics = loaded.diagnostics.filter((d) => d.severity === 'Error').map((d) => `${d.code} ${d.message}`);
  return { config: translateProxy(loaded.snapshot, proxyFromCase(c.proxy)), diagnostics };
}

/** simulation.Call (after FillDefaults) -> our request. */
export function requestFromCall(call: Obj): TraceRequest {
  const headers: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(call.headers ?? {})) for (const x of Array.isArray(v) ? v : [v]) headers.push([k, String(x)]);
  return {
    port: Number(call.port ?? 0),
    host: call.hostHeader ?? '',
    path: call.path || '/',
    headers,
    address: call.address,
    protocol: call.protocol === 'http' || call.protocol === 'http2' ? call.protocol : 'tcp',
    tls: call.tls === 'tls' ? 'tls' : call.tls === 'mtls' ? 'mtls' : 'none',
    ...(call.alpn ? { alpn: [String(call.alpn)] } : {}),
    ...(call.sni ? { sni: String(call.sni) } : call.tls === 'tls' ? { sni: String(call.hostHeader ?? '') } : {}),
    inbound: call.callMode === 'inbound',
    ...(call.mtlsSecretConfigName ? { mtlsSecretName: String(call.mtlsSecretConfigName) } : {}),
  };
}

/** Our trace -> the fields of simulation.Result. */
export function pilotResult(r: TraceResult): PilotResult {
  const single = r.clusterSpecifier === 'cluster' || r.clusterSpecifier === 'tcp_proxy';
  const out: PilotResult = {
    listenerMatched: r.listener ?? '', filterChainMatched: r.filterChain ?? '', routeConfigMatched: r.routeConfig ?? '',
    virtualHostMatched: r.virtualHost ?? '', routeMatched: r.route?.name ?? '', clusterMatched: single ? r.clusters[0]?.name ?? '' : '',
  };
  const e = r.error ? ERRORS[r.error] : undefined;
  return e ? { error: e, ...out } : out;
}

const FIELDS = ['listenerMatched', 'filterChainMatched', 'routeConfigMatched', 'virtualHostMatched', 'routeMatched', 'clusterMatched'] as const;

/** Result.Matches: null when it matches, else the first difference. */
export function compareResult(want: Obj, got: PilotResult): string | null {
  if ((want.error ?? '') !== (got.error ?? '')) return `error: want ${want.error ?? 'none'}, got ${got.error ?? 'none'}`;
  for (const f of FIELDS) {
    const w = want[f] ?? '';
    if ((want.strictMatch || w !== '') && w !== (got[f] ?? '')) return `${f}: want ${JSON.stringify(w)}, got ${JSON.stringify(got[f] ?? '')}`;
  }
  return null;
}

/** customListenerValidations `expectedTLSContext`: the chain serves httpbin's file cert and asks no client cert. */
function checkCustom(call: Obj, config: ProxyConfig, r: TraceResult): string | null {
  for (const v of call.customListenerValidations ?? []) {
    if (v !== 'expectedTLSContext') return `unknown custom validation ${v}`;
    const l = config.listeners.find((x) => x.name === r.listener);
    const fc = l?.filter_chains?.find((c) => (c.name ?? '') === r.filterChain) ?? (l?.default_filter_chain?.name === r.filterChain ? l?.default_filter_chain : undefined);
    const tls: Json | undefined = fc?.transport_socket?.typed_config;
    const sds = tls?.common_tls_context?.tls_certificate_sds_secret_configs?.[0]?.name;
    if (sds !== 'file-cert:httpbin.pem~httpbinkey.pem') return `expectedTLSContext: first SDS cert ${sds ?? 'none'}`;
    if (tls?.require_client_certificate === true || tls?.require_client_certificate?.value === true) return 'expectedTLSContext: client certificate required';
  }
  return null;
}

interface CallOutcome { name: string; ok: boolean; reason?: string; knownIssue: boolean; want: Obj; got?: PilotResult }

function runCase(c: Obj): { outcomes: CallOutcome[]; setupError?: string } {
  let config: ProxyConfig;
  try {
    config = translateCase(c).config;
  } catch (e) {
    const msg = `translate failed: ${(e as Error).message.split('\n')[0]}`;
    return { setupError: msg, outcomes: (c.calls ?? []).map((k: Obj) => ({ name: k.name, ok: false, reason: msg, knownIssue: !!k.knownIssue, want: k.result })) };
  }
  const proxy = compileProxy(config);
  return {
    outcomes: (c.calls ?? []).map((k: Obj): CallOutcome => {
      const req = requestFromCall(k.call);
      const r = traceCompiled(proxy, req);
      const got = pilotResult(r);
      const reason = compareResult(k.result, got) ?? checkCustom(k.call, config, r);
      return { name: k.name, ok: reason === null, ...(reason ? { reason } : {}), knownIssue: !!k.knownIssue, want: k.result, got };
    }),
  };
}

export function runSimulation(dir: string, verbose: boolean, print: (s: string) => void = console.log): { passed: number; total: number; failed: string[] } {
  if (!existsSync(join(dir, 'cases.json'))) { print(`simulation: ${join(dir, 'cases.json')} not found; skipped`); return { passed: 0, total: 0, failed: [] }; }
  const cases: Obj[] = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
  let passed = 0, total = 0;
  const failed: string[] = [];
  const rows: string[][] = [];
  for (const c of cases) {
    const { outcomes } = runCase(c);
    const ok = outcomes.filter((o) => o.ok).length;
    passed += ok;
    total += outcomes.length;
    const first = outcomes.find((o) => !o.ok);
    rows.push([c.name, `${ok}/${outcomes.length}`, first ? `${first.name ? `${first.name}: ` : ''}${first.reason}${first.knownIssue ? ' (knownIssue)' : ''}` : '']);
    for (const o of outcomes) {
      if (o.ok) continue;
      failed.push(`${c.name}/${o.name}`);
      if (verbose) print(`  FAIL ${c.name} / ${o.name}${o.knownIssue ? ' (knownIssue)' : ''}: ${o.reason}\n    want ${JSON.stringify(o.want)}\n    got  ${JSON.stringify(o.got ?? null)}`);
    }
  }
  const w = Math.min(90, Math.max(...rows.map((r) => r[0].length)));
  print(`${'CASE'.padEnd(w)}  CALLS    FIRST FAILURE`);
  for (const r of rows) print(`${r[0].padEnd(w)}  ${r[1].padEnd(7)}  ${r[2]}`);
  print(`simulation: ${passed}/${total} calls passed`);
  return { passed, total, failed };
}

export default { key: 'simulation', dir: 'istio-simulation', run: (dir: string, verbose: boolean) => runSimulation(dir, verbose) };
