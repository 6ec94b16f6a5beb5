import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tabwrite, table } from './tabwriter.ts';

test('pads every tab-terminated cell to the column width + padding, last cell as-is', () => {
  assert.equal(table([['NAME', 'TYPE', 'DR'], ['agent', 'STATIC', '']], 5), 'NAME      TYPE       DR\nagent     STATIC     \n');
});

test('an empty last column leaves the previous column padding as trailing spaces', () => {
  assert.equal(tabwrite('a\tb\t\n', { padding: 1 }), 'a b \n');
});

test('a line without tabs ends the column block (Go flushes there)', () => {
  assert.equal(tabwrite('aaaa\tb\n\nc\td\n', { padding: 1 }), 'aaaa b\n\nc d\n');
});

test('column blocks: a column exists only for runs of lines that have it', () => {
  // Lines 1-2 share column 0; line 3 has no column 1, so column 1's block is lines 1-2 only.
  const got = tabwrite('a\tbbbbbb\tc\nxx\ty\tz\nlonger-cell\tq\n', { padding: 1 });
  assert.equal(got, 'a           bbbbbb c\nxx          y      z\nlonger-cell q\n');
});

test('widths count code points, not UTF-16 units or bytes', () => {
  assert.equal(table([['é→', 'x'], ['ab', 'y']], 1), 'é→ x\nab y\n');
});

test('no trailing newline in the input keeps none in the output', () => {
  assert.equal(tabwrite('a\tb', { padding: 2 }), 'a  b');
});
