import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_MESSAGE_TYPES } from './messages.ts';
import { LoadCodes } from '../config/codes.ts';
import { DESCRIBED_CODES, ruleHelp } from './rule-help.ts';

test('every code analyze can report has a one-sentence description without template verbs', () => {
  const codes = [...ALL_MESSAGE_TYPES.map((m) => m.code), ...Object.values(LoadCodes).map((c) => c.code), 'SLU1011', 'SLU1012', 'SLU1013', 'SLU1014'];
  const missing = codes.filter((c) => !DESCRIBED_CODES.includes(c));
  assert.deepEqual(missing, []);
  for (const c of codes) {
    const d = ruleHelp(c).description;
    assert.doesNotMatch(d, /%[a-z%]/, c);
    assert.match(d, /^[A-Z`p].*\.$/, `${c}: a sentence ending in a period`);
    assert.ok(d.length <= 200, `${c}: short`);
  }
});

test('IST codes link Istio\'s page; Sluice codes get a repo-relative doc path and no URL', () => {
  assert.deepEqual(ruleHelp('IST0132'), { description: 'Host defined in VirtualService not found in Gateway.', helpUri: 'https://istio.io/latest/docs/reference/config/analysis/ist0132/' });
  assert.deepEqual(ruleHelp('SLU0008').docPath, 'docs/analyze.md#slu0008-confignotvisible');
  assert.equal(ruleHelp('SLU0008').helpUri, undefined);
});
