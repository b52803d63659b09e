// Writes a realistic classic WindowsUpdate.log (tab-separated, CRLF) of a given size, with the KB954960
// client signature injected rarely. Deterministic (seeded) so runs compare.
import { createWriteStream } from 'node:fs';

/** The KB954960 client failure, as the classic log writes it: [component, text] pairs. */
export const KB954960_SIGNATURE = [
  ['PT', '+++++++++++  PT: Synchronizing server updates  +++++++++++'],
  ['PT', '  + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsus01:8530/ClientWebService/client.asmx'],
  ['PT', 'WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200'],
  ['PT', 'WARNING: SOAP Fault: 0x000190'],
  ['PT', 'WARNING:     faultstring:Fault occurred'],
  ['PT', 'WARNING:     ErrorCode:InternalServerError(5)'],
  ['PT', 'WARNING:     Message:(null)'],
  ['PT', 'WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/SyncUpdates"'],
  ['PT', 'WARNING:     ID:c0a7445f-b989-43fa-ac20-11f8ca65fa8c'],
  ['PT', 'WARNING: PTError: 0x8024400e'],
  ['PT', 'WARNING: SyncServerUpdatesInternal failed: 0x8024400e'],
  ['Agent', '  * WARNING: Failed to synchronize, error = 0x8024400E'],
  ['Agent', '  * WARNING: Exit code = 0x8024400E'],
  ['AU', '# WARNING: Search callback failed, result = 0x8024400E'],
  ['AU', '# WARNING: Failed to find updates with error code 8024400E'],
];

export function* windowsUpdateLines(seed = 42) {
  let s = seed >>> 0;
  const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const pid = () => String(pick([940, 1104, 1276, 588])).padStart(4, ' ');
  const tid = () => pick(['f54', '4a8', 'b2c', '1a0', '3f4']);
  const routine = [
    ['AU', '###########  AU: Initializing Automatic Updates  ###########'],
    ['AU', 'AU setting next detection timeout to 2008-08-12 05:15:41'],
    ['AU', '#############'],
    ['AU', '## START ##  AU: Search for updates'],
    ['AU', '<<## SUBMITTED ## AU: Search for updates [CallId = {8D0E4B9F-27B6-4B8A-9F3A-53A6A2E1D9C2}]'],
    ['Agent', '*************'],
    ['Agent', '** START **  Agent: Finding updates [CallerId = AutomaticUpdates]'],
    ['Agent', '*********'],
    ['Agent', '  * Online = Yes; Ignore download priority = No'],
    ['Agent', "  * Criteria = \"IsHidden=0 and IsInstalled=0 and DeploymentAction='Installation' or IsPresent=1 and DeploymentAction='Uninstallation'\""],
    ['Agent', '  * ServiceID = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7} Managed'],
    ['Agent', '  * Search Scope = {Machine}'],
    ['Setup', 'Checking for agent SelfUpdate'],
    ['Setup', 'Client version: Core: 7.6.7600.256  Aux: 7.6.7600.256'],
    ['Misc', 'Validating signature for C:\\WINDOWS\\SoftwareDistribution\\SelfUpdate\\wuident.cab:'],
    ['Misc', ' Microsoft signed: Yes'],
    ['Setup', 'Wuident for http://wsus01:8530/selfupdate/wuident.cab is valid'],
    ['Setup', 'SelfUpdate check completed.  SelfUpdate is NOT required.'],
    ['PT', '+++++++++++  PT: Synchronizing server updates  +++++++++++'],
    ['PT', '  + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsus01:8530/ClientWebService/client.asmx'],
    ['Agent', '  * Found 0 updates and 57 categories in search; evaluated appl. rules of 1214 out of 2135 deployed entities'],
    ['Agent', '*********'],
    ['Agent', '**  END  **  Agent: Finding updates [CallerId = AutomaticUpdates]'],
    ['AU', '>>##  RESUMED  ## AU: Search for updates [CallId = {8D0E4B9F-27B6-4B8A-9F3A-53A6A2E1D9C2}]'],
    ['AU', '  # 0 updates detected'],
    ['AU', '## END ##  AU: Search for updates [CallId = {8D0E4B9F-27B6-4B8A-9F3A-53A6A2E1D9C2}]'],
    [
      'Report',
      'REPORT EVENT: {5F1A2B3C-4D5E-6F70-8192-A3B4C5D6E7F8}\t2008-08-12 09:15:41:203+0900\t1\t147\t101\t{00000000-0000-0000-0000-000000000000}\t0\t0\tAutomaticUpdates\tSuccess\tSoftware Synchronization\tWindows Update Client successfully detected 0 updates.',
    ],
    ['DnldMgr', 'Asking handlers to generate non-range requests...'],
    ['PT', 'WARNING: Cached cookie has expired or new PID is available'],
    ['PT', 'Initializing simple targeting cookie, clientId = 4c1f0e3a-2b7d-4d9e-9f11-0a1b2c3d4e5f, target group = , DNS name = pc-0142.corp.example'],
    ['PT', '  Server URL = http://wsus01:8530/SimpleAuthWebService/SimpleAuth.asmx'],
    ['Agent', 'WARNING: Failed to evaluate Installed rule, updateId = {6E3F1A6B-7C1D-4A3B-9C2F-0D1E2F3A4B5C}.101, hr = 80242013'],
  ];
  const signature = KB954960_SIGNATURE;
  let ms = 0;
  for (let i = 0; ; i++) {
    ms += Math.floor(rand() * 900);
    const t = new Date(Date.UTC(2008, 7, 12) + ms);
    const date = t.toISOString().slice(0, 10);
    const time = `${t.toISOString().slice(11, 19)}:${String(t.getUTCMilliseconds()).padStart(3, '0')}`;
    const group = i > 0 && i % 250000 === 0 ? signature : [pick(routine)];
    for (const [component, text] of group) yield `${date}\t${time}\t${pid()}\t${tid()}\t${component}\t${text}`;
  }
}

export async function writeWindowsUpdateLog(path, bytes, seed = 42) {
  const out = createWriteStream(path);
  let written = 0;
  let batch = [];
  for (const line of windowsUpdateLines(seed)) {
    batch.push(line);
    written += line.length + 2;
    if (batch.length === 4096 || written >= bytes) {
      if (!out.write(`${batch.join('\r\n')}\r\n`)) await new Promise((r) => out.once('drain', r));
      batch = [];
      if (written >= bytes) break;
    }
  }
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, mb] = process.argv.slice(2);
  const n = await writeWindowsUpdateLog(path, Number(mb ?? 200) * 1024 * 1024);
  console.log(`wrote ${path}: ${(n / 1048576).toFixed(1)} MiB`);
}
