import type { Json } from '../../envoy/types.ts';
import { canonicalMessage } from '../proto-json/canonical.ts';
import { goJson } from '../proto-json/go-json.ts';
import { goYaml } from '../proto-json/go-yaml.ts';
import type { ProtoSchema } from '../proto-json/schema.ts';

/** `-o json|yaml` of a list of protos: jsonpb per item, wrapped in [...], json.MarshalIndent 4 spaces. */
export type Structured = 'json' | 'yaml';

export const ProtoType = {
  Cluster: 'envoy.config.cluster.v3.Cluster',
  Listener: 'envoy.config.listener.v3.Listener',
  RouteConfiguration: 'envoy.config.route.v3.RouteConfiguration',
  ClusterLoadAssignment: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
  ClusterStatus: 'envoy.admin.v3.ClusterStatus',
  BootstrapConfigDump: 'envoy.admin.v3.BootstrapConfigDump',
  SecretsConfigDump: 'envoy.admin.v3.SecretsConfigDump',
  EcdsConfigDump: 'envoy.admin.v3.EcdsConfigDump',
} as const;

const stripType = (o: Json): Json => {
  const { '@type': _t, ...rest } = o;
  return rest;
};

export function protoList(items: readonly Json[], typeName: string, format: Structured, schema: ProtoSchema): string {
  const canonical = items.map((i) => canonicalMessage(schema, typeName, stripType(i)));
  return format === 'json' ? goJson(canonical, { indent: '    ' }) + '\n' : goYaml(canonical);
}

/**
 * One proto as a document: golang/protobuf jsonpb with Indent "    " (bootstrap, secret dumps;
 * `structQuirk` keeps its over-indented Struct bodies) or protojson Multiline (ecds: no quirk).
 */
export function protoDocument(item: Json, typeName: string, format: Structured, schema: ProtoSchema, structQuirk = true): string {
  const canonical = canonicalMessage(schema, typeName, stripType(item));
  return format === 'json' ? goJson(canonical, { indent: '    ', structQuirk }) + '\n' : goYaml(canonical);
}

/** `all -o json|yaml`: the dump itself (its bytes for json). */
export function rawDocument(text: string, format: Structured): string {
  return format === 'json' ? `${text}\n` : goYaml(JSON.parse(text));
}
