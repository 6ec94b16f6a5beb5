/** Golden translation cases: one directory per case under testdata/translate (input.yaml, proxy.txt, expected YAML). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.ts';
import type { ProxyConfig } from '../../src/envoy/types.ts';
import { parseProxySpec } from '../../src/model/proxy-spec.ts';
import { translateProxy } from '../../src/translate/index.ts';

export const GOLDEN_DIR = join(import.meta.dirname, '..', '..', 'testdata', 'translate');
export const SECTIONS = ['listeners', 'routes', 'clusters', 'endpoints'] as const;

export interface GoldenCase { readonly name: string; readonly dir: string }

export function goldenCases(): GoldenCase[] {
  return readdirSync(GOLDEN_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => ({ name: d.name, dir: join(GOLDEN_DIR, d.name) })).sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function translateGolden(c: GoldenCase): ProxyConfig {
  const { snapshot } = loadConfig([join(c.dir, 'input.yaml')]);
  const proxy = readFileSync(join(c.dir, 'proxy.txt'), 'utf8').trim();
  return translateProxy(snapshot, parseProxySpec(proxy));
}
