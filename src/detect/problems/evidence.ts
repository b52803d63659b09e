import type { Rule } from '../rule.js';
import { KB3090184, KB4025764, KB900935 } from '../sources.js';

/*
 * Evidence an expert reads beside the failure code, shared by several packs: the HTTP status the client logged, the IIS
 * lines that name the WSUS application pool, the proxy and bypass lists the client used, whether the client talks to
 * WSUS or to Microsoft Update, and the WSUS server's own synchronization. A pack's signature names these rules (and the
 * HTTP statuses of the first); each rule's examples are run by test/problems.test.ts.
 */

/** The statuses a pack may name: those KB 3090184 and the WU_E_PT_HTTP_STATUS_* codes give a cause for. */
export type HttpStatus = '401' | '403' | '404' | '407' | '500' | '502' | '503';

const HTTP_STATUS = {
  id: 'evidence-http-status',
  title: 'HTTP status of a failed request',
  source: 'WindowsUpdate.log',
  role: 'problem',
  literals: ['HTTP status', 'HTTP Status', 'http status'],
  // `HTTP status code = 401` (the client's PT lines), `HTTP status 503: Service Unavailable` (.NET, the WSUS console).
  // One run of blanks before the status (`\s*[=:]?\s*` would backtrack quadratically over a long run of blanks).
  pattern: /HTTP status(?: code)?\s*(?:[=:]\s*)?(?<status>40[13457]|50[0-3])\b/i,
  meaning: {
    en: 'The server (or a proxy on the way) answered the request with this HTTP status.',
    ja: 'サーバー (または途中のプロキシ) がこの HTTP 状態で応答しました。',
  },
  sources: [KB3090184],
  examples: {
    match: [
      { line: '2005-07-28 14:33:53 1344 74c PT + Last proxy send request failed with hr = 0x800710DD, HTTP status code = 401', fields: { status: '401' } },
      { line: 'Message: The request failed with HTTP status 503: Service Unavailable.', fields: { status: '503' } },
    ],
    noMatch: [
      '2005-07-28 14:33:53 1344 74c PT WARNING: SyncUpdates failure, error = 0x800710DD, soap client error = 5, soap error code = 0, HTTP status code = 200',
      'PT + Last proxy send request failed with hr = 0x80072EE2, HTTP status code = 0',
    ],
  },
} as const satisfies Rule;

const APP_POOL_DOWN = {
  id: 'evidence-wsuspool-down',
  title: 'IIS: the WSUS application pool is offline or failing',
  source: 'IIS',
  role: 'problem',
  literals: ['WsusPool', 'WSUSPool', 'wsuspool', 'WSUSPOOL'],
  // httperr: `… 503 <site id> AppOffline WsusPool`; W3SVC/WAS events: "application pool 'WsusPool' is being automatically
  // disabled", "… serving application pool 'WsusPool' … private bytes memory limit".
  pattern:
    /(?:\s503\s+\S+\s+(?:AppOffline|AppPoolTimer|AppShutdown|QueueFull|Connection_Abandoned_By_AppPool)\s+WsusPool\b|application pool '?WsusPool'?.{0,200}?(?:disabled|private bytes|memory limit|failed|terminated unexpectedly|shut down))/i,
  meaning: {
    en: 'IIS refused the request because the WsusPool application pool is offline, shutting down or failing.',
    ja: 'WsusPool アプリケーション プールが停止・終了中・異常のため、IIS が要求を拒否しました。',
  },
  sources: [KB4025764],
  examples: {
    match: [
      { line: '2017-05-08 05:03:53 203.0.113.144 56433 203.0.113.4 80 HTTP/1.1 POST /SimpleAuthWebService/SimpleAuth.asmx 503 707060612 AppOffline WsusPool' },
      { line: "Application pool 'WsusPool' is being automatically disabled due to a series of failures in the process(es) serving that application pool." },
      { line: "A worker process serving application pool 'WsusPool' has requested a recycle because it reached its private bytes memory limit." },
    ],
    noMatch: [
      '2017-05-08 05:03:53 203.0.113.144 56433 203.0.113.4 80 HTTP/1.1 POST /ClientWebService/client.asmx 400 - BadRequest -',
      'Set the Private Memory Limit of WsusPool to 4000000 KB',
    ],
  },
} as const satisfies Rule;

const PROXY_LIST_SET = {
  id: 'evidence-proxy-list-set',
  title: 'The client sent its request through a proxy',
  source: 'WindowsUpdate.log',
  role: 'problem',
  literals: ['Proxy list used', 'Proxy List used'],
  // `PT + Proxy list used = theproxyip:80`; `Proxy List used: <proxy:8080>` (not `<(null)>`, not empty).
  pattern: /Proxy list used\s*[=:][ \t]*(?!<\(null\)>|<>)<?(?<proxy>[^\s<>()]+)/i,
  meaning: { en: 'The client used a proxy for this request.', ja: 'クライアントはこの要求にプロキシを使いました。' },
  sources: [KB900935],
  examples: {
    match: [{ line: '2010-11-23 11:03:45:106 800 634 PT + Proxy list used = theproxyip:80', fields: { proxy: 'theproxyip:80' } }],
    noMatch: [
      '2005-07-28 14:33:53 1344 74c Misc WARNING: SendRequest failed with hr = 800710dd. Proxy List used: <(null)> Bypass List used : <(null)> Auth Schemes used : <>',
      'PT + Proxy list used = ',
    ],
  },
} as const satisfies Rule;

