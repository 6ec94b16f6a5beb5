import { Command, Option } from 'commander';
import { UsageError, type CliIO } from '../io.ts';
import { parseChoice } from '../output.ts';

// Only the views and flags live here: the inspect code and the Envoy protos are imported when a
// view runs (proxy-config-run.ts), so the other commands and `--help` do not pay for them.

export interface SourceOpts { file?: string; admin?: string; proxy?: string; timeout: string; namespace: string }
export interface Opts extends SourceOpts {
  output: string; fqdn?: string; port?: string; subset?: string; direction?: string; name?: string; type?: string;
  address?: string; verbose: boolean; cluster?: string; status?: string; withHeaders?: boolean;
}

export type Kind = 'config_dump' | 'clusters';
interface ViewSpec { name: string; aliases: string[]; hidden?: boolean; kind: Kind; desc: string; flags: string[]; defaultOutput?: string }

/** The views, their flags and default output; each view's rendering is in proxy-config-run.ts. */
export const VIEWS: readonly ViewSpec[] = [
  {
    name: 'cluster', aliases: ['clusters', 'c'], kind: 'config_dump', desc: 'clusters (SERVICE FQDN, PORT, SUBSET, DIRECTION, TYPE, DESTINATION RULE)',
    flags: ['fqdn', 'port', 'subset', 'direction'],
  },
  {
    name: 'listener', aliases: ['listeners', 'l'], kind: 'config_dump', desc: 'listeners (ADDRESSES, PORT, MATCH, DESTINATION)',
    flags: ['address', 'port', 'type', 'verbose'],
  },
  {
    name: 'route', aliases: ['routes', 'r'], kind: 'config_dump', desc: 'routes (NAME, VHOST NAME, DOMAINS, MATCH, VIRTUAL SERVICE)',
    flags: ['name', 'verbose'],
  },
  {
    name: 'endpoint', aliases: ['endpoints', 'ep'], kind: 'clusters', desc: 'endpoints from /clusters?format=json (ENDPOINT, STATUS, OUTLIER CHECK, CLUSTER)',
    flags: ['address', 'port', 'cluster', 'status'],
  },
  {
    name: 'eds', aliases: [], hidden: true, kind: 'config_dump', desc: 'endpoints from the config dump EDS section (NAME, STATUS, LOCALITY, CLUSTER)',
    flags: ['address', 'port', 'cluster', 'status'],
  },
  { name: 'secret', aliases: ['secrets', 's'], kind: 'config_dump', desc: 'SDS secrets (certificate validity, serial, dates)', flags: [] },
  { name: 'bootstrap', aliases: ['b'], kind: 'config_dump', desc: 'bootstrap config (-o short: Istio/Envoy versions)', flags: [], defaultOutput: 'json' },
  { name: 'ecds', aliases: ['ec'], hidden: true, kind: 'config_dump', desc: 'extension configs (ECDS NAME, TYPE)', flags: [] },
  {
    name: 'all', aliases: ['a'], kind: 'config_dump', desc: 'every view at once (bootstrap, clusters, listeners, routes, secrets, endpoints)',
    flags: ['fqdn', 'port', 'subset', 'direction', 'address', 'type', 'name', 'verbose', 'with-headers'],
  },
];

const FLAG_DEFS: Record<string, () => Option> = {
  fqdn: () => new Option('--fqdn <fqdn>', 'clusters whose name contains this FQDN'),
  port: () => new Option('--port <port>', 'only this port'),
  subset: () => new Option('--subset <subset>', 'clusters whose name contains this subset'),
  direction: () => new Option('--direction <direction>', 'clusters whose name contains this direction (inbound, outbound)'),
  address: () => new Option('--address <address>', 'only this address'),
  type: () => new Option('--type <type>', 'listener type: HTTP, TCP, HTTP+TCP or UNKNOWN'),
  name: () => new Option('--name <name>', 'route config with exactly this name'),
  verbose: () => new Option('--verbose [bool]', 'one row per filter chain / route (default true; --verbose=false for the summary)'),
  cluster: () => new Option('--cluster <cluster>', 'only this cluster'),
  status: () => new Option('--status <status>', 'only endpoints with this health status (healthy, unhealthy…)'),
  'with-headers': () => new Option('--with-headers', 'print a header line before each section'),
};

/** --verbose[=bool], parsed as Go's strconv.ParseBool (istioctl's flag); anything else is a usage error. */
const parseBool = (v: unknown): boolean => {
  if (v === undefined || v === true) return true;
  const s = String(v);
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(s)) return false;
  throw new UsageError(`--verbose must be true or false, got "${s}"`);
};

/**
 * `sluice proxy-config <view>`: istioctl's proxy-config tables and -o json|yaml, byte-identical,
 * over a config_dump file (-f), a live admin endpoint (--admin) or Sluice's translation (PATH… --proxy).
 */
export function registerProxyConfig(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const pc = program.command('proxy-config').alias('pc')
    .description("Show a proxy's Envoy config as istioctl proxy-config does: from a config_dump (-f), a live admin endpoint (--admin) or Sluice's translation (PATH… --proxy)");
  for (const v of VIEWS) {
    // copyInheritedSettings: exitOverride and the output writers, so a bad flag is exit 64 (not commander's process.exit(1)).
    const cmd = new Command(v.name).copyInheritedSettings(pc).aliases(v.aliases).description(v.desc)
      .argument('[paths...]', 'Istio/Kubernetes YAML to translate (with --proxy)')
      .option('-f, --file <file>', v.kind === 'clusters' ? 'Envoy /clusters?format=json output' : 'Envoy /config_dump JSON (- for stdin)')
      .option('--admin <url>', 'Envoy admin endpoint to fetch from, e.g. http://127.0.0.1:15000')
      .option('--proxy <proxy>', 'translate PATHs for this proxy: pod/NAME.NS, sidecar:NS[:k=v,…] or router:NS:k=v,…')
      .option('--timeout <ms>', 'admin request timeout', '5000')
      .option('-n, --namespace <ns>', 'namespace for objects that have none and for --proxy pod/NAME without .NS', 'default')
      .option('-o, --output <format>', 'short | json | yaml', v.defaultOutput ?? 'short');
    for (const flag of v.flags) cmd.addOption(FLAG_DEFS[flag]!());
    cmd.action(async (paths: string[], raw: Opts) => {
      const o = { ...raw, verbose: parseBool(raw.verbose) };
      const format = parseChoice('--output', o.output, ['short', 'json', 'yaml'] as const);
      const { runView } = await import('./proxy-config-run.ts');
      setExit(await runView(v.name, v.kind, paths, o, format, io));
    });
    pc.addCommand(cmd, { hidden: v.hidden });
  }
}
