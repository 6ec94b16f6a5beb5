// The command table in main.ts (what lets `sluice --help` and each command import only what they run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Command, Help } from 'commander';
import { captureIO } from './io.ts';
import { COMMANDS, commandNamed, main } from './main.ts';

test('COMMANDS: names, help line and summary are those of the real command', async () => {
  for (const c of COMMANDS) {
    const program = new Command('sluice');
    (await c.load())(program, captureIO(), () => {});
    assert.equal(program.commands.length, 1, c.names[0]);
    const real = program.commands[0]!;
    assert.deepEqual([real.name(), ...real.aliases()], c.names);
    assert.equal(new Help().subcommandTerm(real), c.term, `${c.names[0]}: term`);
    assert.equal(real.description(), c.summary, `${c.names[0]}: summary`);
  }
});

test('commandNamed: the first operand, an alias, `help NAME`, nothing for unknown names', () => {
  const name = (...args: string[]) => commandNamed(['node', 'sluice', ...args])?.names[0];
  assert.equal(name('validate', 'x'), 'validate');
  assert.equal(name('pc', 'listeners', '-f', 'x'), 'proxy-config');
  assert.equal(name('-h', 'serve'), 'serve');
  assert.equal(name('help', 'ps'), 'proxy-status');
  assert.equal(name('--', 'diff'), 'diff');
  assert.equal(name('help'), undefined);
  assert.equal(name('--help'), undefined);
  assert.equal(name('bogus', 'serve'), undefined);
});

test('top-level help lists every command, with its arguments, without loading them', async () => {
  const io = captureIO();
  assert.equal(await main(['node', 'sluice', '--help'], io), 0);
  for (const c of COMMANDS) assert.match(io.stdout(), new RegExp(`^  ${c.term.replace(/[.[\]|]/g, '\\$&')}\\s`, 'm'));
  const unknown = captureIO();
  assert.equal(await main(['node', 'sluice', 'valdate'], unknown), 64);
  assert.match(unknown.stderr(), /Did you mean validate\?/);
});

test('the command files main.ts loads for help import no implementation statically', () => {
  // Their implementation is imported inside the action (serve-run.ts, proxy-config-run.ts, …).
  const light = /^(commander|\.\.\/io\.ts|\.\.\/output\.ts)$/;
  for (const f of ['serve', 'proxy-status', 'proxy-config', 'describe', 'diff']) {
    const text = readFileSync(new URL(`./commands/${f}.ts`, import.meta.url), 'utf8');
    for (const m of text.matchAll(/^import (type )?.*? from '([^']+)';$/gm)) {
      if (!m[1]) assert.match(m[2]!, light, `commands/${f}.ts imports ${m[2]} at load time`);
    }
  }
});
