// schema.ValidationAnalyzer.<Kind> (Istio analyzers/schema/validation.go): the admission-webhook validation run
// as an analyzer — errors are IST0106, warnings IST0133, and for VirtualServices the two reachability warnings
// get their own codes, IST0130 and IST0131. The validation is Sluice's validator (src/config/validate,
// `schemaValidationFindings`), not reimplemented here; this wraps its findings as analyzer messages.
import type { Analyzer } from '../types.ts';
import { ALL_MESSAGE_TYPES, type MessageType } from '../messages.ts';
import { schemaValidationFindings } from '../../config/validate/index.ts';

const SCHEMA_KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup',
  'EnvoyFilter', 'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'] as const;

const BY_CODE = new Map(ALL_MESSAGE_TYPES.map((m) => [m.code, m]));

/** The validator's messages are already formatted with Istio's templates: pass them through. */
function preformatted(code: string, level: MessageType['level']): MessageType {
  const t = BY_CODE.get(code);
  return { code, name: t?.name ?? code, level: t?.level ?? level, template: '%s' };
}

function schemaAnalyzer(kind: string): Analyzer {
  return {
    meta: { name: `schema.ValidationAnalyzer.${kind}`, description: `Runs schema validation as an analyzer and reports any violations on ${kind}`, inputs: [kind] },
    analyze(ctx) {
      for (const o of ctx.objects(kind)) {
        for (const d of schemaValidationFindings([o], kind)) ctx.report(preformatted(d.code, d.severity), o, d.path, d.message);
      }
    },
  };
}

export const schemaAnalyzers: readonly Analyzer[] = SCHEMA_KINDS.map(schemaAnalyzer);
