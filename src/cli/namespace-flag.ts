import { UsageError } from './io.ts';

const RFC1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/**
 * A `-n/--namespace` value, checked as Kubernetes checks namespace names (an RFC 1123 label: lowercase
 * letters, digits and '-', at most 63 characters, starting and ending with a letter or digit). Bad value: exit 64.
 */
export function namespaceFlag(value: string, flag = '--namespace'): string {
  if (value.length <= 63 && RFC1123_LABEL.test(value)) return value;
  const why = value.length > 63 ? 'longer than 63 characters' : 'not a valid namespace name (RFC 1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit)';
  throw new UsageError(`invalid ${flag} ${JSON.stringify(value)}: ${why}`);
}
