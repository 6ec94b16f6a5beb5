// User regexes are RE2 (Envoy's and Istio's dialect): compiled with re2js, never JavaScript's RegExp.
import { RE2JS } from 're2js';

/** Error text when `pattern` is not a valid RE2 expression. */
export function re2Error(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return `"${pattern}" is not a valid regex: ${(e as Error).message}`;
  }
}
