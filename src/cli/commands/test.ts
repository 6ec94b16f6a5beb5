import type { Command } from 'commander';
import { readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { PARSE_FAILURE_CODES } from '../../config/codes.ts';
import { ExitCode, formatDiagnostic } from '../../core/diagnostic.ts';
import { buildMeshModel, resolveProxy, type MeshModel } from '../../model/index.ts';
import { parseProxySpec, ProxySpecError, type ProxySpec } from '../../model/proxy-spec.ts';
import { translateProxy } from '../../translate/index.ts';
import type { ConfigSnapshot } from '../../config/snapshot.ts';
import type { Route } from '../../envoy/types.ts';
import { compileDump, compileProxy, traceCompiled, type CompiledProxy, type TraceResult } from '../../simulate/index.ts';
import { checkExpectation, RouteTestFormatError } from '../../simulate/route-tests.ts';
import { parseRouteTestText, type RouteTestDocument } from '../../simulate/route-test-yaml.ts';
import { routeCoverage, type VirtualServiceRules } from '../../simulate/coverage.ts';
import { UsageError, UserError, type CliIO } from '../io.ts';
import { parseChoice, renderStructured } from '../output.ts';
import { readInputText, loadConfigDump, defaultPort, defaultAddress, gatewayTargetPort, type ProxyInput } from './trace.ts';

interface LoadedSet { readonly snapshot: ConfigSnapshot; readonly model: MeshModel; readonly proxies: Map<string, { compiled: CompiledProxy; ns: string; spec: ProxySpec }> }

/**
 * Test files: files as given; directories expanded to their *.yaml / *.yml files (recursive, sorted).
 * `shown` is the path as the user gave it (joined with the names found under a directory).
 * A missing test file is unreadable input: exit 65, as for every input of translate/trace/test.
 */
function testFiles(args: readonly string[], cwd: string): Array<{ file: string; shown: string }> {
  const out: Array<{ file: string; shown: string }> = [];
  const walk = (p: string, shown: string) => {
    let st;
    try { st = statSync(p); } catch { throw new UserError(`cannot read ${shown}: no such file or directory`, ExitCode.UnparseableInput); }
    if (st.isDirectory()) { for (const e of readdirSync(p).sort()) { const q = join(p, e); if (statSync(q).isDirectory() || /\.ya?ml$/i.test(e)) walk(q, join(shown, e)); } }
    else out.push({ file: p, shown });
  };
  for (const a of args) walk(resolve(cwd, a), a);
  return out;
}

class Runner {
  private readonly sets = new Map<string, LoadedSet>();
  private readonly dumps = new Map<string, CompiledProxy>();
  readonly virtualServices = new Map<string, VirtualServiceRules>();
  readonly hits: Route[] = [];
  /** How many distinct YAML config sets were loaded (0 = config dumps only: no coverage). */
  get configSets(): number { return this.sets.size; }
  constructor(private readonly io: CliIO) {}

  configSet(paths: string[]): LoadedSet {
    const key = paths.join('\0');
    let set = this.sets.get(key);
    if (set) return set;
    const cfg = loadConfig(paths, { cwd: this.io.cwd });
    for (const d of cfg.diagnostics.filter((x) => x.severity === 'Error')) this.io.err(formatDiagnostic(d) + '\n');
    if (cfg.diagnostics.some((d) => PARSE_FAILURE_CODES.has(d.code))) throw new UserError('config could not be parsed (see above)', ExitCode.UnparseableInput);
    set = { snapshot: cfg.snapshot, model: buildMeshModel(cfg.snapshot), proxies: new Map() };
    for (const vs of cfg.snapshot.byKind('VirtualService')) {
      const spec = vs.spec ?? {};
      if (!(spec.hosts ?? []).length) continue; // delegates are covered through their root
      this.virtualServices.set(`${vs.ref.name}.${vs.ref.namespace}`, { namespace: vs.ref.namespace ?? 'default', name: vs.ref.name, http: spec.http ?? [] });
    }
    this.sets.set(key, set);
    return set;
  }

  /** `where` names the field that gave the proxy (`file:line: tests[2].proxy`); a pod the config lacks: exit 1. */
  proxyFor(set: LoadedSet, proxyArg: string, where: string): { compiled: CompiledProxy; ns: string; spec: ProxySpec } {
    let p = set.proxies.get(proxyArg);
    if (p) return p;
    let spec;
    try { spec = resolveProxy(set.model, parseProxySpec(proxyArg)); } catch (e) {
      if (e instanceof ProxySpecError) throw new UserError(`${where}: proxy ${proxyArg}: ${e.message}`, ExitCode.Failure);
      throw e;
    }
    p = { compiled: compileProxy(translateProxy(set.snapshot, spec)), ns: spec.namespace, spec };
    set.proxies.set(proxyArg, p);
    return p;
  }

  dump(path: string, shown: string): CompiledProxy {
    let c = this.dumps.get(path);
    if (!c) { c = compileDump(loadConfigDump(path, this.io, shown)); this.dumps.set(path, c); }
    return c;
  }
}

/** A test file's documents; a bad file is exit 65 with `file:line: field: problem`. */
function readTestFile(file: string, io: CliIO, shown: string): RouteTestDocument[] {
  const text = readInputText(file, io);
  try { return parseRouteTestText(text); } catch (e) {
    if (e instanceof RouteTestFormatError) throw new UserError(`${shown}${e.line ? `:${e.line}` : ''}: ${e.message}`, ExitCode.UnparseableInput);
    throw e;
  }
}

/** One line: where the request went (for failed tests). */
function traceSummary(r: TraceResult): string {
  const parts = [r.listener && `listener ${r.listener}`, r.virtualHost && `vhost ${r.virtualHost}`, r.route && `route ${r.route.name ?? `#${r.route.index}`}${r.route.virtualService ? ` (${r.route.virtualService})` : ''}`];
  const end = r.error ? `error ${r.error}` : r.redirect ? `redirect ${r.redirect.code} ${r.redirect.location}` : r.directResponse ? `direct response ${r.directResponse.status}` : r.clusters.map((c) => `${c.name}${r.clusters.length > 1 ? ` ${c.weight}` : ''}`).join(', ');
  return [...parts.filter(Boolean), end || 'no cluster'].join(' -> ');
}

export function registerTest(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('test')
    .description('Run route tests (YAML: requests and their expected routing) and report VirtualService route coverage')
    .argument('<files...>', 'route test files or directories of them')
    .option('--fail-under <pct>', 'exit 1 when route coverage is below this percentage')
    .option('-o, --output <format>', 'text | json', 'text')
    .option('-q, --quiet', 'print only failures and the summary', false)
    .action((files: string[], o: { failUnder?: string; output: string; quiet: boolean }) => {
      const format = parseChoice('--output', o.output, ['text', 'json'] as const);
      const failUnder = o.failUnder === undefined ? undefined : Number(o.failUnder);
      if (failUnder !== undefined && !(failUnder >= 0 && failUnder <= 100)) throw new UsageError('--fail-under must be a percentage 0-100');
      const runner = new Runner(io);
      const results: Array<{ file: string; name: string; passed: boolean; failures: string[] }> = [];
      for (const { file, shown } of testFiles(files, io.cwd)) {
        const base = dirname(file);
        for (const { spec, lineOf } of readTestFile(file, io, shown)) for (const t of spec.tests) {
          let compiled: CompiledProxy, ns = 'default', model: MeshModel | undefined, input: ProxyInput | undefined;
          if (spec.configDump) compiled = runner.dump(resolve(base, spec.configDump), isAbsolute(spec.configDump) ? spec.configDump : join(dirname(shown), spec.configDump));
          else {
            const set = runner.configSet(spec.config.map((p) => resolve(base, p)));
            const field = t.proxyField ?? `${t.where}.proxy`, line = lineOf(field);
            const p = runner.proxyFor(set, t.proxy!, `${shown}${line ? `:${line}` : ''}: ${field}`);
            ({ compiled, ns } = p);
            model = set.model;
            input = { config: compiled.config, model, proxy: p.spec };
          }
          const host = t.request.host ?? '';
          const req = { ...t.request, port: t.request.port || defaultPort(host, model, ns), address: t.request.address ?? (t.request.inbound ? input?.proxy?.ips[0] : defaultAddress(host, model, ns)) };
          const target = input ? gatewayTargetPort(input, req.port) : undefined;
          const r = traceCompiled(compiled, target ? { ...req, port: target } : req);
          if (r.route) runner.hits.push(r.route.envoy);
          const failures = checkExpectation(t.expect, r);
          results.push({ file: shown, name: t.name, passed: !failures.length, failures });
          if (format === 'text' && (!o.quiet || failures.length)) {
            io.out(`${failures.length ? 'FAIL' : 'PASS'}  ${shown}: ${t.name}\n`);
            for (const f of failures) io.out(`        ${f}\n`);
            if (failures.length) io.out(`        trace: ${traceSummary(r)}\n`);
          }
        }
      }
      const onlyDumps = runner.configSets === 0;
      const cov = onlyDumps ? null : routeCoverage([...runner.virtualServices.values()], runner.hits);
      const failed = results.filter((r) => !r.passed).length;
      const belowThreshold = failUnder !== undefined && (!cov || cov.percent < failUnder);
      if (format === 'json') {
        io.out(renderStructured({ tests: results, passed: results.length - failed, failed, coverage: cov }, 'json'));
      } else {
        io.out(`\n${results.length - failed} passed, ${failed} failed (${results.length} tests)\n`);
        if (!cov) io.out('route coverage: not available (config dumps do not list the VirtualServices; give config: paths)\n');
        else {
          io.out(`route coverage: ${cov.covered}/${cov.total} VirtualService http routes (${cov.percent}%)\n`);
          for (const u of cov.units.filter((x) => !x.covered)) io.out(`  not covered: VirtualService ${u.virtualService} ${u.label}\n`);
        }
        if (belowThreshold) io.out(cov ? `coverage ${cov.percent}% is below --fail-under ${failUnder}%\n` : '--fail-under cannot be met without coverage\n');
      }
      setExit(failed || belowThreshold ? ExitCode.Failure : ExitCode.OK);
    });
}
