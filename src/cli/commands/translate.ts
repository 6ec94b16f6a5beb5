import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

/** `sluice translate` — not implemented yet (see its issue). */
export function registerTranslate(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
