import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import type { ConfigSnapshot } from '../../config/snapshot.ts';
import { PARSE_FAILURE_CODES } from '../../config/codes.ts';
import { formatDiagnostic, ExitCode } from '../../core/diagnostic.ts';
import { parseConfigDumpText, ConfigDumpError, type ParsedConfigDump } from '../../envoy/config-dump.ts';
import type { ProxyConfig } from '../../envoy/types.ts';
import type { ProxySpec } from '../../model/proxy-spec.ts';
import type { MeshModel } from '../../model/index.ts';
import { meshModelFor } from '../../translate/index.ts';
import { translateFor } from '../proxy-source.ts';
import { compileProxy, compileDump, traceCompiled, formatTraceText, traceJson, type TraceRequest, type TlsMode, type AppProtocol, type CompiledProxy } from '../../simulate/index.ts';
import { scopeHint } from '../../simulate/scope-hint.ts';
import { addressProblem, hostProblem, methodProblem, pathProblem } from '../../simulate/request-check.ts';
import { parseConfigPath } from '../../simulate/provenance.ts';
import { UsageError, UserError, type CliIO } from '../io.ts';
import { parseChoice, renderStructured } from '../output.ts';

/** Where a proxy's Envoy config comes from: Istio YAML translated for PROXY, or a real Envoy config dump. */
export interface ProxyInput {
  readonly config: ProxyConfig;
  /** Compiled for matching (a config dump knows whether it carries EDS). */
  readonly compiled?: CompiledProxy;
  readonly model?: MeshModel;
  readonly proxy?: ProxySpec;
  readonly snapshot?: ConfigSnapshot;
}

/** How messages name an input: `stdin` for `-`, else the path as given. */
export const inputLabel = (path: string): string => (path === '-' ? 'stdin' : path);

/**
 * Read a file or `-`. An input that cannot be read is, like one that cannot be parsed, exit 65 (the rule for
 * every input of translate, trace and test, and for YAML paths everywhere) — a clear message, never a stack.
 */
export function readInputText(path: string, io: CliIO): string {
  try {
    if (path === '-') return io.stdinText ?? readFileSync(0, 'utf8');
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UserError(`cannot read ${inputLabel(path)}: ${why}`, ExitCode.UnparseableInput);
  }
}

/** Read and parse a /config_dump (`-` = stdin); unreadable or not a dump: exit 65. `shown` names it in messages. */
export function loadConfigDump(path: string, io: CliIO, shown = inputLabel(path)): ParsedConfigDump {
  const text = readInputText(path, io);
  try {
    const dump = parseConfigDumpText(text, shown);
    for (const w of dump.warnings) io.err(`warning: ${shown}: ${w}\n`);
    return dump;
  } catch (e) {
    if (e instanceof ConfigDumpError) throw new UserError(e.message.startsWith(shown) ? e.message : `${shown}: ${e.message}`, ExitCode.UnparseableInput);
    throw e;
  }
}

/** Load YAML, resolve PROXY (pod/NAME.NS via the model), translate. Invalid resources are reported on stderr and skipped, as istiod does. */
export function loadTranslated(paths: readonly string[], proxyArg: string, namespace: string, io: CliIO): ProxyInput {
  const cfg = loadConfig(paths, { defaultNamespace: namespace, cwd: io.cwd, stdinText: io.stdinText });
  const errors = cfg.diagnostics.filter((d) => d.severity === 'Error');
  for (const d of errors) io.err(formatDiagnostic(d) + '\n');
  if (cfg.diagnostics.some((d) => PARSE_FAILURE_CODES.has(d.code))) throw new UserError('input could not be parsed (see above)', ExitCode.UnparseableInput);
  if (errors.length) io.err(`warning: ${errors.length} invalid resource(s) ignored\n`);
  // As proxy-config: a malformed --proxy is usage (64), a pod the input does not have a failure (1); pod/NAME takes -n.
  const { proxy, config } = translateFor(cfg.snapshot, proxyArg, namespace);
  return { config, model: meshModelFor(cfg.snapshot), proxy, snapshot: cfg.snapshot };
}

/** The Service behind a host as the proxy would resolve it (short names in the proxy's namespace). */
function serviceFor(model: MeshModel | undefined, host: string, ns: string) {
  if (!model) return undefined;
  const h = host.toLowerCase().replace(/\.$/, ''); // `reviews.shop.svc.cluster.local.` is the FQDN
  const names = h.includes('.') ? [h, `${h}.svc.cluster.local`] : [`${h}.${ns}.svc.cluster.local`];
  for (const n of names) {
    const list = model.servicesByHost.get(n);
    if (list?.length) return list.find((s) => s.namespace === ns) ?? list[0];
  }
  return undefined;
}

