/** Test fixtures: a mesh model and proxy view from small YAML strings (used by unit tests only). */
import { loadConfigFromText } from '../config/index.ts';
import { meshConfigFrom } from '../config/mesh-config.ts';
import type { MeshModel, ProxyView } from './types.ts';
import { buildMeshModel } from './mesh-model.ts';
import { proxyView } from './proxy-view.ts';
import { resolveProxy } from './resolve-proxy.ts';
import { parseProxySpec } from './proxy-spec.ts';

export function modelFrom(yaml: string, mesh?: string): MeshModel {
  const { snapshot, diagnostics } = loadConfigFromText([{ path: 'test.yaml', text: yaml }], mesh ? { meshConfig: meshConfigFrom(mesh) } : {});
  const errors = diagnostics.filter((d) => d.severity === 'Error');
  if (errors.length > 0) throw new Error(`fixture has errors: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return buildMeshModel(snapshot);
}

export function viewFrom(yaml: string, proxy = 'sidecar:default', mesh?: string): ProxyView {
  const model = modelFrom(yaml, mesh);
  return proxyView(model, resolveProxy(model, parseProxySpec(proxy)));
}
