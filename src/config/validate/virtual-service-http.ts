// One VirtualService HTTP route (Istio: validateHTTPRoute, validateHTTPRouteConflict,
// validateHTTPRouteMatchRequest, validateHTTPRetry, validateHTTPFaultInjection, validateCORSPolicy,
// validateHTTPRedirect, validateHTTPDirectResponse, validateHTTPRewrite).
import { Findings, child, asArray, asObject, isObject, isSet } from './findings.ts';
import { checkDestination, checkLabels, checkStringMatch } from './common.ts';
import { durationError, parseDurationMs } from './durations.ts';
import { headerNameError, isDNS1123Label, portError } from './names.ts';
import { re2Error } from './regex.ts';
import { checkGatewayName, checkWeightedDestinations } from './route-destinations.ts';
import { checkHeaderOps } from './header-operations.ts';

const JWT_CLAIM_PREFIX = '@request.auth.claims.';

/** Envoy's x-envoy-retry-on and x-envoy-retry-grpc-on values, as Istio accepts them. */
const RETRY_ON = new Set([
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx',
  'refused-stream', 'retriable-status-codes', 'retriable-headers', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
]);
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

export interface HttpRouteContext {
  readonly isDelegate: boolean;
  readonly appliesToGateway: boolean;
}

export function checkHttpRoute(f: Findings, path: string, r: unknown, ctx: HttpRouteContext): void {
  if (!isObject(r)) { f.error(path, 'http route may not be null'); return; }
  checkConflicts(f, path, r, ctx);
  asArray(r.match).forEach((m, i) => checkMatch(f, child(child(path, 'match'), i), m, ctx));
  checkHeaderOps(f, child(path, 'headers'), r.headers);
  checkCors(f, child(path, 'corsPolicy'), r.corsPolicy);
  checkFault(f, child(path, 'fault'), r.fault);
  checkMirror(f, path, r);
  checkRedirect(f, child(path, 'redirect'), r.redirect);
  checkDirectResponse(f, child(path, 'directResponse'), r.directResponse);
  checkRetries(f, child(path, 'retries'), r.retries);
  checkRewrite(f, child(path, 'rewrite'), r.rewrite);
  if (isObject(r.delegate)) checkDelegate(f, child(path, 'delegate'), r.delegate);
  checkWeightedDestinations(f, child(path, 'route'), asArray(r.route));
  const te = durationError(r.timeout, 'timeout');
  if (te) f.error(child(path, 'timeout'), te);
}

function checkConflicts(f: Findings, path: string, r: Record<string, any>, ctx: HttpRouteContext): void {
  const name = typeof r.name === 'string' ? r.name : '';
  if (isObject(r.delegate) && !ctx.isDelegate) {
    if (isSet(r.redirect)) f.error(path, `root HTTP route ${name} must not specify redirect`);
    if (isSet(r.route)) f.error(path, `root HTTP route ${name} must not specify route`);
    return;
  }
  if (ctx.isDelegate && isSet(r.delegate)) f.error(child(path, 'delegate'), 'delegate HTTP route cannot contain delegate');
  const hasRoute = asArray(r.route).length > 0;
  if (isSet(r.redirect)) {
    if (hasRoute) f.error(path, 'HTTP route cannot contain both route and redirect');
    if (isSet(r.fault)) f.error(path, 'HTTP route cannot contain both fault and redirect');
    if (isSet(r.rewrite)) f.error(path, 'HTTP route rule cannot contain both rewrite and redirect');
    if (isSet(r.directResponse)) f.error(path, 'HTTP route rule cannot contain both direct_response and redirect');
  } else if (isSet(r.directResponse)) {
    if (hasRoute) f.error(path, 'HTTP route cannot contain both route and direct_response');
    if (isSet(r.fault)) f.error(path, 'HTTP route cannot contain both fault and direct_response');
    if (isSet(r.rewrite)) f.error(path, 'HTTP route rule cannot contain both rewrite and direct_response');
  } else if (!hasRoute) {
    f.error(path, 'HTTP route, redirect or direct_response is required');
  }
  if (isSet(r.mirror) && asArray(r.mirrors).length) f.error(path, 'HTTP route cannot contain both mirror and mirrors');
}

