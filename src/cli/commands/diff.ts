import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

/** `sluice diff` — not implemented yet (see its issue). */
export function registerDiff(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
