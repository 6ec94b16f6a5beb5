// `sluice analyze -o sarif` through the real CLI, validated with ajv against the SARIF 2.1.0 schema subset for
// every object we emit (test/analyze/sarif-2.1.0-subset.schema.json), plus the cross-references a schema cannot
// check and GitHub code scanning's requirements (stable ruleId, %SRCROOT%-relative URIs, partialFingerprints).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';
import { ALL_MESSAGE_TYPES } from '../../src/analyze/messages.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..');
const schema = JSON.parse(readFileSync(join(HERE, 'sarif-2.1.0-subset.schema.json'), 'utf8'));
const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
const validate = addFormats(new Ajv({ allErrors: true, strict: true, strictRequired: false })).compile(schema);

const root = mkdtempSync(join(tmpdir(), 'sluice-sarif-'));
const outside = mkdtempSync(join(tmpdir(), 'sluice-sarif-outside-'));
mkdirSync(join(root, 'config dir'));
const write = (dir: string, name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

const VS_BROKEN = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}, {name: grpc, port: 9090}]}
---
apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: shop}
spec: {selector: {app: legacy}, ports: [{name: legacy, port: 8000}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviewz}
  - route:
    - destination: {host: reviews}
`;
write(join(root, 'config dir'), 'broken.yaml', VS_BROKEN);
write(outside, 'no-kind.yaml', 'apiVersion: v1\nmetadata: {name: x, namespace: shop}\n');

async function sarif(cwd: string, args: string[], stdin?: string) {
  const io = { ...captureIO(stdin), cwd };
  const code = await main(['node', 'sluice', 'analyze', '-A', '-o', 'sarif', ...args], io);
  return { code, log: JSON.parse(io.stdout()), text: io.stdout() };
}

function schemaErrors(log: unknown): string {
  return validate(log) ? '' : JSON.stringify(validate.errors, null, 2);
}

/** What the schema cannot express: indexes point at the right rule/artifact, URIs are relative, levels match. */
function checkReferences(log: any): void {
  const run = log.runs[0];
  const rules = run.tool.driver.rules;
  assert.deepEqual(rules.map((r: any) => r.id), [...new Set(rules.map((r: any) => r.id))], 'rule ids unique');
  for (const r of rules) {
    for (const t of [r.shortDescription.text, r.fullDescription.text, r.help.text]) {
      assert.doesNotMatch(t, /%[svqd]|%!/, `${r.id}: template placeholder in "${t}"`);
      assert.ok(t.length > 10 && t.length <= 1024, `${r.id}: description length`);
    }
    if (r.id.startsWith('IST')) assert.equal(r.helpUri, `https://istio.io/latest/docs/reference/config/analysis/${r.id.toLowerCase()}/`);
    else assert.equal(r.helpUri, undefined, `${r.id}: no invented hosting URL`);
  }
  for (const res of run.results) {
    assert.equal(rules[res.ruleIndex].id, res.ruleId, 'ruleIndex points at the rule of ruleId');
    assert.ok(Object.values(res.partialFingerprints).every((v: any) => /^[0-9a-f]{32}$/.test(v)));
    for (const loc of res.locations) {
      const al = loc.physicalLocation?.artifactLocation;
      if (!al) continue;
      assert.deepEqual(run.artifacts[al.index].location, { uri: al.uri, ...(al.uriBaseId ? { uriBaseId: al.uriBaseId } : {}) });
      if (al.uriBaseId) {
        assert.equal(al.uriBaseId, '%SRCROOT%');
        assert.doesNotMatch(al.uri, /^(\/|\.\.?\/|[a-z]+:)/i, 'relative to %SRCROOT%, no leading / or ./ or ../');
      } else {
        assert.match(al.uri, /^file:\/\/\//, 'outside %SRCROOT%: an absolute file URI');
      }
      assert.ok(loc.physicalLocation.region.startLine >= 1);
    }
  }
  assert.ok(run.artifacts === undefined || run.artifacts.length === new Set(run.artifacts.map((a: any) => a.location.uri)).size);
  assert.doesNotMatch(JSON.stringify(log), /sluice-mesh/);
}

