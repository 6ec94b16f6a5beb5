import type { Json } from '../../envoy/types.ts';

/**
 * Access to an Envoy admin `/config_dump` as istioctl reads it (istioctl/pkg/util/configdump):
 * sections found by `@type`, the last entry of a type wins, field names accepted in snake_case
 * (what Envoy prints) and lowerCamelCase (what protojson and Go tests sometimes contain).
 */
export class InspectError extends Error {}

export const AdminType = {
  Bootstrap: 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
  Listeners: 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
  Clusters: 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
  Routes: 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
  Secrets: 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump',
  Endpoints: 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump',
  Ecds: 'type.googleapis.com/envoy.admin.v3.EcdsConfigDump',
} as const;

/** A parsed dump: the raw `configs` entries in dump order. */
export interface Dump {
  readonly configs: readonly Json[];
  /** The dump's text as given (`all -o json` prints it back). */
  readonly text?: string;
}

const camel = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** A field of a proto-JSON object under its snake_case or lowerCamelCase name. */
export function g(o: unknown, snake: string): any {
  if (!o || typeof o !== 'object') return undefined;
  const r = o as Json;
  if (r[snake] !== undefined) return r[snake];
  return r[camel(snake)];
}

/** A repeated field (missing → []). */
export function list(o: unknown, snake: string): any[] {
  const v = g(o, snake);
  return Array.isArray(v) ? v : [];
}

/** Parse dump text. `{}` is a dump with no sections (istioctl accepts it and reports missing sections). */
export function parseDump(text: string, file = 'config dump'): Dump {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InspectError(`${file} is not valid JSON (${(e as Error).message}); is it truncated, or not an Envoy /config_dump?`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new InspectError(`${file} is not an Envoy config dump: expected a JSON object with a "configs" array (from the admin /config_dump endpoint)`);
  }
  const configs = (json as Json).configs;
  if (configs !== undefined && !Array.isArray(configs)) throw new InspectError(`${file}: "configs" must be an array of typed sections`);
  return { configs: (configs ?? []).filter((c: unknown) => c && typeof c === 'object'), text };
}

/** The section of the given admin type; istioctl's "last one wins". Throws istioctl's message when absent. */
export function section(dump: Dump, type: string): Json {
  let found: Json | undefined;
  for (const c of dump.configs) if (c['@type'] === type) found = c;
  if (found) return found;
  const short = type.slice(type.lastIndexOf('.') + 1);
  const older = dump.configs.map((c) => String(c['@type'] ?? '')).find((t) => t.endsWith(`.${short}`) && t !== type);
  const hint = older ? ` (the dump has ${older}: an older Envoy API; Sluice reads envoy.admin.v3 dumps)` : '';
  throw new InspectError(`config dump has no configuration type ${type}${hint}`);
}

export function optionalSection(dump: Dump, type: string): Json | undefined {
  let found: Json | undefined;
  for (const c of dump.configs) if (c['@type'] === type) found = c;
  return found;
}

/** `@type` values in the dump that Sluice's views do not read (reported, never an error). */
export function unknownSectionTypes(dump: Dump): string[] {
  const known = new Set<string>([...Object.values(AdminType), 'type.googleapis.com/envoy.admin.v3.ScopedRoutesConfigDump']);
  return dump.configs.map((c) => String(c['@type'] ?? '(no @type)')).filter((t) => !known.has(t));
}

/** Go's strconv.Atoi: an optional sign and decimal digits that fit in int64; otherwise undefined. */
export function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return Number(n);
}