/** Port: --port, else the Host's `:port`, else the service's only port, else 80. */
export function defaultPort(host: string, model: MeshModel | undefined, ns: string): number {
  const m = /:(\d+)$/.exec(host);
  if (m) return Number(m[1]);
  const svc = serviceFor(model, host, ns);
  return svc && svc.ports.length === 1 ? svc.ports[0].port : 80;
}

/** Destination IP: --address, else (outbound) the service's first address (its VIP), else 1.3.3.7 (binds nothing); inbound: the proxy's IP. */
export function defaultAddress(host: string, model: MeshModel | undefined, ns: string): string | undefined {
  const svc = serviceFor(model, host.replace(/:\d+$/, ''), ns);
  const a = svc?.addresses.find((x) => /^[0-9.:a-fA-F]+$/.test(x) && !x.includes('/'));
  return a;
}

/**
 * A gateway is addressed by its Service port (80), but Istio binds the listener to the target port on the pod
 * (8080): traffic arrives there after kube-proxy. For a router whose config has no listener on the port, use
 * the target port of the Service that selects the gateway pod.
 */
export function gatewayTargetPort(input: ProxyInput, port: number): number | undefined {
  const { model, proxy } = input;
  if (!model || proxy?.type !== 'router') return undefined;
  const bound = input.config.listeners.some((l) => Number(l.address?.socket_address?.port_value) === port);
  if (bound) return undefined;
  for (const svc of model.services) {
    if (!svc.selector || !Object.keys(svc.selector).length) continue;
    if (!Object.entries(svc.selector).every(([k, v]) => proxy.labels[k] === v)) continue;
    const p = svc.ports.find((x) => x.port === port);
    if (p && typeof p.targetPort === 'number' && p.targetPort !== port) return p.targetPort;
  }
  return undefined;
}

/**
 * For a route of generated config (Gateway API routes, Kubernetes Ingresses): the objects it was generated
 * from (their `sluice.io/derived-from` annotation) and where they are, found through the model.
 */
export function derivedFromDetail(model: MeshModel | undefined, configPath: string | null | undefined): string | undefined {
  const p = parseConfigPath(configPath ?? null);
  if (!model || !p || p.kind !== 'virtual-service') return undefined;
  const vs = model.virtualServices.find((v) => v.namespace === p.namespace && v.name === p.name);
  const from = vs?.source.metadata.annotations?.['sluice.io/derived-from'];
  return vs && from ? `VirtualService ${p.name}.${p.namespace} is generated from ${from} (${vs.source.source.file}:${vs.source.source.line})` : undefined;
}

export function parseHeader(h: string): [string, string] {
  const i = h.indexOf(':', h.startsWith(':') ? 1 : 0);
  if (i <= 0) throw new UsageError(`bad header "${h}": expected 'name: value'`);
  return [h.slice(0, i).trim(), h.slice(i + 1).trim()];
}

interface TraceOpts {
  proxy?: string; configDump?: string; host?: string; port?: string; path?: string; method?: string; header: string[];
  address?: string; sni?: string; tls: string; alpn?: string; protocol: string; inbound: boolean; output: string; namespace: string;
}

