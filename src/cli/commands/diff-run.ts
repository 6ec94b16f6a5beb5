import type { ConfigSnapshot } from '../../config/index.ts';
import { ExitCode } from '../../core/diagnostic.ts';
import { fromConfigDump, ConfigDumpError } from '../../envoy/config-dump.ts';
import type { ProxyConfig } from '../../envoy/types.ts';
import { diffProxyConfigs, type Change } from '../../inspect/diff/proxy-diff.ts';
import { countChanges, formatChanges } from '../../inspect/diff/format.ts';
import { loadSnapshot, readTextFile, translateFor } from '../proxy-source.ts';
import { UsageError, UserError, type CliIO } from '../io.ts';
import { renderStructured } from '../output.ts';

/** The implementation of `sluice diff` (registered, with its flags and exit codes, in diff.ts). */
export interface DiffOpts { proxy?: string; allProxies?: boolean; oldDump?: string; newDump?: string; output: string; namespace: string; exitCode?: boolean }

interface ProxyDiff { readonly proxy: string; readonly changes: readonly Change[] }

function dumpConfig(file: string, io: CliIO): ProxyConfig {
  const text = readTextFile(file, io);
  let json: unknown;
  try { json = JSON.parse(text); } catch (e) {
    throw new UserError(`${file} is not valid JSON (${(e as Error).message}); is it truncated, or not an Envoy /config_dump?`, ExitCode.Failure);
  }
  try { return fromConfigDump(json); } catch (e) {
    if (e instanceof ConfigDumpError) throw new UserError(`${file}: ${e.message}`, ExitCode.Failure);
    throw e;
  }
}

function podsOf(...snapshots: ConfigSnapshot[]): string[] {
  const names = new Set<string>();
  for (const s of snapshots) for (const p of s.byKind('Pod')) names.add(`pod/${p.ref.name}.${p.ref.namespace ?? 'default'}`);
  return [...names].sort();
}

function run(paths: string[], o: DiffOpts, io: CliIO): ProxyDiff[] {
  if (o.oldDump !== undefined || o.newDump !== undefined) {
    if (o.oldDump === undefined || o.newDump === undefined || paths.length) throw new UsageError('--old-dump and --new-dump go together, without config paths');
    return [{ proxy: `${o.oldDump} → ${o.newDump}`, changes: diffProxyConfigs(dumpConfig(o.oldDump, io), dumpConfig(o.newDump, io)) }];
  }
  if (paths.length !== 2) throw new UsageError('expected OLD_PATH NEW_PATH (two config revisions), or --old-dump A --new-dump B');
  if (!o.proxy === !o.allProxies) throw new UsageError('give exactly one of --proxy PROXY or --all-proxies');
  const before = loadSnapshot([paths[0]!], io, o.namespace), after = loadSnapshot([paths[1]!], io, o.namespace);
  const proxies = o.proxy ? [o.proxy] : podsOf(before, after);
  if (!proxies.length) throw new UserError('--all-proxies: neither revision has any Pod to compute config for', ExitCode.Failure);
  return proxies.map((proxy) => ({ proxy, changes: diffProxy(before, after, proxy, paths as [string, string], o.namespace) }));
}

/**
 * A pod may exist in one revision only (added or removed): it then has no config on the other side.
 * A proxy that resolves in neither revision is an error naming both (a malformed --proxy is 64).
 */
function diffProxy(before: ConfigSnapshot, after: ConfigSnapshot, proxy: string, paths: [string, string], ns: string): Change[] {
  const old = configOrMissing(before, proxy, ns), neu = configOrMissing(after, proxy, ns);
  if (old instanceof UserError && neu instanceof UserError) {
    if (old.exitCode === ExitCode.BadUsage) throw old;
    throw new UserError(`--proxy ${proxy} matches nothing in either revision (${paths[0]}, ${paths[1]}): ${old.message.replace(`--proxy ${proxy}: `, '')}`, ExitCode.Failure);
  }
  return diffProxyConfigs(old instanceof UserError ? EMPTY : old, neu instanceof UserError ? EMPTY : neu);
}

const EMPTY: ProxyConfig = { listeners: [], routes: [], clusters: [], endpoints: [] };

function configOrMissing(snapshot: ConfigSnapshot, proxy: string, ns: string): ProxyConfig | UserError {
  try {
    return translateFor(snapshot, proxy, ns).config;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
}

function text(diffs: readonly ProxyDiff[], all: boolean): string {
  let out = '';
  const affected = diffs.filter((d) => d.changes.length);
  for (const d of diffs) {
    if (all && !d.changes.length) continue;
    if (all || diffs.length > 1) out += `${d.proxy}:\n`;
    const body = d.changes.length ? formatChanges(d.changes) : 'no changes\n';
    out += all ? body.split('\n').filter(Boolean).map((l) => `  ${l}\n`).join('') : body;
  }
  if (all) out += `${affected.length} of ${diffs.length} proxies affected\n`;
  return out;
}

/** Run `sluice diff` (flags already checked) and print the result; returns the exit code. */
export function runDiff(paths: string[], o: DiffOpts, format: 'text' | 'json' | 'yaml', io: CliIO): number {
  const diffs = run(paths, o, io);
  if (format === 'text') io.out(text(diffs, !!o.allProxies));
  else {
    const total = diffs.flatMap((d) => d.changes);
    io.out(renderStructured({ proxies: diffs.map((d) => ({ proxy: d.proxy, changes: d.changes })), summary: { proxies: diffs.length, affected: diffs.filter((d) => d.changes.length).length, ...countChanges(total) } }, format));
  }
  return o.exitCode && diffs.some((d) => d.changes.length) ? 2 : ExitCode.OK;
}
