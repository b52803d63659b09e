import type { Rule } from './rule.js';
import { HOST_NAME } from './rule-patterns.js';
import { ADVISORY_954960, KB954960_ARTICLE } from './sources.js';

/** The KB954960 rules for what admins paste from the WSUS server itself: versions and the fix (rules.ts: the whole set). */
export const SERVER_FACT_RULES = [
  // ── server facts: versions and the fix ───────────────────────────────────────────────────────────
  // The lines the bot's own verification commands print (src/kb954960.ts VERIFY_COMMANDS): one fact per line with
  // the computer it was read on. They come first and share the group `server-fact` with the older rules below, so
  // one line is one fact. The computer name must be a host name: the command text itself (`computer=$c`,
  // `computer=%COMPUTERNAME%`), echoed in a pasted console, never matches.
  {
    id: 'verify-check-version',
    title: 'Verification output: WSUS or client web service DLL version, with the computer name',
    source: 'server-facts',
    role: 'version',
    literals: ['KB954960-CHECK'],
    pattern: new RegExp(
      String.raw`KB954960-CHECK\s+computer=(?<server>${HOST_NAME})\s+(?<kind>wsus|dll)=(?:(?<version>\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5})|absent)(?![\w.])`,
    ),
    fields: (g) => ({
      server: (g.server ?? '').toLowerCase(),
      component: g.kind === 'dll' ? 'client-web-service-dll' : 'wsus',
      ...(g.version ? { version: g.version } : { absent: 'true' }),
    }),
    group: 'server-fact',
    meaning: {
      en: 'A version read on the named WSUS server by the verification commands: WSUS VersionString or the client web service DLL.',
      ja: '確認コマンドが名前付きの WSUS サーバーで読み取ったバージョン (WSUS の VersionString またはクライアント Web サービス DLL) です。',
    },
    sources: [KB954960_ARTICLE, ADVISORY_954960],
    lookalikes: [
      {
        en: 'The verification command itself (computer=$c, %COMPUTERNAME%), echoed in a pasted console, is not its output.',
        ja: 'コンソールに表示された確認コマンドそのもの (computer=$c、%COMPUTERNAME%) は出力ではありません。',
      },
    ],
    examples: {
      match: [
        { line: 'KB954960-CHECK computer=WSUS01 dll=3.1.6001.66', fields: { server: 'wsus01', component: 'client-web-service-dll', version: '3.1.6001.66' } },
        { line: 'KB954960-CHECK computer=WSUS01 wsus=3.1.6001.65', fields: { server: 'wsus01', component: 'wsus', version: '3.1.6001.65' } },
        { line: 'KB954960-CHECK computer=wsus01.corp.example wsus=6.3.9600.18228', fields: { server: 'wsus01.corp.example', version: '6.3.9600.18228' } },
        { line: 'KB954960-CHECK computer=WSUS-EBC dll=absent', fields: { server: 'wsus-ebc', component: 'client-web-service-dll', absent: 'true' } },
        { line: 'PS C:\\> KB954960-CHECK computer=WSUS01 dll=3.1.6001.66\r', fields: { version: '3.1.6001.66' } },
      ],
      noMatch: [
        '"KB954960-CHECK computer=$c dll=$(if (Test-Path $d) { $v } else { \'absent\' })"',
        'echo KB954960-CHECK computer=%COMPUTERNAME% wsus=%v',
        'KB954960-CHECK computer=WSUS01 dll=3.1.6001.66.1',
        'KB954960-CHECK computer=WSUS01 dll=',
      ],
    },
  },
  {
    id: 'verify-check-event',
    title: 'Verification output: MsiInstaller 1022 for KB954960 present or absent, with the computer name',
    source: 'server-facts',
    role: 'fix',
    literals: ['KB954960-CHECK'],
    pattern: new RegExp(
      String.raw`KB954960-CHECK\s+computer=(?<server>${HOST_NAME})\s+event1022=(?<event>present|absent)\b(?:\s+(?<date>\d{4}-\d{2}-\d{2})\b)?`,
    ),
    // The date the verification command prints after `present` is the event's own: when the fix was installed.
    fields: (g) => ({ server: (g.server ?? '').toLowerCase(), event: g.event ?? '', ...(g.date ? { date: g.date } : {}) }),
    group: 'server-fact',
    meaning: {
      en: "Whether the named server's Application log has the MsiInstaller event 1022 for KB954960: present, the fix is installed; absent is evidence too (that log holds no record of the install: the DLL version tells).",
      ja: '名前付きのサーバーのアプリケーション イベント ログに KB954960 のイベント ID 1022 (ソース: MsiInstaller) があるかどうかです。「あり」なら KB954960 は適用済みです。「なし」も根拠になります (このログにはインストールの記録がないため、DLL のバージョンで確認します)。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'The verification command itself, echoed in a pasted console, is not its output.',
        ja: 'コンソールに表示された確認コマンドそのものは出力ではありません。',
      },
    ],
    examples: {
      match: [
        { line: 'KB954960-CHECK computer=WSUS01 event1022=present 2008-08-13', fields: { server: 'wsus01', event: 'present', date: '2008-08-13' } },
        { line: 'KB954960-CHECK computer=WSUS01 event1022=absent', fields: { server: 'wsus01', event: 'absent' } },
      ],
      noMatch: ['echo KB954960-CHECK computer=%COMPUTERNAME% event1022=present', 'KB954960-CHECK computer=WSUS01 event1022=maybe'],
    },
  },
  {
    id: 'wsus-build-version',
    title: 'WSUS 3.0 build number',
    source: 'server-facts',
    role: 'version',
    literals: ['3.0.6000.', '3.1.6001.', '3.2.7600.'],
    pattern: /(?:^|[^0-9.])(?<version>3\.[012]\.(?:6000|6001|7600)\.\d{1,5})(?![0-9]|\.[0-9])/,
    group: 'server-fact',
    fields: (g, line) => ({
      version: g.version ?? '',
      component: /webservices\.client\.dll/i.test(line) ? 'client-web-service-dll' : /VersionString/i.test(line) ? 'wsus' : 'unknown',
    }),
    meaning: {
      en: 'A WSUS 3.0 build: 3.0.6000.x is RTM (SP1 first), 3.1.6001.x below .66 is SP1 without the fix, the client web service DLL at 3.1.6001.66 or later has it.',
      ja: 'WSUS 3.0 のビルド番号です。3.0.6000.x は RTM (先に SP1 が必要)、3.1.6001.x で .66 未満は KB954960 未適用の SP1、クライアント Web サービス DLL が 3.1.6001.66 以上なら適用済みです。',
    },
    sources: [KB954960_ARTICLE, ADVISORY_954960],
    lookalikes: [
      {
        en: 'The Windows Update agent version on a client (7.x) is not a WSUS build.',
        ja: 'クライアントの Windows Update エージェントのバージョン (7.x) は WSUS のビルドではありません。',
      },
    ],
    examples: {
      match: [
        { line: 'Microsoft.UpdateServices.WebServices.Client.dll 3.1.6001.66', fields: { version: '3.1.6001.66', component: 'client-web-service-dll' } },
        {
          line: 'c:\\program files\\update services\\webservices\\clientwebservice\\bin\\microsoft.updateservices.webservices.client.dll  3.1.6001.65',
          fields: { version: '3.1.6001.65', component: 'client-web-service-dll' },
        },
        { line: '    VersionString    REG_SZ    3.0.6000.374', fields: { version: '3.0.6000.374', component: 'wsus' } },
        { line: 'Version=3.1.6001.66', fields: { version: '3.1.6001.66', component: 'unknown' } },
        {
          line: '3.1.6001.65      3.1.6001.65      C:\\Program Files\\Update Services\\WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.dll',
          fields: { version: '3.1.6001.65' },
        },
      ],
      noMatch: ['Setup  Client version: Core: 7.6.7600.256  Aux: 7.6.7600.256', 'Version=13.1.6001.66', 'Version=3.1.6001.66.1'],
    },
  },
  {
    id: 'wsus4-build-version',
    title: 'WSUS 4.0 or later build number',
    source: 'server-facts',
    role: 'version',
    // Only where the line says what it is: 6.x and 10.0.x numbers are also Windows and agent versions on clients.
    literals: ['VersionString', 'WebServices.Client.dll', 'webservices.client.dll', 'WebServices.Client.Dll'],
    // The literals (exact case) are what require the VersionString / DLL name on the line; the pattern stays a plain
    // unanchored search, cheap on a 1 MB line of near-misses.
    pattern: /(?:^|[^0-9.])(?<version>(?:6\.2\.9200|6\.3\.9600|10\.0\.\d{1,5})\.\d{1,5})(?![0-9]|\.[0-9])/,
    fields: (g, line) => ({ version: g.version ?? '', component: /webservices\.client\.dll/i.test(line) ? 'client-web-service-dll' : 'wsus' }),
    group: 'server-fact',
    meaning: {
      en: 'A WSUS 4.0 or later build (6.2.9200.x, 6.3.9600.x — Server 2012 / 2012 R2; 10.0.x — Server 2016 and later): KB954960 does not apply, it is not WSUS 3.0.',
      ja: 'WSUS 4.0 以降のビルド番号です (6.2.9200.x、6.3.9600.x は Server 2012 / 2012 R2、10.0.x は Server 2016 以降)。WSUS 3.0 ではないため KB954960 は該当しません。',
    },
    sources: [ADVISORY_954960],
    lookalikes: [
      {
        en: '6.x and 10.0.x numbers are also Windows and Windows Update agent versions on clients: only a VersionString or the client web service DLL counts.',
        ja: '6.x や 10.0.x の番号はクライアントの Windows や Windows Update エージェントのバージョンでもあります。VersionString かクライアント Web サービス DLL の行だけが対象です。',
      },
    ],
    examples: {
      match: [
        { line: '    VersionString    REG_SZ    6.3.9600.18228', fields: { version: '6.3.9600.18228', component: 'wsus' } },
        { line: '    VersionString    REG_SZ    10.0.17763.1', fields: { version: '10.0.17763.1' } },
        { line: 'Microsoft.UpdateServices.WebServices.Client.dll 6.2.9200.16384', fields: { component: 'client-web-service-dll' } },
      ],
      noMatch: ['2023/05/22 08:08:32.6295131 8096  8116  Agent           WU client version 10.0.19041.1320', '    VersionString    REG_SZ    3.1.6001.65'],
    },
  },
  {
    id: 'msiinstaller-1022-kb954960',
    title: 'MsiInstaller event 1022 for KB954960',
    source: 'server-facts',
    role: 'fix',
    literals: ['954960'],
    // Anchored lookaheads: linear on long lines. KB954960 plus a sign that it is the install event.
    // Not the commands that look for it (echoed in a pasted console, they name both the KB and MsiInstaller/1022).
    pattern:
      /^(?!.*?(?:Get-EventLog|Get-WinEvent|wmic\s|wevtutil\s|KB954960-CHECK))(?=.*?\bKB ?954960\b)(?=.*?(?:\b1022\b|MsiInstaller|installed successfully|正常にインストールされました|インストールされました))/i,
    group: 'server-fact',
    meaning: {
      en: 'The Application log records the KB954960 install (MsiInstaller, event 1022): the fix is installed.',
      ja: 'アプリケーション イベント ログに KB954960 のインストール (イベント ID 1022、ソース: MsiInstaller) が記録されています。KB954960 は適用済みです。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'The commands that look for the event (Get-EventLog, wmic, wevtutil), echoed in a pasted console, name KB954960 and 1022 too: they are not the event.',
        ja: 'イベントを探すコマンド (Get-EventLog、wmic、wevtutil) もコンソールに表示されると KB954960 と 1022 を含みますが、イベントそのものではありません。',
      },
      {
        en: 'Event 1022 for another product (Office 2003 updates, for one) is not the KB954960 install.',
        ja: '別の製品 (例: Office 2003 の更新プログラム) のイベント ID 1022 は KB954960 のインストールではありません。',
      },
    ],
    examples: {
      match: [
        { line: "MsiInstaller 1022 08/13/2008 10:12:33 Product: Microsoft Windows Server Update Services 3.0 SP1 - Update 'KB954960' installed successfully." },
        {
          line: "1022       8/13/2008 10:12:33 AM   Product: Windows Server Update Services 3.0 SP1 - Update 'Update for Windows Server Update Services 3.0 SP1 (KB954960)' installed successfully.",
        },
        {
          line: "情報  2008/08/13 10:12:33  MsiInstaller  1022  なし  製品: Microsoft Windows Server Update Services 3.0 SP1 -- 更新プログラム 'KB954960' が正常にインストールされました。",
        },
      ],
      noMatch: [
        `wmic ntevent where "LogFile='Application' and SourceName='MsiInstaller' and EventCode=1022" get Message 2>nul | find "KB954960"`,
        "Get-EventLog -LogName Application -Source MsiInstaller | Where-Object { $_.EventID -eq 1022 -and $_.Message -match 'KB954960' }",
        'Does KB954960 apply to our WSUS?',
        "MsiInstaller 1022 Product: Microsoft Office 2003 - Update 'KB907417' installed successfully.",
      ],
    },
  },
] as const satisfies readonly Rule[];
