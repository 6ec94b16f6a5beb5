import type { Json, Route } from '../envoy/types.ts';
import type { NormalizedRequest } from './types.ts';
import { compileHeaderMatcher, compileQueryMatcher, compileRegex, fractionalPercent, type HeaderCheck, type QueryCheck } from './matchers.ts';

/**
 * One Envoy route's match (config.route.v3.RouteMatch), compiled: the path check first (cheap), then
 * headers, query parameters, gRPC, TLS context and runtime fraction — Envoy's RouteEntryImplBase::matchRoute.
 */
export interface CompiledRoute {
  readonly index: number;
  readonly route: Route;
  readonly name: string | null;
  readonly pathKind: 'prefix' | 'path' | 'safe_regex' | 'path_separated_prefix' | 'unsupported';
  readonly caseSensitive: boolean;
  /** Literal every matching path starts with (lower-cased when case-insensitive); '' = no constraint. */
  readonly indexKey: string;
  readonly text: string;
  pathMatches(pathOnly: string): boolean;
  /** Fast check (no allocation): does the route match? */
  matches(req: NormalizedRequest): boolean;
  /** null when the route matches; else the first reason it does not. */
  mismatch(req: NormalizedRequest): string | null;
}

/** The literal prefix every full match of `pattern` must start with ('' when unsure). */
export function regexLiteralPrefix(pattern: string): string {
  if (pattern.includes('|')) return '';
  let i = pattern.startsWith('^') ? 1 : 0;
  let out = '';
  while (i < pattern.length) {
    const c = pattern[i];
    let lit: string | undefined;
    let next = i + 1;
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e !== undefined && /[^A-Za-z0-9]/.test(e)) { lit = e; next = i + 2; }
    } else if (!'.[]()*+?{}^$'.includes(c)) lit = c;
    if (lit === undefined) break;
    const q = pattern[next];
    if (q === '*' || q === '?' || q === '{') break; // the last literal is optional/repeated
    out += lit;
    i = next;
  }
  return out;
}

function pathCheck(m: Json): Pick<CompiledRoute, 'pathKind' | 'caseSensitive' | 'indexKey' | 'pathMatches'> & { text: string } {
  const cs = m.case_sensitive !== false;
  const fold = (s: string) => (cs ? s : s.toLowerCase());
  const ci = cs ? '' : ' (case-insensitive)';
  if (typeof m.prefix === 'string') {
    const p = fold(m.prefix);
    return { pathKind: 'prefix', caseSensitive: cs, indexKey: p, pathMatches: (x) => fold(x).startsWith(p), text: `prefix ${m.prefix}${ci}` };
  }
  if (typeof m.path === 'string') {
    const p = fold(m.path);
    return { pathKind: 'path', caseSensitive: cs, indexKey: p, pathMatches: (x) => fold(x) === p, text: `exact ${m.path}${ci}` };
  }
  if (typeof m.path_separated_prefix === 'string') {
    const p = fold(m.path_separated_prefix);
    return {
      pathKind: 'path_separated_prefix', caseSensitive: cs, indexKey: p,
      pathMatches: (x) => { const f = fold(x); return f === p || (f.startsWith(p) && f[p.length] === '/'); },
      text: `path-separated prefix ${m.path_separated_prefix}${ci}`,
    };
  }
  if (m.safe_regex) {
    const pattern = String(m.safe_regex.regex ?? '');
    try {
      const re = compileRegex(pattern);
      return { pathKind: 'safe_regex', caseSensitive: true, indexKey: regexLiteralPrefix(pattern), pathMatches: (x) => re.testExact(x), text: `regex ${pattern}` };
    } catch (e) {
      return { pathKind: 'safe_regex', caseSensitive: true, indexKey: '', pathMatches: () => false, text: `regex ${pattern} (invalid RE2: ${(e as Error).message})` };
    }
  }
  return { pathKind: 'unsupported', caseSensitive: true, indexKey: '', pathMatches: () => false, text: `unsupported path matcher (${Object.keys(m).join(', ')})` };
}

