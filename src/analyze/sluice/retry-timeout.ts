// SLU0003 RetryBudgetExceedsTimeout: Envoy's route timeout bounds the whole request including retries. When
// perTryTimeout × attempts reaches the route timeout, the last retries would start after the deadline, so they
// can never run (the retry policy promises more than the timeout allows).
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { durationMs, formatMs } from '../util/durations.ts';

export const retryTimeoutAnalyzer: Analyzer = {
  meta: { name: 'sluice.RetryBudgetExceedsTimeout', description: 'perTryTimeout × attempts exceeding the route timeout (SLU0003)', inputs: ['VirtualService'] },
  analyze(ctx) {
    for (const vs of ctx.objects('VirtualService')) {
      asList(vs.spec.http).map(asObject).forEach((rule, i) => {
        const retries = asObject(rule.retries);
        const attempts = Number(retries.attempts);
        const perTry = durationMs(retries.perTryTimeout);
        const timeout = durationMs(rule.timeout);
        if (!(attempts > 0) || !perTry || !timeout) return;
        if (perTry * attempts < timeout) return;
        const tries = Math.ceil(timeout / perTry);
        ctx.report(Msg.RetryBudgetExceedsTimeout, vs, `spec.http[${i}].retries.perTryTimeout`,
          `spec.http[${i}]`, formatMs(perTry), attempts, formatMs(perTry * attempts), formatMs(timeout), tries);
      });
    }
  },
};