function checkMatch(f: Findings, path: string, m: unknown, ctx: HttpRouteContext): void {
  if (!isObject(m)) return;
  for (const [name, h] of Object.entries(asObject(m.headers))) {
    const p = child(child(path, 'headers'), name);
    if (h === null) f.error(p, `header match ${name} cannot be null`);
    checkMatchHeaderName(f, p, name, ctx);
    checkStringMatch(f, p, h, 'headers');
  }
  for (const [name, h] of Object.entries(asObject(m.withoutHeaders))) {
    const p = child(child(path, 'withoutHeaders'), name);
    checkMatchHeaderName(f, p, name, ctx);
    if (asObject(h).regex !== '*') checkStringMatch(f, p, h, 'withoutHeaders');
  }
  checkStringMatch(f, child(path, 'uri'), m.uri, 'uri', true);
  checkStringMatch(f, child(path, 'scheme'), m.scheme, 'scheme');
  checkStringMatch(f, child(path, 'method'), m.method, 'method');
  checkStringMatch(f, child(path, 'authority'), m.authority, 'authority');
  for (const [name, qp] of Object.entries(asObject(m.queryParams))) checkStringMatch(f, child(child(path, 'queryParams'), name), qp, 'queryParams');
  if (isSet(m.port) && m.port !== 0) {
    const e = portError(m.port);
    if (e) f.error(child(path, 'port'), e);
  }
  checkLabels(f, child(path, 'sourceLabels'), m.sourceLabels);
  asArray(m.gateways).forEach((g, i) => { if (typeof g === 'string') checkGatewayName(f, child(child(path, 'gateways'), i), g); });
  if (typeof m.sourceNamespace === 'string' && m.sourceNamespace && !isDNS1123Label(m.sourceNamespace)) {
    f.error(child(path, 'sourceNamespace'), `sourceNamespace match ${m.sourceNamespace} is invalid`);
  }
}

/** `ValidateHTTPHeaderNameOrJwtClaimRoute`; JWT claim routing only works on gateways. */
function checkMatchHeaderName(f: Findings, path: string, name: string, ctx: HttpRouteContext): void {
  if (name.startsWith(JWT_CLAIM_PREFIX)) {
    if (name.length === JWT_CLAIM_PREFIX.length) f.error(path, `invalid JWT claim route header "${name}": claim name is empty`);
    if (!ctx.appliesToGateway && !ctx.isDelegate) f.error(path, `JWT claim based routing (${name}) is only supported for gateways, not the mesh`);
    return;
  }
  const e = headerNameError(name);
  if (e) f.error(path, e);
}

function checkCors(f: Findings, path: string, cors: unknown): void {
  if (!isObject(cors)) return;
  asArray(cors.allowOrigins).forEach((o, i) => checkStringMatch(f, child(child(path, 'allowOrigins'), i), o, 'corsPolicy.allowOrigins'));
  asArray(cors.allowMethods).forEach((m, i) => {
    if (typeof m === 'string' && !HTTP_METHODS.has(m)) f.error(child(child(path, 'allowMethods'), i), `not a valid HTTP method: ${m}`);
  });
  for (const key of ['allowHeaders', 'exposeHeaders'] as const) {
    asArray(cors[key]).forEach((h, i) => {
      const e = typeof h === 'string' ? headerNameError(h) : undefined;
      if (e) f.error(child(child(path, key), i), e);
    });
  }
  if (typeof cors.maxAge === 'string') {
    const ms = parseDurationMs(cors.maxAge);
    if (ms === undefined || ms < 0) f.error(child(path, 'maxAge'), `max_age "${cors.maxAge}" is not a valid duration`);
    else if (ms % 1000 !== 0) f.error(child(path, 'maxAge'), 'max_age duration is accurate only to seconds precision');
  }
  if (isSet(cors.allowOrigin)) f.warn(child(path, 'allowOrigin'), 'allowOrigin is deprecated, use allowOrigins');
}

function percentError(v: unknown): string | undefined {
  return typeof v === 'number' && (v < 0 || v > 100) ? `percentage ${v} is not in range 0..100` : undefined;
}

function checkFault(f: Findings, path: string, fault: unknown): void {
  if (!isObject(fault)) return;
  if (!isSet(fault.abort) && !isSet(fault.delay)) f.error(path, 'HTTP fault injection must have an abort and/or a delay');
  const abort = asObject(fault.abort), delay = asObject(fault.delay);
  for (const [p, part] of [[child(path, 'abort'), abort], [child(path, 'delay'), delay]] as const) {
    const pe = percentError(asObject(part.percentage).value);
    if (pe) f.error(child(child(p, 'percentage'), 'value'), pe);
    const e2 = percentError(part.percent);
    if (e2) f.error(child(p, 'percent'), e2);
  }
  if (typeof abort.httpStatus === 'number' && (abort.httpStatus < 200 || abort.httpStatus > 599)) {
    f.error(child(child(path, 'abort'), 'httpStatus'), `invalid abort http status ${abort.httpStatus}`);
  }
  if (isSet(fault.delay)) {
    if (isSet(delay.exponentialDelay)) f.error(child(child(path, 'delay'), 'exponentialDelay'), 'exponentialDelay not supported yet');
    const de = durationError(delay.fixedDelay, 'fixedDelay');
    if (de) f.error(child(child(path, 'delay'), 'fixedDelay'), de);
  }
}

