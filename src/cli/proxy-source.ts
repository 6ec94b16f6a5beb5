import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { loadConfig, type ConfigSnapshot } from '../config/index.ts';
import { PARSE_FAILURE_CODES } from '../config/codes.ts';
import { formatDiagnostic, ExitCode } from '../core/diagnostic.ts';
import { toConfigDump } from '../envoy/config-dump.ts';
import type { Json, ProxyConfig } from '../envoy/types.ts';
import { buildMeshModel, gatewaysForProxy, resolveProxy } from '../model/index.ts';
import { parseProxySpec, ProxySpecError, type ProxySpec } from '../model/proxy-spec.ts';
import { translateProxy } from '../translate/index.ts';
import { parseDump, InspectError, type Dump } from '../inspect/proxy-config/dump.ts';
import { UserError, type CliIO } from './io.ts';

/**
 * Where proxy-config / diff / describe get Envoy config from (the impure edge):
 * a config_dump file, a live admin endpoint, or Sluice's own translation of YAML for a proxy.
 */
export function readTextFile(path: string, io: CliIO): string {
  if (path === '-') {
    if (io.stdinText !== undefined) return io.stdinText;
    return readFileSync(0, 'utf8');
  }
  try {
    return readFileSync(isAbsolute(path) ? path : join(io.cwd, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory (give one JSON file)' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UserError(`cannot read ${path}: ${why}`, ExitCode.Failure);
  }
}

/** GET an admin endpoint path with a timeout; unreachable → a clear UserError (exit 1). */
export async function fetchAdmin(base: string, path: string, timeoutMs: number): Promise<string> {
  let url: URL;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(base) ? base : `http://${base}`; // 127.0.0.1:15000 means http://
  try { url = new URL(path, withScheme.endsWith('/') ? withScheme : `${withScheme}/`); } catch {
    throw new UserError(`--admin ${base} is not a URL (expected e.g. http://127.0.0.1:15000)`, ExitCode.BadUsage);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`--admin ${base}: Envoy's admin endpoint speaks HTTP; expected an http:// or https:// URL, e.g. http://127.0.0.1:15000`, ExitCode.BadUsage);
  }
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    if (!res.ok) throw new UserError(`Envoy admin ${url} answered HTTP ${res.status}: ${text.slice(0, 200).trim()}`, ExitCode.Failure);
    return text;
  } catch (e) {
    if (e instanceof UserError) throw e;
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : err.cause?.code ?? err.cause?.message ?? err.message;
    throw new UserError(`cannot reach Envoy admin at ${base} (${why}); is the proxy running and its admin port reachable?`, ExitCode.Failure);
  }
}

export interface Translated {
  readonly snapshot: ConfigSnapshot;
  readonly proxy: ProxySpec;
  readonly config: ProxyConfig;
}

/** Load YAML, resolve PROXY and translate it (the contract every front end uses). */
export function translateFromPaths(paths: readonly string[], proxyText: string, io: CliIO, defaultNamespace = 'default'): Translated {
  const snapshot = loadSnapshot(paths, io, defaultNamespace);
  return { snapshot, ...translateFor(snapshot, proxyText, defaultNamespace) };
}

export function loadSnapshot(paths: readonly string[], io: CliIO, defaultNamespace = 'default'): ConfigSnapshot {
  if (paths.length === 0) throw new UserError('no config paths given: pass files or directories of Istio/Kubernetes YAML', ExitCode.BadUsage);
  const cfg = loadConfig(paths, { defaultNamespace, cwd: io.cwd, stdinText: io.stdinText });
  const fatal = cfg.diagnostics.filter((d) => PARSE_FAILURE_CODES.has(d.code));
  for (const d of cfg.diagnostics.filter((x) => x.severity === 'Error')) io.err(formatDiagnostic(d) + '\n');
  if (fatal.length) throw new UserError(`${fatal.length} input file(s) could not be read or parsed`, ExitCode.UnparseableInput);
  const invalid = new Set(cfg.diagnostics.filter((d) => d.severity === 'Error' && d.resource).map((d) => refKey(d.resource!.kind, d.resource!.namespace ?? defaultNamespace, d.resource!.name)));
  invalidBySnapshot.set(cfg.snapshot, invalid);
  return cfg.snapshot;
}

/** Objects that are in the input but were dropped as invalid, so "not found" can say why. */
const invalidBySnapshot = new WeakMap<ConfigSnapshot, ReadonlySet<string>>();
const refKey = (kind: string, namespace: string, name: string): string => `${kind}/${namespace}/${name}`;

/** Is KIND NS/NAME in the input loaded by loadSnapshot, but invalid (and so left out of the snapshot)? */
export function wasInvalid(snapshot: ConfigSnapshot, kind: string, namespace: string, name: string): boolean {
  return invalidBySnapshot.get(snapshot)?.has(refKey(kind, namespace, name)) ?? false;
}

/** `pod/NAME` without `.NS` is in `defaultNamespace` (the command's -n). */
export function translateFor(snapshot: ConfigSnapshot, proxyText: string, defaultNamespace = 'default'): { proxy: ProxySpec; config: ProxyConfig } {
  let parsed: ReturnType<typeof parseProxySpec>;
  try {
    parsed = parseProxySpec(proxyText, defaultNamespace);
  } catch (e) {
    // A malformed --proxy value is bad usage (64); a well-formed one that matches no pod is a failure (1).
    if (e instanceof ProxySpecError) throw new UserError(`--proxy ${proxyText}: ${e.message}`, ExitCode.BadUsage);
    throw e;
  }
  let proxy: ProxySpec;
  try {
    proxy = resolveProxy(buildMeshModel(snapshot), parsed);
  } catch (e) {
    if (!(e instanceof ProxySpecError)) throw e;
    if ('pod' in parsed && wasInvalid(snapshot, 'Pod', parsed.namespace, parsed.pod)) {
      throw new UserError(`--proxy ${proxyText}: Pod ${parsed.namespace}/${parsed.pod} is in the input but invalid (see the errors above), so it is left out`, ExitCode.Failure);
    }
    throw new UserError(`--proxy ${proxyText}: ${e.message}`, ExitCode.Failure);
  }
  return { proxy, config: translateProxy(snapshot, proxy) };
}

/** Why a translated router has nothing to show: no Gateway selects its labels (else undefined). */
export function routerHint(t: Translated): string | undefined {
  if (t.proxy.type !== 'router' || gatewaysForProxy(buildMeshModel(t.snapshot), t.proxy).length) return undefined;
  const labels = Object.entries(t.proxy.labels).map(([k, v]) => `${k}=${v}`).join(',') || '<none>';
  const selectors = t.snapshot.byKind('Gateway').map((g) => `${g.ref.namespace}/${g.ref.name} selects ${Object.entries((g.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || 'every gateway'}`);
  return `no Gateway selects this router (labels ${labels})${selectors.length ? `; ${selectors.join('; ')}` : '; the input has no Gateways'}`;
}

export function dumpOf(config: ProxyConfig): Dump {
  const json = toConfigDump(config) as Json;
  const text = JSON.stringify(json, null, 2);
  return { configs: json.configs, text };
}

/** Parse a dump, turning InspectError into a UserError (exit 1). */
export function parseDumpOrFail(text: string, label: string): Dump {
  try { return parseDump(text, label); } catch (e) {
    if (e instanceof InspectError) throw new UserError(e.message, ExitCode.Failure);
    throw e;
  }
}
