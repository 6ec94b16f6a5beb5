import { TypeUrl, type Json, type ProxyConfig, type RouteConfiguration } from '../envoy/types.ts';
import type { ParsedConfigDump } from '../envoy/config-dump.ts';
import { ListenerIndex } from './listener-match.ts';
import { ClusterIndex } from './cluster-info.ts';
import { CompiledRouteConfig } from './virtual-host-match.ts';

/**
 * A proxy's Envoy config compiled for matching: listeners by address:port, route configurations by name
 * (each compiled to a vhost index + per-vhost route tables on first use), clusters and endpoints by name.
 * Build once, trace many requests (the data-plane proxy does the same).
 */
export class CompiledProxy {
  readonly listeners: ListenerIndex;
  readonly clusters: ClusterIndex;
  private readonly routeConfigs = new Map<string, RouteConfiguration>();
  private readonly compiled = new Map<string, CompiledRouteConfig>();
  private readonly inline = new WeakMap<Json, CompiledRouteConfig>();

  /** False for a config dump captured without `?include_eds`: EDS clusters' endpoints are unknown, not absent. */
  readonly edsKnown: boolean;

  constructor(readonly config: ProxyConfig, opts: CompileOptions = {}) {
    this.edsKnown = opts.edsKnown ?? true;
    this.listeners = new ListenerIndex(config.listeners);
    this.clusters = new ClusterIndex(config.clusters, config.endpoints);
    for (const rc of config.routes) if (!this.routeConfigs.has(rc.name)) this.routeConfigs.set(rc.name, rc);
  }

  /** The RDS route configuration `name`, compiled (undefined when the proxy has none by that name). */
  routeConfig(name: string): CompiledRouteConfig | undefined {
    let c = this.compiled.get(name);
    if (!c) {
      const rc = this.routeConfigs.get(name);
      if (!rc) return undefined;
      c = new CompiledRouteConfig(rc);
      this.compiled.set(name, c);
    }
    return c;
  }

  /** An HCM's inline route_config, compiled once per object. */
  inlineRouteConfig(rc: Json): CompiledRouteConfig {
    let c = this.inline.get(rc);
    if (!c) { c = new CompiledRouteConfig(rc as RouteConfiguration); this.inline.set(rc, c); }
    return c;
  }

  routeConfigNames(): string[] { return [...this.routeConfigs.keys()]; }
}

export interface CompileOptions {
  /** Does the config carry EDS (default true; false for a /config_dump without an EndpointsConfigDump). */
  readonly edsKnown?: boolean;
}

export function compileProxy(config: ProxyConfig, opts: CompileOptions = {}): CompiledProxy {
  return new CompiledProxy(config, opts);
}

/** Compile a parsed /config_dump, noting whether it has an EDS section. */
export function compileDump(dump: ParsedConfigDump): CompiledProxy {
  return compileProxy(dump, { edsKnown: dump.raw.has(TypeUrl.EndpointsConfigDump) });
}
