/**
 * VirtualService `retries` → Envoy RetryPolicy (Istio `networking/core/route/retry.ConvertPolicy`).
 * Source: the VS policy, else mesh `defaultHttpRetryPolicy`, else Istio's built-in default.
 */
import type { Json } from '../../envoy/types.ts';
import { durationString } from './durations.ts';
import { deepFreeze } from '../../core/deep-freeze.ts';

export const DEFAULT_RETRY_ON = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';

const previousHosts = (): Json => ({
  name: 'envoy.retry_host_predicates.previous_hosts',
  typed_config: { '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate' },
});

/** Istio's built-in default retry policy (`retry.DefaultPolicy`). */
export function defaultRetryPolicy(consistentHash = false): Json {
  const p: Json = { retry_on: DEFAULT_RETRY_ON, num_retries: 2 };
  // Since 1.23 the previous-hosts predicate is omitted when the destination uses consistent hashing.
  if (!consistentHash) p.retry_host_predicate = [previousHosts()];
  p.host_selection_retry_max_attempts = '5';
  return p;
}

/** The default policies are shared (frozen) by every route that uses them: translation output is immutable. */
const DEFAULT_POLICY = deepFreeze(defaultRetryPolicy(false));
const DEFAULT_POLICY_HASH = deepFreeze(defaultRetryPolicy(true));

/** Split `retryOn`: HTTP status numbers go to retriable_status_codes. */
function parseRetryOn(retryOn: string): { on: string[]; codes: number[] } {
  const on: string[] = [];
  const codes: number[] = [];
  for (const raw of retryOn.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    if (/^\d+$/.test(part)) {
      const n = Number(part);
      if (n >= 100 && n <= 599) codes.push(n);
      continue;
    }
    on.push(part);
  }
  if (codes.length && !on.includes('retriable-status-codes')) on.push('retriable-status-codes');
  return { on, codes };
}

/**
 * Convert an Istio HTTPRetry (or undefined) into an Envoy RetryPolicy; undefined means "no policy"
 * (`attempts: 0`).
 */
export function convertRetryPolicy(retries: Json | undefined, meshDefault: Json | undefined, consistentHash = false): Json | undefined {
  const src = retries ?? meshDefault;
  if (!src) return consistentHash ? DEFAULT_POLICY_HASH : DEFAULT_POLICY;
  if (typeof src !== 'object') return buildPolicy(src, consistentHash);
  // Policies depend only on the (frozen) source object and the hash flag: build each once, share it.
  const cache = consistentHash ? cacheHash : cachePlain;
  if (cache.has(src)) return cache.get(src);
  const p = buildPolicy(src, consistentHash);
  cache.set(src, p ? deepFreeze(p) : undefined);
  return p;
}

const cachePlain = new WeakMap<object, Json | undefined>();
const cacheHash = new WeakMap<object, Json | undefined>();

function buildPolicy(src: Json, consistentHash: boolean): Json | undefined {
  const attempts = Number(src.attempts ?? 0);
  if (!(attempts > 0)) return undefined;
  const p = defaultRetryPolicy(consistentHash);
  p.num_retries = attempts;
  if (typeof src.retryOn === 'string' && src.retryOn !== '') {
    const { on, codes } = parseRetryOn(src.retryOn);
    p.retry_on = on.join(',');
    if (codes.length) p.retriable_status_codes = codes;
  }
  if (src.perTryTimeout) p.per_try_timeout = durationString(src.perTryTimeout);
  if (src.retryRemoteLocalities === true) {
    p.retry_priority = {
      name: 'envoy.retry_priorities.previous_priorities',
      typed_config: { '@type': 'type.googleapis.com/envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig', update_frequency: 2 },
    };
  }
  if (src.retryIgnorePreviousHosts === false) delete p.retry_host_predicate;
  if (src.backoff) p.retry_back_off = { base_interval: durationString(src.backoff) };
  // Keep Envoy's field order stable (host_selection last like istiod's proto order is irrelevant in JSON).
  return p;
}
