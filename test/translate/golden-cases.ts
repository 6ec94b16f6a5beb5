/** Golden translation cases: one directory per case under testdata/translate (input.yaml, proxy.txt, expected YAML). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.ts';
import type { ProxyConfig } from '../../src/envoy/types.ts';
import { parseProxySpec } from '../../src/model/proxy-spec.ts';
import { meshModelFor, translateProxy } from '../../src/translate/index.ts';
import { resolveProxy } from '../../src/model/index.ts';
import { allRoutes, generateProxyless } from '../../src/translate/proxyless/index.ts';

export const GOLDEN_DIR = join(import.meta.dirname, '..', '..', 'testdata', 'translate');
export const SECTIONS = ['listeners', 'routes', 'clusters', 'endpoints'] as const;

export interface GoldenCase { readonly name: string; readonly dir: string }

export function goldenCases(): GoldenCase[] {
  return readdirSync(GOLDEN_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => ({ name: d.name, dir: join(GOLDEN_DIR, d.name) })).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * proxy.txt holds a proxy spec (`sidecar:NS[:k=v]`, `router:NS:k=v`, `pod/NAME.NS`), optionally prefixed by
 * `GENERATOR=grpc ` for a proxyless gRPC client (node metadata GENERATOR=grpc → src/translate/proxyless, as
 * src/xds/generators.ts picks it); its lazily built route configurations are all built for the golden.
 */
export function translateGolden(c: GoldenCase): ProxyConfig {
  const { snapshot } = loadConfig([join(c.dir, 'input.yaml')]);
  const text = readFileSync(join(c.dir, 'proxy.txt'), 'utf8').trim();
  const grpc = /^GENERATOR=grpc\s+/.exec(text);
  if (!grpc) return translateProxy(snapshot, parseProxySpec(text));
  const spec = resolveProxy(meshModelFor(snapshot), parseProxySpec(text.slice(grpc[0].length)));
  const pc = generateProxyless(snapshot, spec);
  return { listeners: pc.listeners, routes: allRoutes(pc), clusters: pc.clusters, endpoints: pc.endpoints };
}
