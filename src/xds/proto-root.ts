import protobuf from 'protobufjs';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Envoy v3 API as protobufjs reflection, loaded once from the protos that ship in
 * `@grpc/grpc-js-xds/deps` (envoy-api, xds, googleapis, protoc-gen-validate). Every v3 file whose
 * imports resolve there is loaded (~345 files, ~0.4 s), so any `typed_config` Istio emits for a
 * filter, transport socket or LB policy in Envoy's API can be packed.
 */
const require = createRequire(import.meta.url);
export const PROTO_DEPS = join(dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
export const PROTO_INCLUDE_DIRS = ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) => join(PROTO_DEPS, d));

/** protobufjs ships google/protobuf/descriptor.proto (the other well-known types are built in). */
const PROTOBUFJS_DIR = dirname(require.resolve('protobufjs/package.json'));

function findProto(file: string): string | undefined {
  for (const dir of [...PROTO_INCLUDE_DIRS, PROTOBUFJS_DIR]) {
    const p = join(dir, file);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** protobufjs bundles google/protobuf/*; any other import must resolve in the include dirs. */
function loadableFiles(): string[] {
  const memo = new Map<string, boolean>();
  const loadable = (f: string): boolean => {
    if (f.startsWith('google/protobuf/')) return true;
    const known = memo.get(f);
    if (known !== undefined) return known;
    memo.set(f, true); // cycles: assume fine while visiting
    const p = findProto(f);
    const ok = !!p && [...readFileSync(p, 'utf8').matchAll(/^import (?:public )?"([^"]+)"/gm)].every((m) => loadable(m[1]));
    memo.set(f, ok);
    return ok;
  };
  const base = join(PROTO_DEPS, 'envoy-api');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.proto')) {
        const rel = p.slice(base.length + 1);
        if (/\/v3\//.test(rel) && loadable(rel)) out.push(rel);
      }
    }
  };
  walk(join(base, 'envoy'));
  // TypedStruct (used by EnvoyFilter patches and Istio's Wasm/stats filters) lives outside envoy-api.
  for (const extra of ['udpa/type/v1/typed_struct.proto', 'xds/type/v3/typed_struct.proto']) if (loadable(extra)) out.push(extra);
  return out;
}

let root: protobuf.Root | undefined;

/** The shared Root (lazy; loaded on first use). */
export function envoyRoot(): protobuf.Root {
  if (root) return root;
  const r = new protobuf.Root();
  r.resolvePath = (_origin: string, target: string) => findProto(target) ?? target;
  r.loadSync(loadableFiles(), { keepCase: true });
  r.resolveAll();
  root = r;
  return r;
}

/** `type.googleapis.com/envoy.config.listener.v3.Listener` → the message type, or undefined. */
export function typeForUrl(typeUrl: string): protobuf.Type | undefined {
  const name = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  try {
    return envoyRoot().lookupType(name);
  } catch {
    return undefined;
  }
}
