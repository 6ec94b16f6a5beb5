import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

/** `sluice proxy-config` — not implemented yet (see its issue). */
export function registerProxyConfig(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
