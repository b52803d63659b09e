import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseReport } from '../src/fleet/report.js';
import { exampleReports } from './support/reports.js';

/**
 * test/fixtures/reports/*.json are the builder's output (test/support/reports.ts), never edited by hand:
 * `UPDATE_REPORT_FIXTURES=1 npx vitest run test/fleet-fixtures.test.ts` writes them again.
 */
const dir = fileURLToPath(new URL('./fixtures/reports/', import.meta.url));
const examples = exampleReports();
const text = (r: unknown) => `${JSON.stringify(r, null, 1)}\n`;

if (process.env.UPDATE_REPORT_FIXTURES === '1') {
  mkdirSync(dir, { recursive: true });
  for (const [name, r] of Object.entries(examples)) writeFileSync(dir + name, text(r));
}

test('the committed example reports are exactly the builder output', () => {
  expect(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort(),
  ).toEqual(Object.keys(examples).sort());
  for (const [name, r] of Object.entries(examples)) expect(readFileSync(dir + name, 'utf8'), name).toBe(text(r));
});

test.each(Object.keys(examples))('%s fits the schema the listener uses', (name) => {
  const r = parseReport(JSON.parse(readFileSync(dir + name, 'utf8')));
  expect(r.ok ? 'ok' : r.error).toBe('ok');
});
