import type { FilterChain, Json, Listener, Route, VirtualHost } from '../envoy/types.ts';
import type { NormalizedRequest, Step, TraceErrorCode, TraceOptions, TraceRequest, TraceResult, Stage, RouteRef } from './types.ts';
import { normalizeRequest, stripPort, hostPort } from './request.ts';
import { CompiledProxy } from './compile.ts';
import { listenerInspectors } from './listener-match.ts';
import { selectFilterChain, type ChainInput } from './filter-chain-match.ts';
import { terminalFilter, tlsCheck, describeTls } from './network-filters.ts';
import { routeAction, describeFault } from './route-action.ts';
import { istioConfigPath, provenanceName } from './provenance.ts';
import { explainRoutes, routeLabel } from './explain-routes.ts';
import type { CompiledRouteConfig } from './virtual-host-match.ts';

export const ERROR_MESSAGES: Record<TraceErrorCode, string> = {
  invalid_request: 'invalid request: ALPN can only be sent on TLS connections',
  no_listener: 'no listener matched',
  no_filter_chain: 'no filter chains matched',
  multiple_filter_chains: 'multiple filter chains matched',
  tls_error: 'invalid TLS',
  mtls_error: 'invalid mTLS',
  protocol_error: 'protocol error',
  no_route_config: 'route configuration not found',
  no_virtual_host: 'no virtual host matched',
  tls_required: 'tls required, sending 301',
  no_route: 'no route matched',
  cluster_not_found: 'cluster not found',
  no_network_filter: 'no terminal network filter',
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function emptyResult(request: NormalizedRequest): Mutable<TraceResult> {
  return {
    request, listener: null, filterChain: null, networkFilter: null, routeConfig: null, virtualHost: null, route: null,
    clusterSpecifier: null, clusters: [], clusterDetails: [], redirect: null, directResponse: null, rewrite: null,
    requestHeadersToAdd: [], requestHeadersToRemove: [], responseHeadersToAdd: [],
    timeout: null, retryPolicy: null, fault: null, mirrors: [], error: null, errorMessage: null, steps: [],
  };
}

class Tracer {
  readonly r: Mutable<TraceResult>;
  private readonly steps: Step[] = [];
  constructor(readonly proxy: CompiledProxy, readonly req: NormalizedRequest, readonly opts: TraceOptions) { this.r = emptyResult(req); }

  step(stage: Stage, summary: string, details: readonly string[] = []): void { this.steps.push({ stage, summary, details }); }

  fail(code: TraceErrorCode, stage: Stage, why: string, details: readonly string[] = []): TraceResult {
    this.step(stage, `${ERROR_MESSAGES[code]}: ${why}`, details);
    this.r.error = code;
    this.r.errorMessage = ERROR_MESSAGES[code];
    return this.done();
  }

  done(): TraceResult { this.r.steps = this.steps; return this.r; }

  run(): TraceResult {
    const req = this.req;
    this.step('request', describeRequest(req));
    if (req.tls === 'none' && req.alpn.length) return this.fail('invalid_request', 'request', 'ALPN given on a plaintext connection');
    const sel = this.proxy.listeners.select(req);
    if (!sel.listener) return this.fail('no_listener', 'listener', `nothing for ${req.address}:${req.port}`, sel.why);
    this.r.listener = sel.listener.name;
    this.step('listener', `listener ${sel.listener.name}`, sel.why);
    return this.chain(sel.listener);
  }

  private chain(l: Listener): TraceResult {
    const req = this.req;
    const insp = listenerInspectors(l, req.port);
    let alpn = insp.tls ? req.alpn : [];
    if (insp.http && req.tls === 'none' && (req.protocol === 'http' || req.protocol === 'http2')) alpn = [req.protocol === 'http' ? 'http/1.1' : 'h2c'];
    const input: ChainInput = {
      port: req.port, address: req.address,
      sni: insp.tls ? req.sni : '',
      transport: insp.tls && req.tls !== 'none' ? 'tls' : 'raw_buffer',
      alpn,
    };
    this.step('listener_filters', `transport ${input.transport}, SNI ${input.sni || '<none>'}, ALPN ${alpn.join(',') || '<none>'}`, insp.why);
    const sel = selectFilterChain(l, input);
    if (!sel.chain) return this.fail(sel.error, 'filter_chain', `listener ${l.name}`, sel.why);
    const fc = sel.chain;
    this.r.filterChain = fc.name ?? '';
    this.step('filter_chain', `filter chain ${fc.name || '(unnamed)'}${sel.isDefault ? ' (default_filter_chain)' : ''}, ${describeTls(fc, req.mtlsSecretName)}`, sel.why);
    const tls = tlsCheck(fc, req);
    if (tls) return this.fail(tls.error, 'tls', tls.why);
    return this.network(fc);
  }

  private network(fc: FilterChain): TraceResult {
    const req = this.req;
    const nf = terminalFilter(fc);
    if (!nf) return this.fail('no_network_filter', 'network_filter', 'the chain has no network filters');
    if (nf.kind === 'other') {
      this.r.networkFilter = nf.name;
      this.step('network_filter', `network filter ${nf.name} (not simulated)`);
      return this.done();
    }
    this.r.networkFilter = nf.kind;
    if (nf.kind === 'tcp_proxy') return this.tcpProxy(nf.config);
    if (req.tls !== 'none' && !fc.transport_socket) return this.fail('protocol_error', 'network_filter', 'TLS bytes reach an HTTP connection manager that does not terminate TLS');
    if (req.protocol === 'tcp') return this.fail('protocol_error', 'network_filter', 'a non-HTTP connection reaches an HTTP connection manager');
    return this.http(nf.config);
  }

  private tcpProxy(cfg: Json): TraceResult {
    if (typeof cfg.cluster === 'string') {
      this.r.clusterSpecifier = 'tcp_proxy';
      this.r.clusters = [{ name: cfg.cluster, weight: 100, found: this.proxy.clusters.has(cfg.cluster) }];
    } else if (cfg.weighted_clusters) {
      this.r.clusterSpecifier = 'tcp_proxy_weighted';
      this.r.clusters = (cfg.weighted_clusters.clusters ?? []).map((c: Json) => ({ name: String(c.name), weight: Number(c.weight ?? 0), found: this.proxy.clusters.has(String(c.name)) }));
    }
    this.step('network_filter', `tcp_proxy (stat_prefix ${cfg.stat_prefix ?? '-'}) -> ${this.r.clusters.map((c) => c.name).join(', ') || 'no cluster'}`);
    return this.clusters();
  }

  private http(hcm: Json): TraceResult {
    const req = this.req;
    let rc: CompiledRouteConfig | undefined;
    if (hcm.route_config) {
      rc = this.proxy.inlineRouteConfig(hcm.route_config);
      this.step('network_filter', 'http_connection_manager with an inline route configuration');
    } else if (hcm.rds) {
      const name = String(hcm.rds.route_config_name ?? '');
      this.r.routeConfig = name;
      rc = this.proxy.routeConfig(name);
      this.step('network_filter', `http_connection_manager, RDS route configuration ${name}`);
      if (!rc) return this.fail('no_route_config', 'route_config', `the proxy has no route configuration named ${name}`);
    } else return this.fail('no_route_config', 'route_config', 'the HTTP connection manager has neither rds nor route_config (scoped routes are not simulated)');
    let host = req.host;
    const port = hostPort(host);
    if (hcm.strip_any_host_port || (hcm.strip_matching_host_port && port === req.port)) host = stripPort(host);
    const vm = rc.matchVirtualHost(host);
    if (!vm) {
      const domains = rc.virtualHosts.flatMap((v) => v.domains ?? []);
      return this.fail('no_virtual_host', 'virtual_host', `no domain matches ${rc.lookupHost(host) || '<empty host>'}`, [
        `domains: ${domains.slice(0, 12).join(', ')}${domains.length > 12 ? `, … (${domains.length} in all)` : ''}`,
        'Envoy answers 404 (NR): no virtual host of this route configuration serves the host',
      ]);
    }
    const vh = rc.virtualHosts[vm.index];
    this.r.virtualHost = vh.name;
    const vhWhy = [`${vm.kind === 'exact' ? 'exact domain' : vm.kind === 'any' ? 'catch-all domain' : `longest ${vm.kind} wildcard`} ${vm.domain} matches host ${rc.lookupHost(host)}`];
    if (vm.kind === 'any' && (vh.name === 'allow_any' || vh.name === 'block_all')) {
      vhWhy.push(`no virtual host names ${stripPort(host) || 'this host'}: Istio's ${vh.name} catch-all applies. If it is a mesh service, this proxy cannot see it (Sidecar egress hosts, exportTo) or it has no port ${req.port}`);
    }
    this.step('virtual_host', `virtual host ${vh.name}`, vhWhy);
    if (requiresTlsRedirect(vh, req)) {
      this.r.redirect = { scheme: 'https', code: 301, location: `https://${stripPort(req.host)}${req.path}` };
      return this.fail('tls_required', 'virtual_host', `virtual host ${vh.name} has require_tls ${vh.require_tls} and the request is plaintext`);
    }
    return this.route(rc, vm.index, vh);
  }

  private route(rc: CompiledRouteConfig, vhIndex: number, vh: VirtualHost): TraceResult {
    const table = rc.routeTable(vhIndex);
    const idx = table.match(this.req);
    const why = this.opts.explain === false ? [] : explainRoutes(table, this.req, idx);
    if (idx < 0) return this.fail('no_route', 'route', `none of the ${table.routes.length} routes of ${vh.name} match`, [...why, 'Envoy answers 404 (NR)']);
    const cr = table.routes[idx];
    const config = istioConfigPath(cr.route);
    const ref: RouteRef = { name: cr.name, match: cr.text, virtualService: provenanceName(cr.route), config, index: idx, envoy: cr.route };
    this.r.route = ref;
    this.step('route', `${routeLabel(cr)} matched${ref.virtualService && cr.name ? ` (VirtualService ${ref.virtualService})` : ''}`, why);
    return this.action(rc, vh, cr.route);
  }

  private action(rc: CompiledRouteConfig, vh: VirtualHost, route: Route): TraceResult {
    const out = routeAction(route, vh, rc.config, this.req);
    Object.assign(this.r, {
      clusterSpecifier: out.clusterSpecifier, redirect: out.redirect, directResponse: out.directResponse, rewrite: out.rewrite,
      timeout: out.timeout, retryPolicy: out.retryPolicy, fault: out.fault, mirrors: out.mirrors,
      requestHeadersToAdd: out.requestHeadersToAdd, requestHeadersToRemove: out.requestHeadersToRemove, responseHeadersToAdd: out.responseHeadersToAdd,
    });
    this.r.clusters = out.clusters.map((c) => ({ ...c, found: this.proxy.clusters.has(c.name) }));
    const lines: string[] = [...out.notes];
    if (out.redirect) lines.push(`redirect ${out.redirect.code} to ${out.redirect.location}`);
    if (out.directResponse) lines.push(`direct response ${out.directResponse.status}${out.directResponse.body !== undefined ? ` body ${JSON.stringify(out.directResponse.body)}` : ''}`);
    if (out.rewrite) lines.push(`rewrite ${Object.entries(out.rewrite).map(([k, v]) => `${k} -> ${v}`).join(', ')}`);
    if (out.timeout) lines.push(`timeout ${out.timeout}${out.timeout === '0s' ? ' (disabled)' : ''}`);
    if (out.retryPolicy) lines.push(`retries ${out.retryPolicy.num_retries ?? 1} on ${out.retryPolicy.retry_on ?? '-'}`);
    if (out.fault) lines.push(`fault injection: ${describeFault(out.fault)}`);
    for (const m of out.mirrors) lines.push(`mirror ${m.percentage}% to ${m.cluster}`);
    for (const h of out.requestHeadersToAdd) lines.push(`request header ${h.append ? 'append' : 'set'} ${h.name}: ${h.value}`);
    for (const h of out.requestHeadersToRemove) lines.push(`request header remove ${h}`);
    for (const h of out.responseHeadersToAdd) lines.push(`response header ${h.append ? 'append' : 'set'} ${h.name}: ${h.value}`);
    const summary = out.redirect ? `redirect ${out.redirect.code}` : out.directResponse ? `direct response ${out.directResponse.status}`
      : out.clusters.length === 1 ? `to cluster ${out.clusters[0].name}` : out.clusters.length ? `split ${out.clusters.map((c) => `${c.name} ${c.weight}`).join(', ')}` : 'no cluster';
    this.step('action', summary, lines);
    return this.clusters();
  }

  private clusters(): TraceResult {
    const refs = this.r.clusters;
    this.r.clusterDetails = refs.map((c) => this.proxy.clusters.detail(c.name));
    for (const d of this.r.clusterDetails) {
      const eps = d.endpoints;
      const details = d.found ? [
        `type ${d.type}, lb ${d.lbPolicy}${d.destinationRule ? `, DestinationRule ${d.destinationRule}` : ''}`,
        eps.length ? `endpoints: ${eps.slice(0, 8).map((e) => `${e.address}${e.health !== 'HEALTHY' ? ` (${e.health})` : ''}`).join(', ')}${eps.length > 8 ? `, … (${eps.length})` : ''}`
          : d.type === 'EDS' && !this.proxy.edsKnown ? 'endpoints unknown: the dump has no EDS section (captured without /config_dump?include_eds)' : 'no endpoints',
      ] : [`the proxy has no such cluster: Envoy answers ${notFoundStatus(this.r.route?.envoy)} (NC, no cluster)`];
      this.step('cluster', `cluster ${d.name}${d.found ? '' : ' NOT FOUND'}`, details);
    }
    if (refs.length && refs.every((c) => !c.found)) return this.fail('cluster_not_found', 'cluster', refs.length === 1 ? 'the route\'s cluster is not in CDS' : 'none of the route\'s clusters is in CDS');
    if (this.r.clusterSpecifier === 'cluster_header' && !refs.length) return this.fail('cluster_not_found', 'cluster', 'the cluster header is absent');
    return this.done();
  }
}

/** The route action's `cluster_not_found_response_code` (Gateway API routes use 500); Envoy's default is 503. */
function notFoundStatus(route: Route | undefined): number {
  const code = route?.route?.cluster_not_found_response_code;
  return code === 'INTERNAL_SERVER_ERROR' ? 500 : code === 'NOT_FOUND' ? 404 : 503;
}

function requiresTlsRedirect(vh: VirtualHost, req: NormalizedRequest): boolean {
  if (req.tls !== 'none') return false;
  if (vh.require_tls === 'ALL') return true;
  return vh.require_tls === 'EXTERNAL_ONLY' && req.headers.get('x-envoy-internal') !== 'true';
}

function describeRequest(req: NormalizedRequest): string {
  const proto = req.protocol === 'tcp' ? 'TCP connection' : `${req.method} ${req.scheme}://${req.host || '<no host>'}${req.path}`;
  const tls = req.tls === 'none' ? 'plaintext' : req.tls === 'mtls' ? 'Istio mTLS' : `TLS${req.sni ? ` SNI ${req.sni}` : ''}`;
  return `${proto} to ${req.address}:${req.port} (${req.inbound ? 'inbound, ' : ''}${tls}${req.alpn.length ? `, ALPN ${req.alpn.join(',')}` : ''})`;
}

/** Trace one request through a compiled proxy. Pure: same config and request, same result. */
export function traceCompiled(proxy: CompiledProxy, request: TraceRequest, opts: TraceOptions = {}): TraceResult {
  return new Tracer(proxy, normalizeRequest(request), opts).run();
}
