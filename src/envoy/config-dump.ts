import { TypeUrl, type Json, type ProxyConfig } from './types.ts';

/**
 * Envoy admin `/config_dump` (envoy.admin.v3.ConfigDump) <-> ProxyConfig.
 * A real Envoy's dump and Sluice's translation enter every inspect tool through `fromConfigDump`.
 */
export interface ConfigDumpOptions {
  /** version_info for dynamic resources (the xDS server passes its content hashes). */
  readonly versions?: Partial<Record<'listeners' | 'routes' | 'clusters' | 'endpoints', string>>;
  /** last_updated timestamp (omitted when absent: keeps translation output deterministic). */
  readonly lastUpdated?: string;
}

export function toConfigDump(pc: ProxyConfig, opts: ConfigDumpOptions = {}): Json {
  const v = opts.versions ?? {};
  const ts = opts.lastUpdated ? { last_updated: opts.lastUpdated } : {};
  const configs: Json[] = [];
  if (pc.bootstrap) configs.push({ '@type': TypeUrl.BootstrapConfigDump, bootstrap: pc.bootstrap, ...ts });
  configs.push({
    '@type': TypeUrl.ClustersConfigDump,
    ...(v.clusters ? { version_info: v.clusters } : {}),
    dynamic_active_clusters: pc.clusters.map((c) => ({ ...(v.clusters ? { version_info: v.clusters } : {}), cluster: { '@type': TypeUrl.Cluster, ...c }, ...ts })),
  });
  configs.push({
    '@type': TypeUrl.ListenersConfigDump,
    ...(v.listeners ? { version_info: v.listeners } : {}),
    dynamic_listeners: pc.listeners.map((l) => ({
      name: l.name,
      active_state: { ...(v.listeners ? { version_info: v.listeners } : {}), listener: { '@type': TypeUrl.Listener, ...l }, ...ts },
    })),
  });
  configs.push({
    '@type': TypeUrl.RoutesConfigDump,
    dynamic_route_configs: pc.routes.map((r) => ({ ...(v.routes ? { version_info: v.routes } : {}), route_config: { '@type': TypeUrl.RouteConfiguration, ...r }, ...ts })),
  });
  if (pc.secrets?.length) configs.push({ '@type': TypeUrl.SecretsConfigDump, dynamic_active_secrets: pc.secrets });
  configs.push({
    '@type': TypeUrl.EndpointsConfigDump,
    dynamic_endpoint_configs: pc.endpoints.map((e) => ({ ...(v.endpoints ? { version_info: v.endpoints } : {}), endpoint_config: { '@type': TypeUrl.ClusterLoadAssignment, ...e }, ...ts })),
  });
  return { configs };
}

export interface ParsedConfigDump extends ProxyConfig {
  /** Names of resources that came from the static part of the dump (bootstrap). */
  readonly staticNames: { readonly listeners: ReadonlySet<string>; readonly routes: ReadonlySet<string>; readonly clusters: ReadonlySet<string> };
  /** `@type`s Sluice does not read (kept for the report; never an error). */
  readonly unknownTypes: readonly string[];
  /** Warnings about the dump (v2 types, missing sections). */
  readonly warnings: readonly string[];
  /** The raw `configs` entries, by `@type`. */
  readonly raw: ReadonlyMap<string, Json>;
}

export class ConfigDumpError extends Error {}

const stripType = (o: Json | undefined): Json | undefined => {
  if (!o || typeof o !== 'object') return undefined;
  const { '@type': _t, ...rest } = o;
  return rest;
};

/** Read an Envoy admin config dump (already JSON-parsed). Throws ConfigDumpError for non-dumps. */
export function fromConfigDump(dump: unknown): ParsedConfigDump {
  if (!dump || typeof dump !== 'object' || !Array.isArray((dump as Json).configs)) {
    throw new ConfigDumpError('not an Envoy config dump: expected a JSON object with a "configs" array (from /config_dump)');
  }
  const raw = new Map<string, Json>();
  const unknownTypes: string[] = [];
  const warnings: string[] = [];
  for (const c of (dump as Json).configs as Json[]) {
    const t = c?.['@type'];
    if (typeof t !== 'string') { warnings.push('a configs entry has no @type; skipped'); continue; }
    if (t.includes('.admin.v2alpha.') || t.includes('.api.v2.')) warnings.push(`${t} is an Envoy v2 type; only v3 is read`);
    raw.set(t, c);
    if (!Object.values(TypeUrl).includes(t as any)) unknownTypes.push(t);
  }
  const ld = raw.get(TypeUrl.ListenersConfigDump), cd = raw.get(TypeUrl.ClustersConfigDump);
  const rd = raw.get(TypeUrl.RoutesConfigDump), ed = raw.get(TypeUrl.EndpointsConfigDump);
  const sd = raw.get(TypeUrl.SecretsConfigDump), bd = raw.get(TypeUrl.BootstrapConfigDump);
  for (const [name, sec] of [['listeners', ld], ['clusters', cd], ['routes', rd]] as const) if (!sec) warnings.push(`the dump has no ${name} section`);
  const staticListeners = (ld?.static_listeners ?? []).map((l: Json) => stripType(l.listener)).filter(Boolean) as Json[];
  const dynamicListeners = (ld?.dynamic_listeners ?? []).map((l: Json) => stripType(l.active_state?.listener ?? l.warming_state?.listener)).filter(Boolean) as Json[];
  const staticRoutes = (rd?.static_route_configs ?? []).map((r: Json) => stripType(r.route_config)).filter(Boolean) as Json[];
  const dynamicRoutes = (rd?.dynamic_route_configs ?? []).map((r: Json) => stripType(r.route_config)).filter(Boolean) as Json[];
  const staticClusters = (cd?.static_clusters ?? []).map((c: Json) => stripType(c.cluster)).filter(Boolean) as Json[];
  const dynamicClusters = [...(cd?.dynamic_active_clusters ?? []), ...(cd?.dynamic_warming_clusters ?? [])].map((c: Json) => stripType(c.cluster)).filter(Boolean) as Json[];
  const endpoints = [...(ed?.static_endpoint_configs ?? []), ...(ed?.dynamic_endpoint_configs ?? [])].map((e: Json) => stripType(e.endpoint_config)).filter(Boolean) as Json[];
  const secrets = [...(sd?.static_secrets ?? []), ...(sd?.dynamic_active_secrets ?? []), ...(sd?.dynamic_warming_secrets ?? [])];
  return {
    listeners: [...dynamicListeners, ...staticListeners] as any,
    routes: [...dynamicRoutes, ...staticRoutes] as any,
    clusters: [...dynamicClusters, ...staticClusters] as any,
    endpoints: endpoints as any,
    secrets,
    bootstrap: bd?.bootstrap,
    staticNames: {
      listeners: new Set(staticListeners.map((l) => l.name)),
      routes: new Set(staticRoutes.map((r) => r.name)),
      clusters: new Set(staticClusters.map((c) => c.name)),
    },
    unknownTypes,
    warnings,
    raw,
  };
}

/** Parse dump text; a clear ConfigDumpError for truncated or non-JSON input. */
export function parseConfigDumpText(text: string, file = 'config dump'): ParsedConfigDump {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigDumpError(`${file} is not valid JSON (${(e as Error).message}); is it truncated?`);
  }
  return fromConfigDump(json);
}