export function compileRoute(route: Route, index: number): CompiledRoute {
  const m: Json = route.match ?? {};
  const path = pathCheck(m);
  const headers: HeaderCheck[] = (m.headers ?? []).map(compileHeaderMatcher);
  const query: QueryCheck[] = (m.query_parameters ?? []).map(compileQueryMatcher);
  const grpc = !!m.grpc;
  const tlsCtx: Json | undefined = m.tls_context;
  const runtimePct = m.runtime_fraction ? fractionalPercent(m.runtime_fraction.default_value, 0) : undefined;
  const parts = [path.text, ...headers.map((h) => h.text), ...query.map((q) => q.text)];
  if (grpc) parts.push('grpc');
  if (runtimePct !== undefined) parts.push(`runtime fraction ${runtimePct}%`);
  const mismatch = (req: NormalizedRequest): string | null => {
    if (!path.pathMatches(req.pathOnly)) return `path ${req.pathOnly} does not match ${path.text}`;
    for (const h of headers) if (!h.test(req.headers)) return `${h.text} not satisfied (${h.name}: ${req.headers.get(h.name) ?? '<absent>'})`;
    for (const q of query) if (!q.test(req.query)) return `${q.text} not satisfied`;
    if (grpc && !(req.headers.get('content-type') ?? '').startsWith('application/grpc')) return 'not a gRPC request (content-type application/grpc*)';
    if (tlsCtx?.presented !== undefined && !!tlsCtx.presented !== (req.tls !== 'none')) return `TLS ${tlsCtx.presented ? 'required' : 'forbidden'} by tls_context`;
    if (tlsCtx?.validated !== undefined && !!tlsCtx.validated !== (req.tls === 'mtls')) return `validated client cert ${tlsCtx.validated ? 'required' : 'forbidden'} by tls_context`;
    if (runtimePct !== undefined && runtimePct <= 0) return 'runtime fraction is 0%';
    return null;
  };
  const matches = (req: NormalizedRequest): boolean => {
    if (!path.pathMatches(req.pathOnly)) return false;
    for (let i = 0; i < headers.length; i++) if (!headers[i].test(req.headers)) return false;
    if (query.length || grpc || tlsCtx || runtimePct !== undefined) return mismatch(req) === null;
    return true;
  };
  return {
    index, route, name: route.name ?? null,
    pathKind: path.pathKind, caseSensitive: path.caseSensitive, indexKey: path.indexKey,
    text: parts.join(', '), pathMatches: path.pathMatches, matches, mismatch,
  };
}

interface TrieNode { edge: string; readonly children: Map<string, TrieNode>; readonly routes: number[] }
const node = (edge = ''): TrieNode => ({ edge, children: new Map(), routes: [] });

/** Merge chains of single-child nodes without routes into one edge (a radix tree: fewer hops per lookup). */
function compress(n: TrieNode): void {
  for (const [k, child] of n.children) {
    let c = child;
    while (c.routes.length === 0 && c.children.size === 1) {
      const [only] = c.children.values();
      only.edge = c.edge + only.edge;
      c = only;
    }
    n.children.set(k, c);
    compress(c);
  }
}

/**
 * The route list of a virtual host, indexed: each route sits in a character trie under the literal its
 * path must start with (exact paths in a hash map), so a lookup only evaluates routes whose literal is a
 * prefix of the request path — in declaration order, so the first match wins exactly as in Envoy's linear scan.
 */
export class RouteTable {
  readonly routes: readonly CompiledRoute[];
  private readonly sensitive = node();
  private readonly insensitive = node();
  private readonly exact = new Map<string, number[]>();
  private readonly exactFolded = new Map<string, number[]>();
  private readonly hasInsensitive: boolean;

  constructor(routes: readonly Route[]) {
    this.routes = routes.map(compileRoute);
    let anyCi = false;
    for (const r of this.routes) {
      if (!r.caseSensitive) anyCi = true;
      if (r.pathKind === 'path') {
        const map = r.caseSensitive ? this.exact : this.exactFolded;
        const list = map.get(r.indexKey) ?? [];
        list.push(r.index);
        map.set(r.indexKey, list);
        continue;
      }
      let n = r.caseSensitive ? this.sensitive : this.insensitive;
      for (const ch of r.indexKey) {
        let c = n.children.get(ch);
        if (!c) { c = node(ch); n.children.set(ch, c); }
        n = c;
      }
      n.routes.push(r.index);
    }
    this.hasInsensitive = anyCi;
    compress(this.sensitive);
    compress(this.insensitive);
  }

  /** Indices of routes whose path literal fits `pathOnly`, ascending (declaration order). */
  candidates(pathOnly: string): number[] {
    const out: number[] = [];
    collect(this.sensitive, pathOnly, out);
    const ex = this.exact.get(pathOnly);
    if (ex) out.push(...ex);
    if (this.hasInsensitive) {
      const folded = pathOnly.toLowerCase();
      collect(this.insensitive, folded, out);
      const exf = this.exactFolded.get(folded);
      if (exf) out.push(...exf);
    }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  /** Index of the first matching route, or -1. */
  match(req: NormalizedRequest): number {
    const cands = this.candidates(req.pathOnly);
    for (let k = 0; k < cands.length; k++) if (this.routes[cands[k]].matches(req)) return cands[k];
    return -1;
  }
}

function collect(root: TrieNode, s: string, out: number[]): void {
  let n: TrieNode | undefined = root;
  for (let k = 0; k < n.routes.length; k++) out.push(n.routes[k]);
  let pos = 0;
  while (pos < s.length) {
    n = n.children.get(s[pos]);
    if (!n || !s.startsWith(n.edge, pos)) return;
    pos += n.edge.length;
    for (let k = 0; k < n.routes.length; k++) out.push(n.routes[k]);
  }
}