test('SARIF for Istio findings validates against the SARIF 2.1.0 schema; levels and indexes are consistent', async () => {
  const r = await sarif(root, [join(root, 'config dir')]);
  assert.equal(r.code, 79);
  assert.equal(schemaErrors(r.log), '');
  checkReferences(r.log);
  assert.equal(r.log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(r.log.version, '2.1.0');
  const run = r.log.runs[0];
  const byRule = Object.fromEntries(run.results.map((x: any) => [x.ruleId, x]));
  // Error → error, Warning → warning, Info → note (IST0101 Error, IST0112 Error, IST0118 Info).
  assert.equal(byRule.IST0101.level, 'error');
  assert.equal(byRule.IST0118.level, 'note');
  assert.equal(run.tool.driver.rules.find((x: any) => x.id === 'IST0118').defaultConfiguration.level, 'note');
  assert.equal(run.tool.driver.rules.find((x: any) => x.id === 'IST0101').shortDescription.text, 'A resource being referenced does not exist.');
  const loc = byRule.IST0101.locations[0];
  assert.deepEqual(loc.physicalLocation.artifactLocation, { uri: 'config%20dir/broken.yaml', uriBaseId: '%SRCROOT%', index: 0 });
  assert.equal(loc.physicalLocation.region.startLine, 18);
  assert.deepEqual(loc.logicalLocations, [{ name: 'reviews', fullyQualifiedName: 'VirtualService shop/reviews', kind: 'resource' }]);
});

test('SARIF for every Sluice check (examples/broken) validates; SLU rules point at docs/analyze.md sections', async () => {
  const r = await sarif(REPO, ['examples/shop', 'examples/broken']);
  assert.equal(schemaErrors(r.log), '');
  checkReferences(r.log);
  const rules = r.log.runs[0].tool.driver.rules;
  assert.deepEqual(rules.map((x: any) => x.id), ['SLU0001', 'SLU0002', 'SLU0003', 'SLU0004', 'SLU0005', 'SLU0006', 'SLU0007', 'SLU0008']);
  const docs = readFileSync(join(REPO, 'docs/analyze.md'), 'utf8');
  for (const rule of rules) {
    const anchor = rule.properties.documentation.split('#')[1];
    const heading = `### ${rule.id} ${rule.name}`;
    assert.equal(anchor, heading.slice(4).toLowerCase().replace(/ /g, '-'));
    assert.ok(docs.includes(`\n${heading}\n`), `docs/analyze.md has the heading "${heading}"`);
    assert.match(rule.help.text, new RegExp(`docs/analyze\\.md#${anchor}`));
  }
  assert.ok(r.log.runs[0].results.every((x: any) => x.locations[0].physicalLocation.artifactLocation.uri.startsWith('examples/')));
});

test('files outside the working directory get absolute file URIs; stdin findings keep only the resource', async () => {
  const r = await sarif(root, [join(outside, 'no-kind.yaml'), '-'], VS_BROKEN);
  assert.equal(schemaErrors(r.log), '');
  checkReferences(r.log);
  const results = r.log.runs[0].results;
  const loader = results.find((x: any) => x.ruleId === 'SLU1003');
  assert.match(loader.locations[0].physicalLocation.artifactLocation.uri, /^file:\/\/\/.*\/no-kind\.yaml$/);
  assert.equal(loader.level, 'error');
  const fromStdin = results.find((x: any) => x.ruleId === 'IST0101');
  assert.equal(fromStdin.locations[0].physicalLocation, undefined);
  assert.equal(fromStdin.locations[0].logicalLocations[0].fullyQualifiedName, 'VirtualService shop/reviews');
});

test('no findings: an empty results array (the analysis ran), still schema-valid', async () => {
  const r = await sarif(REPO, ['examples/shop']);
  assert.equal(r.code, 0);
  assert.equal(schemaErrors(r.log), '');
  assert.deepEqual(r.log.runs[0].results, []);
  assert.deepEqual(r.log.runs[0].tool.driver.rules, []);
});

test('the schema check can fail: a wrong level, a zero start line or an unknown property is rejected', async () => {
  const r = await sarif(root, [join(root, 'config dir')]);
  const bad = (mutate: (l: any) => void) => { const l = JSON.parse(r.text); mutate(l); return schemaErrors(l); };
  assert.notEqual(bad((l) => { l.runs[0].results[0].level = 'info'; }), '');
  assert.notEqual(bad((l) => { l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; }), '');
  assert.notEqual(bad((l) => { l.runs[0].tool.driver.rules[0].helpURI = 'x'; }), '');
  assert.notEqual(bad((l) => { delete l.runs[0].tool.driver.name; }), '');
  assert.notEqual(bad((l) => { l.version = '2.0.0'; }), '');
  assert.notEqual(bad((l) => { l.runs[0].results[0].locations[0].physicalLocation.region = {}; }), '');
  assert.throws(() => checkReferences({ ...r.log, runs: [{ ...r.log.runs[0], results: r.log.runs[0].results.map((x: any) => ({ ...x, ruleIndex: 0 })) }] }));
});

test('the same input gives byte-identical SARIF', async () => {
  assert.equal((await sarif(root, [join(root, 'config dir')])).text, (await sarif(root, [join(root, 'config dir')])).text);
  assert.ok(ALL_MESSAGE_TYPES.length > 0);
});
