import { Command, Option } from 'commander';
import { ExitCode } from '../../core/diagnostic.ts';
import type { Json } from '../../envoy/types.ts';
import { InspectError, g, list, type Dump } from '../../inspect/proxy-config/dump.ts';
import { clustersTable, dumpClusters, selectClusters } from '../../inspect/proxy-config/clusters.ts';
import { listenersTable, selectListeners } from '../../inspect/proxy-config/listeners.ts';
import { routesTable, selectRoutes } from '../../inspect/proxy-config/routes.ts';
import { edsTable, selectEndpointConfigs, dumpEndpointConfigs } from '../../inspect/proxy-config/eds.ts';
import { endpointsTable, parseClustersStatus, selectClusterStatuses, type ClustersStatus } from '../../inspect/proxy-config/endpoints.ts';
import { secretsTable } from '../../inspect/proxy-config/secrets.ts';
import { bootstrapSection, ecdsFilters, ecdsTable, versionSummary } from '../../inspect/proxy-config/bootstrap.ts';
import { allSummary } from '../../inspect/proxy-config/all.ts';
import { optionalSection, AdminType } from '../../inspect/proxy-config/dump.ts';
import { protoDocument, protoList, rawDocument, ProtoType, type Structured } from '../../inspect/proxy-config/structured.ts';
import { envoyProtoSchema } from '../envoy-protos.ts';
import { fetchAdmin, dumpOf, parseDumpOrFail, readTextFile, routerHint, translateFromPaths, type Translated } from '../proxy-source.ts';
import { UsageError, UserError, type CliIO } from '../io.ts';
import { parseChoice } from '../output.ts';

/**
 * `sluice proxy-config <view>`: istioctl's proxy-config tables and -o json|yaml, byte-identical,
 * over a config_dump file (-f), a live admin endpoint (--admin) or Sluice's translation (PATH… --proxy).
 */
interface SourceOpts { file?: string; admin?: string; proxy?: string; timeout: string; namespace: string }
interface Opts extends SourceOpts {
  output: string; fqdn?: string; port?: string; subset?: string; direction?: string; name?: string; type?: string;
  address?: string; verbose: boolean; cluster?: string; status?: string; withHeaders?: boolean;
}

type Kind = 'config_dump' | 'clusters';
interface Source { dump?: Dump; clusters?: ClustersStatus; translated?: Translated }

