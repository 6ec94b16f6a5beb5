// schema.ValidationAnalyzer.<Kind> (Istio analyzers/schema/validation.go): the admission-webhook validation run
// as an analyzer. Errors → IST0106, warnings → IST0133; for VirtualServices the two special validation warnings
// get their own codes, IST0130 and IST0131 (vs-unreachable-rules.ts). The validation itself is Sluice's validator
// (src/config/validate), not reimplemented here.
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { validateObject } from '../../config/validate/index.ts';
import { reportUnreachableRules } from './vs-unreachable-rules.ts';

const SCHEMA_KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup',
  'EnvoyFilter', 'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'] as const;

/** Codes the validator may emit for the unreachable-rule checks; the analyzer reports those itself. */
const OWN_CODES = new Set([Msg.VirtualServiceUnreachableRule.code, Msg.VirtualServiceIneffectiveMatch.code]);

function schemaAnalyzer(kind: string): Analyzer {
  return {
    meta: { name: `schema.ValidationAnalyzer.${kind}`, description: `Runs schema validation as an analyzer and reports any violations on ${kind}`, inputs: [kind] },
    analyze(ctx) {
      for (const o of ctx.objects(kind)) {
        for (const d of validateObject(o)) {
          if (OWN_CODES.has(d.code)) continue;
          if (d.code.startsWith('SLU')) ctx.report({ code: d.code, name: d.code, level: d.severity, template: '%s' }, o, d.path, d.message);
          else if (d.severity === 'Error') ctx.report(Msg.SchemaValidationError, o, d.path, d.message);
          else ctx.report(Msg.SchemaWarning, o, d.path, d.message);
        }
        if (kind === 'VirtualService') reportUnreachableRules(ctx, o);
      }
    },
  };
}

export const schemaAnalyzers: readonly Analyzer[] = SCHEMA_KINDS.map(schemaAnalyzer);
