// `npm run bench`: every benchmark in bench/, one after the other (each prints its own baseline and ratio).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = ['startup.mjs', 'scan.mjs', 'literal-search.mjs', 'transcode.mjs', 'slack.mjs', 'status.mjs', 'fleet-report.mjs', 'fleet-scale.mjs'];
let failed = 0;
for (const name of benches) {
  const path = new URL(name, import.meta.url).pathname;
  if (!existsSync(path)) continue;
  console.log(`\n━━ bench/${name} ━━`);
  const r = spawnSync(process.execPath, [path, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