function checkMirror(f: Findings, path: string, r: Record<string, any>): void {
  if (isSet(r.mirrorPercent)) {
    if (typeof r.mirrorPercent === 'number' && r.mirrorPercent > 100) f.error(child(path, 'mirrorPercent'), `mirror_percent must have a max value of 100 (it has ${r.mirrorPercent})`);
    f.warn(child(path, 'mirrorPercent'), 'using deprecated setting "mirrorPercent", use "mirrorPercentage" instead');
  }
  const mp = asObject(r.mirrorPercentage).value;
  if (typeof mp === 'number' && mp > 100) f.error(child(path, 'mirrorPercentage'), `mirror_percentage must have a max value of 100 (it has ${mp})`);
  if (typeof mp === 'number' && mp < 0) f.error(child(path, 'mirrorPercentage'), `mirror_percentage must have a min value of 0 (it has ${mp})`);
  if (isObject(r.mirror)) checkDestination(f, child(path, 'mirror'), r.mirror);
  asArray(r.mirrors).forEach((m, i) => {
    const p = child(child(path, 'mirrors'), i);
    const mm = asObject(m);
    if (!isObject(mm.destination)) f.error(p, 'destination is required for mirrors');
    else checkDestination(f, child(p, 'destination'), mm.destination);
    const e = percentError(asObject(mm.percentage).value);
    if (e) f.error(child(p, 'percentage'), e);
  });
}

function checkRedirect(f: Findings, path: string, redirect: unknown): void {
  if (!isObject(redirect)) return;
  if (!redirect.uri && !redirect.authority && !isSet(redirect.port) && !redirect.scheme && !isSet(redirect.derivePort)) {
    f.error(path, 'redirect must specify URI, authority, scheme, or port');
  }
  if (typeof redirect.redirectCode === 'number' && redirect.redirectCode !== 0 && (redirect.redirectCode < 300 || redirect.redirectCode > 399)) {
    f.error(child(path, 'redirectCode'), `${redirect.redirectCode} is not a valid redirect code, must be 3xx`);
  }
  if (isSet(redirect.port)) {
    const e = portError(redirect.port);
    if (e) f.error(child(path, 'port'), e);
  }
}

function checkDirectResponse(f: Findings, path: string, dr: unknown): void {
  if (!isObject(dr)) return;
  if (typeof dr.status !== 'number' || dr.status < 200 || dr.status > 599) f.error(child(path, 'status'), `directResponse.status must be between 200 and 599, current ${String(dr.status)}`);
  const body = asObject(dr.body);
  const size = typeof body.string === 'string' ? body.string.length : typeof body.bytes === 'string' ? Math.floor((body.bytes.length * 3) / 4) : 0;
  if (size > 1048576) f.error(child(path, 'body'), `directResponse.body is larger than the max allowed size of 1048576 bytes (size ${size})`);
}

function checkRetries(f: Findings, path: string, retries: unknown): void {
  if (!isObject(retries)) return;
  if (typeof retries.attempts === 'number' && retries.attempts < 0) f.error(child(path, 'attempts'), 'attempts cannot be negative');
  const pe = durationError(retries.perTryTimeout, 'perTryTimeout');
  if (pe) f.error(child(path, 'perTryTimeout'), pe);
  if (typeof retries.retryOn === 'string' && retries.retryOn) {
    for (const raw of retries.retryOn.split(',')) {
      const policy = raw.trim();
      if (!policy) continue;
      if (RETRY_ON.has(policy)) continue;
      const code = /^\d+$/.test(policy) ? Number(policy) : NaN;
      if (code >= 100 && code <= 599) continue;
      f.error(child(path, 'retryOn'), `"${policy}" is not a valid retryOn policy`);
    }
  }
  const be = durationError(retries.backoff, 'backoff');
  if (be) f.error(child(path, 'backoff'), be);
}

function checkRewrite(f: Findings, path: string, rewrite: unknown): void {
  if (!isObject(rewrite)) return;
  const regexRewrite = asObject(rewrite.uriRegexRewrite);
  if (!rewrite.uri && !rewrite.authority && !isSet(rewrite.uriRegexRewrite)) f.error(path, 'rewrite must specify URI, authority, or uriRegexRewrite');
  if (rewrite.uri && isSet(rewrite.uriRegexRewrite)) f.error(path, 'rewrite may only contain one of URI or UriRegexRewrite');
  if (isSet(rewrite.uriRegexRewrite)) {
    if (typeof regexRewrite.match !== 'string' || !regexRewrite.match) f.error(child(path, 'uriRegexRewrite'), 'UriRegexRewrite requires both Rewrite and Match fields to be specified');
    else {
      const e = re2Error(regexRewrite.match);
      if (e) f.error(child(child(path, 'uriRegexRewrite'), 'match'), e);
    }
  }
}

function checkDelegate(f: Findings, path: string, d: Record<string, any>): void {
  if (typeof d.name !== 'string' || !d.name) f.error(child(path, 'name'), 'delegate name is required');
  else if (!isDNS1123Label(d.name) && d.name.split('.').some((l: string) => !isDNS1123Label(l))) f.error(child(path, 'name'), `delegate name "${d.name}" is invalid`);
  if (typeof d.namespace === 'string' && d.namespace && !isDNS1123Label(d.namespace)) f.error(child(path, 'namespace'), `delegate namespace "${d.namespace}" is invalid`);
}
