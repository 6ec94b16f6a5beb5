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
import type { Kind, Opts, SourceOpts } from './proxy-config.ts';

// The implementation of `sluice proxy-config <view>` (registered, with its flags, in proxy-config.ts).

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

/** Each view's rendering, by view name (the views and their flags are in proxy-config.ts). */
const RENDERS: Record<string, Render> = {
  cluster: ({ dump }, o, f) => {
    const filter = { fqdn: o.fqdn, port: port(o.port), subset: o.subset, direction: o.direction };
    return f === 'short' ? clustersTable(dump!, filter) : protoList(selectClusters(dump!, filter), ProtoType.Cluster, f, envoyProtoSchema());
  },
  listener: ({ dump }, o, f) => {
    const filter = { address: o.address, port: port(o.port), type: o.type, verbose: o.verbose };
    return f === 'short' ? listenersTable(dump!, filter) : protoList(selectListeners(dump!, filter), ProtoType.Listener, f, envoyProtoSchema());
  },
  route: ({ dump }, o, f) => {
    const filter = { name: o.name, verbose: o.verbose };
    return f === 'short' ? routesTable(dump!, filter) : protoList(selectRoutes(dump!, filter), ProtoType.RouteConfiguration, f, envoyProtoSchema());
  },
  endpoint: ({ clusters }, o, f) => {
    const filter = { address: o.address, port: port(o.port), cluster: o.cluster, status: o.status };
    return f === 'short' ? endpointsTable(clusters!, filter) : protoList(selectClusterStatuses(clusters!, filter), ProtoType.ClusterStatus, f, envoyProtoSchema());
  },
  eds: ({ dump }, o, f) => {
    const filter = { address: o.address, port: port(o.port), cluster: o.cluster, status: o.status };
    return f === 'short' ? edsTable(dump!, filter) : protoList(selectEndpointConfigs(dump!, filter), ProtoType.ClusterLoadAssignment, f, envoyProtoSchema());
  },
  secret: ({ dump }, _o, f, io) => {
    if (f === 'short') return secretsTable(dump!, io.now());
    return protoDocument(optionalSection(dump!, AdminType.Secrets) ?? failMissing(AdminType.Secrets), ProtoType.SecretsConfigDump, f, envoyProtoSchema());
  },
  bootstrap: ({ dump }, _o, f) => (f === 'short' ? versionSummary(dump!) : protoDocument(bootstrapSection(dump!), ProtoType.BootstrapConfigDump, f, envoyProtoSchema())),
  ecds: ({ dump }, _o, f) => (f === 'short' ? ecdsTable(dump!) : protoDocument({ ecds_filters: ecdsFilters(dump!) }, ProtoType.EcdsConfigDump, f, envoyProtoSchema(), false)),
  all: ({ dump, translated }, o, f, io) => {
    if (f !== 'short') return rawDocument(dump!.text ?? '{}', f);
    return allSummary(dump!, { fqdn: o.fqdn, port: port(o.port), subset: o.subset, direction: o.direction, address: o.address, type: o.type, name: o.name, verbose: o.verbose, withHeaders: o.withHeaders }, io.now(), !!translated);
  },
};

function failMissing(type: string): never {
  throw new InspectError(`config dump has no configuration type ${type}`);
}

/** Load the view's source, render it and print it; returns the exit code. */
export async function runView(view: string, kind: Kind, paths: string[], o: Opts, format: 'short' | Structured, io: CliIO): Promise<number> {
  const src = await loadSource(kind, paths, o, io).catch((e: unknown) => {
    throw e instanceof InspectError ? new UserError(e.message, ExitCode.Failure) : e;
  });
  if (src.translated && (view === 'secret' || view === 'bootstrap')) {
    throw new UserError(`Sluice's translation has no ${view === 'secret' ? 'SDS secrets (istio-agent serves them to Envoy)' : 'bootstrap (istio-agent writes it)'}; use -f config_dump.json or --admin URL to see a real proxy's`, ExitCode.Failure);
  }
  try {
    io.out(RENDERS[view]!(src, o, format, io));
    return ExitCode.OK;
  } catch (e) {
    if (!(e instanceof InspectError)) throw e;
    const hint = src.translated && routerHint(src.translated);
    throw new UserError(hint ? `${e.message}: ${hint}` : e.message, ExitCode.Failure);
  }
}
