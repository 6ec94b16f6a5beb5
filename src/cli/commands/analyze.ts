import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

/** `sluice analyze` — not implemented yet (see its issue). */
export function registerAnalyze(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
