/** Retry policy facts shared by SLU0002 and SLU0003 (Istio's HTTPRetry → Envoy RetryPolicy semantics). */
import type { MeshConfig } from '../../config/mesh-config.ts';
import { asObject } from '../util/vs-walk.ts';

/** Istio's default when a route sets no `retries`: 2 retries (pilot `DefaultRetryPolicy`), unless the mesh overrides it. */
export const ISTIO_DEFAULT_RETRY_ATTEMPTS = 2;

/** Retries (not tries) a route makes: explicit `retries.attempts`, 0 when disabled, else the mesh/Istio default. */
export function retryAttempts(rule: Record<string, any>, mesh: MeshConfig): number {
  const r = rule.retries;
  if (r && typeof r === 'object') {
    const a = Number(asObject(r).attempts);
    return Number.isFinite(a) && a > 0 ? a : 0;
  }
  const meshDefault = Number(asObject(mesh.defaultHttpRetryPolicy).attempts);
  return Number.isFinite(meshDefault) && mesh.defaultHttpRetryPolicy ? meshDefault : ISTIO_DEFAULT_RETRY_ATTEMPTS;
}

/** Envoy retry_on conditions that retry after the upstream answered with a 5xx (it may have acted on the request). */
const FIVE_XX_CONDITIONS = new Set(['5xx', 'gateway-error', 'retriable-status-codes']);

/** The explicit `retryOn` conditions of a route that retry 5xx-class responses. */
export function fiveXxConditions(rule: Record<string, any>): string[] {
  const on = asObject(rule.retries).retryOn;
  if (typeof on !== 'string') return [];
  return on.split(',').map((s) => s.trim()).filter((c) => FIVE_XX_CONDITIONS.has(c) || /^5\d\d$/.test(c));
}

const NON_IDEMPOTENT = ['POST', 'PATCH'];

/** Non-idempotent methods a match list restricts the route to (empty when the route is not method-specific). */
export function nonIdempotentMethods(matches: readonly Record<string, any>[]): string[] {
  const out = new Set<string>();
  for (const m of matches) {
    const method = asObject(m.method);
    for (const verb of NON_IDEMPOTENT) {
      const byPrefix = typeof method.prefix === 'string' && method.prefix !== '' && verb.startsWith(method.prefix);
      const byRegex = typeof method.regex === 'string' && regexAlternatives(method.regex).includes(verb);
      if (method.exact === verb || byPrefix || byRegex) out.add(verb);
    }
  }
  return [...out].sort();
}

/** The literal alternatives of a simple method pattern (`POST|PUT`, `^(POST|PATCH)$`); other patterns give none. */
function regexAlternatives(pattern: string): string[] {
  const body = pattern.replace(/^\^?\(?/, '').replace(/\)?\$?$/, '');
  return body.split('|').filter((a) => /^[A-Z]+$/.test(a));
}