async function loadSource(kind: Kind, paths: string[], o: SourceOpts, io: CliIO): Promise<Source> {
  const given = [o.file !== undefined, o.admin !== undefined, o.proxy !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one source: -f/--file FILE, --admin URL, or PATH… --proxy PROXY');
  if (paths.length && !o.proxy) throw new UsageError(`config paths (${paths.join(' ')}) need --proxy PROXY to say which proxy to translate`);
  if (o.file !== undefined) {
    const text = readTextFile(o.file, io);
    const label = o.file === '-' ? 'stdin' : o.file;
    if (kind === 'clusters' && isConfigDump(text)) return { clusters: clustersFromDumpFile(parseDumpOrFail(text, label), label) };
    return kind === 'clusters' ? { clusters: parseClustersStatus(text, label) } : { dump: parseDumpOrFail(text, label) };
  }
  if (o.admin !== undefined) {
    const timeout = Number(o.timeout);
    // 2^31-1 ms (~24.8 days) is the longest timer Node can arm.
    if (!Number.isInteger(timeout) || timeout <= 0 || timeout > 2 ** 31 - 1) throw new UsageError(`--timeout must be a whole number of milliseconds, 1-${2 ** 31 - 1}, got "${o.timeout}"`);
    const path = kind === 'clusters' ? 'clusters?format=json' : 'config_dump?include_eds';
    const text = await fetchAdmin(o.admin, path, timeout);
    return kind === 'clusters' ? { clusters: parseClustersStatus(text, `${o.admin}/${path}`) } : { dump: parseDumpOrFail(text, `${o.admin}/${path}`) };
  }
  const t = translateFromPaths(paths, o.proxy!, io, o.namespace);
  const dump = dumpOf(t.config);
  return kind === 'clusters' ? { clusters: clustersFromEds(dump), translated: t } : { dump, translated: t };
}

/** Does this text look like a /config_dump (a JSON object with "configs") rather than /clusters output? */
function isConfigDump(text: string): boolean {
  try {
    const json: unknown = JSON.parse(text);
    return !!json && typeof json === 'object' && !Array.isArray(json) && 'configs' in json;
  } catch { return false; }
}

/**
 * `proxy-config endpoints -f config_dump.json`: istioctl wants /clusters?format=json here; Sluice
 * (deliberately more forgiving) reads the dump's EDS section instead (captured with ?include_eds).
 */
function clustersFromDumpFile(dump: Dump, label: string): ClustersStatus {
  if (!optionalSection(dump, AdminType.Endpoints)) {
    throw new UserError(`${label} is a /config_dump without an EDS section: capture it with /config_dump?include_eds, or give /clusters?format=json output`, ExitCode.Failure);
  }
  return clustersFromEds(dump);
}

/**
 * For translated config there is no /clusters: synthesize it from EDS plus the inline load_assignment of
 * STATIC / STRICT_DNS / LOGICAL_DNS clusters (which Envoy's /clusters lists too; a DNS host shows by name,
 * as no resolution happens here).
 */
function clustersFromEds(dump: Dump): ClustersStatus {
  const inline = (optionalSection(dump, AdminType.Clusters) ? dumpClusters(dump) : [])
    .map((c: Json) => g(c, 'load_assignment'))
    .filter((cla: Json) => cla && list(cla, 'endpoints').length);
  return {
    cluster_statuses: [...dumpEndpointConfigs(dump), ...inline].map((cla: Json) => ({
      name: g(cla, 'cluster_name'),
      host_statuses: list(cla, 'endpoints').flatMap((loc: Json) => list(loc, 'lb_endpoints').map((lbe: Json) => ({
        address: g(g(lbe, 'endpoint'), 'address'),
        health_status: { eds_health_status: g(lbe, 'health_status') ?? 'HEALTHY' },
      }))),
    })),
  };
}

const port = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port must be a port number 0-65535, got "${v}"`);
  return Number(v);
};

type Render = (src: Source, o: Opts, format: 'short' | Structured, io: CliIO) => string;

const VIEWS: { name: string; aliases: string[]; hidden?: boolean; kind: Kind; desc: string; flags: string[]; defaultOutput?: string; render: Render }[] = [
  {
    name: 'cluster', aliases: ['clusters', 'c'], kind: 'config_dump', desc: 'clusters (SERVICE FQDN, PORT, SUBSET, DIRECTION, TYPE, DESTINATION RULE)',
    flags: ['fqdn', 'port', 'subset', 'direction'],
    render: ({ dump }, o, f) => {
      const filter = { fqdn: o.fqdn, port: port(o.port), subset: o.subset, direction: o.direction };
      return f === 'short' ? clustersTable(dump!, filter) : protoList(selectClusters(dump!, filter), ProtoType.Cluster, f, envoyProtoSchema());
    },
  },
  {
    name: 'listener', aliases: ['listeners', 'l'], kind: 'config_dump', desc: 'listeners (ADDRESSES, PORT, MATCH, DESTINATION)',
    flags: ['address', 'port', 'type', 'verbose'],
    render: ({ dump }, o, f) => {
      const filter = { address: o.address, port: port(o.port), type: o.type, verbose: o.verbose };
      return f === 'short' ? listenersTable(dump!, filter) : protoList(selectListeners(dump!, filter), ProtoType.Listener, f, envoyProtoSchema());
    },
  },
  {
    name: 'route', aliases: ['routes', 'r'], kind: 'config_dump', desc: 'routes (NAME, VHOST NAME, DOMAINS, MATCH, VIRTUAL SERVICE)',
    flags: ['name', 'verbose'],
    render: ({ dump }, o, f) => {
      const filter = { name: o.name, verbose: o.verbose };
      return f === 'short' ? routesTable(dump!, filter) : protoList(selectRoutes(dump!, filter), ProtoType.RouteConfiguration, f, envoyProtoSchema());
    },
  },
  {
    name: 'endpoint', aliases: ['endpoints', 'ep'], kind: 'clusters', desc: 'endpoints from /clusters?format=json (ENDPOINT, STATUS, OUTLIER CHECK, CLUSTER)',
    flags: ['address', 'port', 'cluster', 'status'],
    render: ({ clusters }, o, f) => {
      const filter = { address: o.address, port: port(o.port), cluster: o.cluster, status: o.status };
      return f === 'short' ? endpointsTable(clusters!, filter) : protoList(selectClusterStatuses(clusters!, filter), ProtoType.ClusterStatus, f, envoyProtoSchema());
    },
  },
  {
    name: 'eds', aliases: [], hidden: true, kind: 'config_dump', desc: 'endpoints from the config dump EDS section (NAME, STATUS, LOCALITY, CLUSTER)',
    flags: ['address', 'port', 'cluster', 'status'],
    render: ({ dump }, o, f) => {
      const filter = { address: o.address, port: port(o.port), cluster: o.cluster, status: o.status };
      return f === 'short' ? edsTable(dump!, filter) : protoList(selectEndpointConfigs(dump!, filter), ProtoType.ClusterLoadAssignment, f, envoyProtoSchema());
    },
  },
  {
    name: 'secret', aliases: ['secrets', 's'], kind: 'config_dump', desc: 'SDS secrets (certificate validity, serial, dates)', flags: [],
    render: ({ dump }, _o, f, io) => {
      if (f === 'short') return secretsTable(dump!, io.now());
      return protoDocument(optionalSection(dump!, AdminType.Secrets) ?? failMissing(AdminType.Secrets), ProtoType.SecretsConfigDump, f, envoyProtoSchema());
    },
  },
  {
    name: 'bootstrap', aliases: ['b'], kind: 'config_dump', desc: 'bootstrap config (-o short: Istio/Envoy versions)', flags: [], defaultOutput: 'json',
    render: ({ dump }, _o, f) => (f === 'short' ? versionSummary(dump!) : protoDocument(bootstrapSection(dump!), ProtoType.BootstrapConfigDump, f, envoyProtoSchema())),
  },
  {
    name: 'ecds', aliases: ['ec'], hidden: true, kind: 'config_dump', desc: 'extension configs (ECDS NAME, TYPE)', flags: [],
    render: ({ dump }, _o, f) => (f === 'short' ? ecdsTable(dump!) : protoDocument({ ecds_filters: ecdsFilters(dump!) }, ProtoType.EcdsConfigDump, f, envoyProtoSchema(), false)),
  },
  {
    name: 'all', aliases: ['a'], kind: 'config_dump', desc: 'every view at once (bootstrap, clusters, listeners, routes, secrets, endpoints)',
    flags: ['fqdn', 'port', 'subset', 'direction', 'address', 'type', 'name', 'verbose', 'with-headers'],
    render: ({ dump, translated }, o, f, io) => {
      if (f !== 'short') return rawDocument(dump!.text ?? '{}', f);
      return allSummary(dump!, { fqdn: o.fqdn, port: port(o.port), subset: o.subset, direction: o.direction, address: o.address, type: o.type, name: o.name, verbose: o.verbose, withHeaders: o.withHeaders }, io.now(), !!translated);
    },
  },
];

function failMissing(type: string): never {
  throw new InspectError(`config dump has no configuration type ${type}`);
}

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
      const src = await loadSource(v.kind, paths, o, io).catch((e: unknown) => {
        throw e instanceof InspectError ? new UserError(e.message, ExitCode.Failure) : e;
      });
      if (src.translated && (v.name === 'secret' || v.name === 'bootstrap')) {
        throw new UserError(`Sluice's translation has no ${v.name === 'secret' ? 'SDS secrets (istio-agent serves them to Envoy)' : 'bootstrap (istio-agent writes it)'}; use -f config_dump.json or --admin URL to see a real proxy's`, ExitCode.Failure);
      }
      try {
        io.out(v.render(src, o, format, io));
        setExit(ExitCode.OK);
      } catch (e) {
        if (!(e instanceof InspectError)) throw e;
        const hint = src.translated && routerHint(src.translated);
        throw new UserError(hint ? `${e.message}: ${hint}` : e.message, ExitCode.Failure);
      }
    });
    pc.addCommand(cmd, { hidden: v.hidden });
  }
}
