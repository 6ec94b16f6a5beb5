import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

/** `sluice serve` — not implemented yet (see its issue). */
export function registerServe(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
