import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

/** `sluice proxy-status` — not implemented yet (see its issue). */
export function registerProxyStatus(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
