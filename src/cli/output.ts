import { stringify } from 'yaml';
import { UsageError } from './io.ts';

export type StructuredFormat = 'json' | 'yaml';

export function renderStructured(value: unknown, format: StructuredFormat): string {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
}

export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`invalid value "${value}" for ${flag}: choose one of ${choices.join(', ')}`);
  return value as T;
}
