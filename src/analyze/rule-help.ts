/**
 * One-sentence rule descriptions and documentation links for report formats (SARIF rules, JSON documentationUrl).
 * IST codes: the `description` field of Istio's msg/messages.yaml (IST0177 has none in the copy we read; ours is
 * written from its template). SLU000x: the first sentence of each check in docs/analyze.md. SLU10xx: the code
 * table in docs/validation.md. Pure data; no template placeholders.
 */
import { sluiceDocPath } from './messages.ts';

const ISTIO_DOCS = 'https://istio.io/latest/docs/reference/config/analysis';

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  IST0002: 'A feature that the configuration is depending on is now deprecated.',
  IST0101: 'A resource being referenced does not exist.',
  IST0102: 'A namespace is not enabled for Istio injection.',
  IST0103: 'A pod is missing the Istio proxy.',
  IST0106: 'The resource has a schema validation error.',
  IST0109: 'Conflicting hosts on VirtualServices associated with mesh gateway.',
  IST0110: 'A Sidecar resource selects the same workloads as another Sidecar resource.',
  IST0111: 'More than one sidecar resource in a namespace has no workload selector.',
  IST0112: 'A VirtualService routes to a service with more than one port exposed, but does not specify which to use.',
  IST0116: "The resulting pods of a service mesh deployment can't be associated with multiple services using the same port but different protocols.",
  IST0118: 'Port name is not under naming convention. Protocol detection is applied to the port.',
  IST0123: 'A namespace has more than one type of injection labels.',
  IST0126: 'A service registry in Mesh Networks is unknown.',
  IST0128: 'No caCertificates are set in DestinationRule, this results in no verification of presented server certificate.',
  IST0129: 'No caCertificates are set in DestinationRule, this results in no verification of presented server certificate for traffic to a given port.',
  IST0130: 'A VirtualService rule will never be used because a previous rule uses the same match.',
  IST0131: 'A VirtualService rule match duplicates a match in a previous rule.',
  IST0132: 'Host defined in VirtualService not found in Gateway.',
  IST0133: 'The resource has a schema validation warning.',
  IST0134: 'Virtual IP addresses are required for ports serving TCP (or unset) protocol when PILOT_ENABLE_IP_AUTOALLOCATE is not set on a proxy.',
  IST0137: 'Two services selecting the same workload with the same targetPort MUST refer to the same port.',
  IST0138: 'Duplicate certificate in multiple gateways may cause 404s if clients re-use HTTP2 connections.',
  IST0140: 'Route rules have no effect on ingress gateway requests.',
  IST0144: 'Application pods should not run as user ID (UID) 1337.',
  IST0145: 'Gateway should not have the same selector, port and matched hosts of server.',
  IST0146: 'Deployments with `image: auto` should be targeted for injection.',
  IST0147: 'Pods with `image: auto` should be targeted for injection.',
  IST0148: 'User namespace should be injectable if Istio is installed with enableNamespacesByDefault enabled and neither injection label is set.',
  IST0149: 'Virtual service using JWT claim based routing without request authentication.',
  IST0150: 'Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly for ExternalName services.',
  IST0158: 'The Istio proxy image of the pods running in the namespace do not match the image defined in the injection configuration.',
  IST0161: 'The credential provided for the Gateway resource is invalid.',
  IST0162: 'Gateway port not exposed by service.',
  IST0165: 'VirtualServices should not reference internal Gateways.',
  IST0167: 'The policy applied has no impact.',
  IST0171: 'A condition with a negative status is present.',
  IST0173: 'Subsets defined in destination does not select any pods.',
  IST0174: 'Host defined in destination rule does not match any services in the mesh.',
  IST0177: 'Several ServiceEntries define the same host and port with conflicting protocols.',
  SLU0001: 'An HTTP route can never match, because every one of its matches is covered by an earlier route.',
  SLU0002: 'Retries multiply load across a gateway route and the mesh route it calls, or repeat non-idempotent requests on 5xx-class failures.',
  SLU0003: 'perTryTimeout × attempts is not less than the route timeout, so the last retries can never run.',
  SLU0004: "A DestinationRule's TLS mode contradicts what the destination workloads accept (STRICT mTLS or no sidecar).",
  SLU0005: 'Outlier detection can eject every endpoint of the service or subset.',
  SLU0006: "A weighted split in a mesh-bound VirtualService sends part of its own host's traffic to a different host.",
  SLU0007: 'A VirtualService for an in-mesh service is bound only to gateways, so in-mesh callers bypass its rules.',
  SLU0008: 'A VirtualService or DestinationRule cannot be seen by the namespaces that call its host, so their sidecars ignore it.',
  SLU1001: 'A YAML or JSON document could not be parsed.',
  SLU1002: 'A document is not a mapping.',
  SLU1003: 'An object is missing apiVersion, kind or metadata.name.',
  SLU1004: 'An object has a kind Sluice does not use; it is kept and ignored.',
  SLU1005: 'A file is larger than the --max-file-size limit and was not read.',
  SLU1006: 'A file contains binary data, not YAML or JSON.',
  SLU1007: 'A path could not be read.',
  SLU1008: 'A directory contains no .yaml, .yml or .json file.',
  SLU1009: 'The same kind, namespace and name are defined twice; the first definition is used.',
  SLU1010: 'A field is not known to the resource schema; the object is kept.',
  SLU1011: 'A Kubernetes object has a field the API server would reject, in a field Sluice uses.',
  SLU1012: 'A Kubernetes object has a field the API server would reject, in a field Sluice does not depend on.',
  SLU1013: 'A known kind has an unknown apiVersion; the object is left out.',
  SLU1014: 'A sluice test route-test document among config files was skipped.',
  SLU1015: 'A mapping key is given twice; the last value is used.',
};

export interface RuleHelp {
  /** One sentence, no template verbs. */
  readonly description: string;
  /** Absolute documentation URL (Istio's page), when one exists. */
  readonly helpUri?: string;
  /** Repo-relative documentation path with anchor, for Sluice's own codes. */
  readonly docPath?: string;
}

/** Istio's analysis page without istioctl's `?ref=istioctl-analyze` tag: `https://istio.io/latest/docs/reference/config/analysis/ist0101/`. */
export function istioDocUrl(code: string): string {
  return `${ISTIO_DOCS}/${code.toLowerCase()}/`;
}

export function ruleHelp(code: string): RuleHelp {
  const description = DESCRIPTIONS[code] ?? `Finding ${code} of sluice analyze.`;
  if (code.startsWith('IST')) return { description, helpUri: istioDocUrl(code) };
  return { description, docPath: sluiceDocPath(code) };
}

/** Every code with a written description (for tests). */
export const DESCRIBED_CODES: readonly string[] = Object.keys(DESCRIPTIONS);