const BYPASS_LIST_EMPTY = {
  id: 'evidence-bypass-list-empty',
  title: 'The proxy bypass list is empty',
  source: 'WindowsUpdate.log',
  role: 'problem',
  literals: ['Bypass list used', 'Bypass List used'],
  pattern: /Bypass list used\s*[=:](?:[ \t]*<\(null\)>|[ \t]*<>)?[ \t]*(?:$|Auth Schemes)/i,
  meaning: {
    en: "No proxy bypass list: every request, the WSUS server's too, goes to the proxy.",
    ja: 'バイパス リストが空で、WSUS サーバーへの要求もすべてプロキシに送られます。',
  },
  sources: [KB900935],
  examples: {
    match: [{ line: '2010-11-23 11:03:45:106 800 634 PT + Bypass list used =' }, { line: 'Bypass List used : <(null)> Auth Schemes used : <>' }],
    noMatch: [
      'PT + Bypass list used = <local>;*.contoso.local',
      'Misc WARNING: SendRequest failed. Proxy List used: <proxy:80> Bypass List used : <*.contoso.local> Auth Schemes used : <>',
    ],
  },
} as const satisfies Rule;

const UPDATE_SERVICE = {
  id: 'evidence-update-service',
  title: 'Which update service the client talks to',
  source: 'WindowsUpdate.log',
  role: 'context',
  literals: ['WSUS server:', 'Anonymous plug-in skipped', 'ServiceID = {', 'sls.update.microsoft.com', 'SLS.update.microsoft.com'],
  // Managed = WSUS; {9482F4B4…} is Windows Update, {7971F918…} Microsoft Update; `WSUS server: <NULL>` means no WSUS.
  pattern:
    /(?<wsus>ServiceID = \{3DA21691-E39D-4DA6-8A4B-B43877BCB1B7\})|(?<microsoft>WSUS server:\s*<NULL>|Anonymous plug-in skipped for WU|ServiceID = \{(?:9482F4B4-E343-43B6-B170-9A65BC822C77|7971F918-A847-4430-9279-4A52D1EFE18D)\}|sls\.update\.microsoft\.com\/SLS\/\{(?:9482F4B4|7971F918))/i,
  fields: (g) => ({ service: g.wsus ? 'wsus' : 'microsoft' }),
  // One finding per service: a Windows 10 WSUS client also asks Microsoft's SLS, and its WSUS line must not be dropped.
  distinctBy: 'service',
  meaning: {
    en: 'The update service the client talks to: WSUS, or Microsoft Update / Windows Update.',
    ja: 'クライアントの接続先の更新サービス (WSUS、または Microsoft Update / Windows Update)。',
  },
  sources: [KB900935],
  examples: {
    match: [
      { line: '2016-09-08\t10:48:19:500\t 848\t604\tAgent\t  * ServiceID = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7} Managed', fields: { service: 'wsus' } },
      { line: '2011-08-23 14:13:30:327 748 23f4 Agent   * WSUS server: <NULL>', fields: { service: 'microsoft' } },
      { line: 'Agent Anonymous plug-in skipped for WU', fields: { service: 'microsoft' } },
      {
        line: '03E4 1668 SLS Making request with URL HTTPS://sls.update.microsoft.com/SLS/{9482F4B4-E343-43B6-B170-9A65BC822C77}/x64/10.0.14393.0/0?CH=531',
        fields: { service: 'microsoft' },
      },
    ],
    noMatch: ['Agent   * WSUS server: http://wsus01:8530', 'Agent ServiceID = {8B24B027-1DEE-BABB-9A95-3517DFB9C552} Third party service'],
  },
} as const satisfies Rule;

const SERVER_SYNC = {
  id: 'evidence-wsus-server-sync',
  title: "The WSUS server's own synchronization",
  source: 'SoftwareDistribution.log',
  role: 'problem',
  literals: ['Synchroni', 'synchroni', 'SYNCHRONI', 'ContentSyncAgent', 'CatalogSyncAgent', 'ServerSyncWebService'],
  pattern: /Category=Synchronization|ContentSyncAgent|CatalogSyncAgent|ServerSyncWebService|(?:WSUS )?synchroni[sz]ation (?:failed|error)/i,
  meaning: {
    en: "A line of the WSUS server's own synchronization (with its upstream server or Microsoft Update), not a client scan.",
    ja: 'WSUS サーバー自身の同期 (上位サーバーまたは Microsoft Update との同期) の行で、クライアントのスキャンではありません。',
  },
  sources: [KB4025764],
  examples: {
    match: [
      { line: 'Info WsusService.11 EventLogEventReporter.ReportEvent EventId=364,Type=Error,Category=Synchronization' },
      { line: 'WSUS Synchronization failed. Reason: (800B0109)' },
    ],
    noMatch: ['2008-08-12 09:15:41:156 940 d4 PT WARNING: Sync of Updates: 0x8024400e', 'Agent * WARNING: Failed to synchronize, error = 0x800710DD'],
  },
} as const satisfies Rule;

export const EVIDENCE_RULES = [HTTP_STATUS, APP_POOL_DOWN, PROXY_LIST_SET, BYPASS_LIST_EMPTY, UPDATE_SERVICE, SERVER_SYNC] as const;

/** The shared evidence rules' ids. */
export type EvidenceRuleId = (typeof EVIDENCE_RULES)[number]['id'];

export const HTTP_STATUS_RULE = HTTP_STATUS.id;
export const UPDATE_SERVICE_RULE = UPDATE_SERVICE.id;
