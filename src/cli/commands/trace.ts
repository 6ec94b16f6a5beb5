import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

/** `sluice trace` — not implemented yet (see its issue). */
export function registerTrace(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
