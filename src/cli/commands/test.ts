import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

/** `sluice test` — not implemented yet (see its issue). */
export function registerTest(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