export function registerTrace(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('trace')
    .description('Explain how a proxy routes a request: listener, filter chain, route config, virtual host, route, cluster, endpoints')
    .argument('[paths...]', 'Istio/Kubernetes YAML files or directories (or use --config-dump)')
    .option('--proxy <proxy>', 'sidecar:NS[:k=v,...] | router:NS:k=v,... | pod/NAME.NS')
    .option('--config-dump <file>', 'trace through a real Envoy config dump (/config_dump JSON) instead of translating YAML')
    .option('--host <host>', 'Host / :authority header (host[:port])')
    .option('--port <port>', 'destination port (default: the Host\'s port, else the service\'s only port, else 80)')
    .option('--path <path>', 'request path, may include ?query (default: /)')
    .option('--method <method>', 'HTTP method (default: GET)')
    .option('-H, --header <header>', "request header 'name: value' (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--address <ip>', 'destination IP (default: the service VIP, else 1.3.3.7)')
    .option('--sni <sni>', 'TLS SNI (default: the host, for --tls tls)')
    .option('--tls <mode>', 'none | tls | mtls', 'none')
    .option('--alpn <list>', 'comma-separated ALPN offered (TLS only)')
    .option('--protocol <p>', 'http | http2 | tcp', 'http')
    .option('--inbound', 'deliver to the proxy\'s inbound side (virtualInbound)', false)
    .option('-n, --namespace <ns>', 'namespace for objects that have none', 'default')
    .option('-o, --output <format>', 'text | json | yaml', 'text')
    .action((paths: string[], o: TraceOpts) => {
      const format = parseChoice('--output', o.output, ['text', 'json', 'yaml'] as const);
      const tls = parseChoice('--tls', o.tls, ['none', 'tls', 'mtls'] as const) as TlsMode;
      const protocol = parseChoice('--protocol', o.protocol, ['http', 'http2', 'tcp'] as const) as AppProtocol;
      checkRequestFlags(o, protocol, tls, io);
      const headers = o.header.map(parseHeader);
      const input = resolveInput(paths, o, io);
      const host = o.host ?? '';
      const ns = input.proxy?.namespace ?? 'default';
      let port: number;
      if (o.port !== undefined) {
        port = /^\d+$/.test(o.port) ? Number(o.port) : NaN;
        if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`--port must be 1-65535, got "${o.port}"`);
      } else port = defaultPort(host, input.model, ns);
      const req: TraceRequest = {
        host, port, path: o.path ?? '/', method: o.method ?? 'GET', headers,
        address: o.address ?? (o.inbound ? input.proxy?.ips[0] : defaultAddress(host, input.model, ns)), tls, protocol, inbound: o.inbound,
        ...(o.sni ? { sni: o.sni } : {}),
        ...(o.alpn ? { alpn: o.alpn.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
      };
      const target = gatewayTargetPort(input, port);
      const traced = traceCompiled(input.compiled ?? compileProxy(input.config), target ? { ...req, port: target } : req);
      const px = input.proxy;
      const before = [
        ...(px ? [{ stage: 'proxy' as const, summary: `${px.type} in ${px.namespace}${px.podName ? ` (pod ${px.podName})` : ''}, IP ${px.ips.join(', ')}`, details: Object.keys(px.labels).length ? [`labels ${Object.entries(px.labels).map(([k, v]) => `${k}=${v}`).join(',')}`] : [] }] : []),
        ...(target ? [{ stage: 'request' as const, summary: `gateway port ${port} is served on target port ${target}`, details: [`the gateway Service maps port ${port} to targetPort ${target}, where Istio binds the listener`] }] : []),
      ];
      const hint = input.model && input.proxy ? scopeHint(input.model, input.proxy, host, port, traced) : null;
      const derived = derivedFromDetail(input.model, traced.route?.config);
      const steps = derived ? traced.steps.map((s) => (s.stage === 'route' ? { ...s, details: [derived, ...s.details] } : s)) : traced.steps;
      const result = before.length || hint || derived ? { ...traced, steps: [...before, ...steps, ...(hint ? [hint] : [])] } : traced;
      if (format === 'text') io.out(formatTraceText(result));
      else io.out(renderStructured(traceJson(result), format));
      setExit(ExitCode.OK);
    });
}

function resolveInput(paths: string[], o: TraceOpts, io: CliIO): ProxyInput {
  if (o.configDump) {
    if (paths.length) throw new UsageError('give either PATHs or --config-dump, not both');
    const dump = loadConfigDump(o.configDump, io);
    return { config: dump, compiled: compileDump(dump) };
  }
  if (!paths.length) throw new UsageError('give config PATHs (with --proxy) or --config-dump FILE');
  if (!o.proxy) throw new UsageError('--proxy is required with config PATHs (sidecar:NS[:labels], router:NS:labels or pod/NAME.NS)');
  return loadTranslated(paths, o.proxy, o.namespace, io);
}

/**
 * Flags that describe an impossible request are bad usage (64); flags the request ignores get a warning.
 * --host is required for HTTP (routing needs it); a TCP connection needs --host or --port.
 */
function checkRequestFlags(o: TraceOpts, protocol: AppProtocol, tls: TlsMode, io: CliIO): void {
  const bad = (flag: string, problem: string | null) => { if (problem) throw new UsageError(`${flag} ${problem}`); };
  if (o.host === undefined && (protocol !== 'tcp' || o.port === undefined)) {
    throw new UsageError(protocol === 'tcp' ? 'give --host HOST[:PORT] or --port for a TCP connection' : '--host is required: the Host/:authority the request is sent with (e.g. --host reviews or --host reviews:9080)');
  }
  if (o.host !== undefined) bad('--host', hostProblem(o.host));
  if (o.address !== undefined) bad('--address', addressProblem(o.address));
  if (o.path !== undefined) bad('--path', pathProblem(o.path));
  if (o.method !== undefined) bad('--method', methodProblem(o.method));
  if (o.sni !== undefined && tls === 'none') io.err('warning: --sni is ignored without --tls tls|mtls (a plaintext connection sends no SNI)\n');
  if (protocol === 'tcp') {
    const ignored = [o.path !== undefined && '--path', o.method !== undefined && '--method', o.header.length > 0 && '--header'].filter(Boolean);
    if (ignored.length) io.err(`warning: ${ignored.join(', ')} ignored with --protocol tcp (a TCP connection carries no HTTP request)\n`);
  }
}
