import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

/** `sluice describe` — not implemented yet (see its issue). */
export function registerDescribe(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
