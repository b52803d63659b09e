import type { Lookalike, Rule } from './rule.js';
import { ADVISORY_954960, KB3090184, KB4025764, KB4096317, KB909131, KB954960_ARTICLE } from './sources.js';

/*
 * The KB954960 detection rules, as data (Sigma-style): what each matches, why it matters, and examples
 * that test/rules.test.ts runs. Facts and sample lines come from shared/KB954960.md — keep them exact.
 *
 * Pattern hygiene: every pattern is searched only on lines that contained one of its literals, and must
 * stay linear on a 1 MB line (no nested quantifiers; whole-line lookaheads are anchored with ^).
 */

/** A host name in a URL, or a placeholder such as `<WSUS server>` that copies from KB pages carry. */
const HOST = String.raw`(?:(?<server>[A-Za-z0-9][A-Za-z0-9._-]{0,252})|\[(?<ipv6>[0-9A-Fa-f:.]{2,45})\]|<[^<>\r\n]{1,64}>)`;
/** A computer name as the verification commands print it (NetBIOS or DNS). */
const HOST_NAME = String.raw`[A-Za-z0-9][A-Za-z0-9._-]{0,252}`;
const GUID = String.raw`[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`;
const CLIENT_ASMX = String.raw`(?<url>https?://${HOST}(?::(?<port>\d{1,5}))?/ClientWebService/client\.asmx)`;

/** Server fields: an IPv6 literal counts as the server name; a placeholder yields none. */
function serverFields(g: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const server = g.server ?? g.ipv6;
  if (server) out.server = server.toLowerCase();
  if (g.port) out.port = g.port;
  if (g.url && server) out.url = g.url;
  if (g.id) out.id = g.id.toLowerCase();
  return out;
}

export const RULES = [
  // ── client: WindowsUpdate.log ─────────────────────────────────────────────────────────────────────
  {
    id: 'client-sync-start',
    title: 'Start of a sync attempt',
    source: 'WindowsUpdate.log',
    role: 'context',
    literals: ['Synchronizing server updates'],
    pattern: /PT: Synchronizing server updates/,
    startsAttempt: true,
    keep: 'none',
    meaning: {
      en: 'The client starts synchronizing with its update server; the signature must be complete within one such attempt.',
      ja: 'クライアントが更新サーバーとの同期を開始した行です。シグネチャは 1 回の同期試行の中でそろう必要があります。',
    },
    sources: [KB954960_ARTICLE],
    examples: {
      match: [{ line: '2008-08-12\t09:15:41:156\t 940\tf54\tPT\t+++++++++++  PT: Synchronizing server updates  +++++++++++' }],
      noMatch: ['2008-08-12\t09:15:41:156\t 940\tf54\tPT\t+++++++++++  PT: Synchronizing extended update info  +++++++++++'],
    },
  },
  {
    id: 'client-server-url',
    title: 'WSUS client web service the client syncs with',
    source: 'WindowsUpdate.log',
    role: 'context',
    literals: ['client.asmx'],
    pattern: new RegExp(String.raw`Server URL\s*=\s*${CLIENT_ASMX}`, 'i'),
    fields: serverFields,
    startsAttempt: true,
    distinctBy: 'server',
    meaning: {
      en: 'Names the WSUS server this client synchronizes with.',
      ja: 'このクライアントが同期する WSUS サーバーを示します。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      { en: 'A SimpleAuthWebService URL is where the client gets its cookie, not the server it syncs with.', ja: 'SimpleAuthWebService の URL は Cookie の取得先で、同期するサーバーではありません。' },
    ],
    examples: {
      match: [
        {
          line: 'PT    + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsus01:8530/ClientWebService/client.asmx',
          fields: { server: 'wsus01', port: '8530' },
        },
        { line: '2023/05/22 08:08:33.1234567 8096  8116  ProtocolTalker  ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = https://WSUS.corp.example:8531/ClientWebService/client.asmx', fields: { server: 'wsus.corp.example' } },
        { line: 'PT    + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://<WSUS server>/ClientWebService/client.asmx' },
      ],
      noMatch: ['PT\t  Server URL = http://wsus01:8530/SimpleAuthWebService/SimpleAuth.asmx'],
    },
  },
  {
    id: 'client-wsus-server',
    title: 'WSUS server configured on the client',
    source: 'WindowsUpdate.log',
    role: 'context',
    literals: ['WSUS server', 'WSUS Server'],
    pattern: new RegExp(String.raw`WSUS server:\s*https?://${HOST}(?::(?<port>\d{1,5}))?`, 'i'),
    fields: serverFields,
    distinctBy: 'server',
    meaning: {
      en: 'The WSUS server configured by policy on this client.',
      ja: 'ポリシーでこのクライアントに構成された WSUS サーバーです。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      { en: 'The WSUS status server is where the client reports, not the server it syncs with.', ja: 'WSUS の状態サーバーはレポートの送信先で、同期するサーバーではありません。' },
    ],
    examples: {
      match: [{ line: '2008-08-12\t09:15:40:875\t 940\tf54\tAgent\t  * WSUS server: http://wsus01:8530', fields: { server: 'wsus01', port: '8530' } }],
      noMatch: ['2008-08-12\t09:15:40:875\t 940\tf54\tAgent\t  * WSUS status server: none'],
    },
  },
  {
    id: 'client-syncupdates-0x8024400e',
    title: 'SyncUpdates failure 0x8024400E',
    source: 'WindowsUpdate.log',
    role: 'signature',
    literals: ['SyncUpdates failure'],
    pattern: /SyncUpdates failure,\s*error\s*=\s*0x8024400E\b/i,
    group: '0x8024400e',
    meaning: {
      en: 'SyncUpdates failed with 0x8024400E (SUS_E_PT_SOAP_SERVER): the WSUS client web service could not process the request.',
      ja: 'SyncUpdates が 0x8024400E (SUS_E_PT_SOAP_SERVER) で失敗しました。WSUS のクライアント Web サービスが要求を処理できませんでした。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'A SyncUpdates failure with another code (0x80244007 InvalidParameters: KB4096317; 0x8024400D: too many expired or superseded updates) is another problem.',
        ja: '別のコードの SyncUpdates の失敗 (0x80244007 InvalidParameters は KB4096317、0x8024400D は期限切れ・置き換え済みの更新プログラムが多すぎる) は別の問題です。',
      },
    ],
    examples: {
      match: [
        { line: 'PT  WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200' },
        { line: '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SyncUpdates failure, error = 0x8024400e, soap client error = 7, soap error code = 400, HTTP status code = 200' },
        { line: 'SOAP Fault: 0x000190 ErrorCode:InternalServerError(5)SyncUpdates failure, error = 0x8024400E' },
      ],
      noMatch: ['PT  WARNING: SyncUpdates failure, error = 0x80244007, soap client error = 7, soap error code = 400, HTTP status code = 200'],
    },
  },
  {
    id: 'client-0x8024400e',
    title: '0x8024400E (SUS_E_PT_SOAP_SERVER)',
    source: 'WindowsUpdate.log',
    role: 'partial',
    literals: ['8024400'],
    pattern: /(?:^|[^0-9A-Fa-f])(?:0x)?8024400E(?![0-9A-Fa-f])/i,
    group: '0x8024400e',
    meaning: {
      en: '0x8024400E alone means the server could not process the message; it has other causes too. The InternalServerError(5) detail is what points at KB954960.',
      ja: '0x8024400E だけでは「サーバーがメッセージを処理できなかった」ことしか分からず、他の原因もあります。KB954960 を示すのは InternalServerError(5) の詳細です。',
    },
    sources: [KB954960_ARTICLE, KB3090184],
    lookalikes: [
      {
        en: '0x8024400E without InternalServerError(5) has other causes: check the server log before taking it for KB954960.',
        ja: 'InternalServerError(5) を伴わない 0x8024400E には他の原因もあります。KB954960 と判断する前にサーバーのログを確認してください。',
      },
      { en: '0x8024400D is a different fault (the SOAP message is not valid or too large), not KB954960.', ja: '0x8024400D は別のエラー (SOAP メッセージが不正・過大) で、KB954960 ではありません。' },
    ],
    examples: {
      match: [
        { line: 'PT  WARNING: PTError: 0x8024400e' },
        { line: 'Agent  * WARNING: Failed to synchronize, error = 0x8024400E' },
        { line: 'AU  WARNING: WU client failed Searching for update with error 0x8024400e' },
      ],
      noMatch: ['PT  WARNING: PTError: 0x80244007', 'Agent  * Found 8024400 updates'],
    },
  },
  {
    id: 'client-soap-fault-0x000190',
    title: 'SOAP Fault 0x000190',
    source: 'WindowsUpdate.log',
    role: 'signature',
    literals: ['0x000190'],
    pattern: /SOAP Fault:\s*0x000190\b/i,
    meaning: {
      en: 'The client web service answered with a SOAP fault.',
      ja: 'クライアント Web サービスが SOAP Fault を返しました。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'InternalServerError on SimpleAuthWebService/GetAuthorizationCookie is the SimpleAuth failure, not KB954960.',
        ja: 'SimpleAuthWebService/GetAuthorizationCookie の InternalServerError は SimpleAuth の障害で、KB954960 ではありません。',
      },
    ],
    examples: {
      match: [
        { line: '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SOAP Fault: 0x000190' },
        { line: 'SOAP Fault: 0x000190 ErrorCode:InternalServerError(5)SyncUpdates failure, error = 0x8024400E' },
      ],
      noMatch: ['PT  WARNING: SOAP Fault: 0x000191'],
    },
  },
  {
    id: 'client-internal-server-error-5',
    title: 'ErrorCode:InternalServerError(5)',
    source: 'WindowsUpdate.log',
    role: 'signature',
    literals: ['InternalServerError'],
    pattern: /ErrorCode:\s*InternalServerError\(5\)/,
    meaning: {
      en: 'The server reported InternalServerError(5) for the sync: the detail that points at KB954960.',
      ja: 'サーバーが同期に対して InternalServerError(5) を返しました。KB954960 を示す詳細です。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'InternalServerError on SimpleAuthWebService/GetAuthorizationCookie is the SimpleAuth failure, not KB954960.',
        ja: 'SimpleAuthWebService/GetAuthorizationCookie の InternalServerError は SimpleAuth の障害で、KB954960 ではありません。',
      },
    ],
    examples: {
      match: [
        { line: 'PT  WARNING:     ErrorCode:InternalServerError(5)' },
        { line: 'SOAP Fault: 0x000190 ErrorCode:InternalServerError(5)SyncUpdates failure, error = 0x8024400E' },
      ],
      noMatch: ['PT  WARNING:     ErrorCode:InvalidCookie(2)', '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?'],
    },
  },
  {
    id: 'client-fault-method',
    title: 'SOAP fault method',
    source: 'WindowsUpdate.log',
    role: 'context',
    literals: ['Method:'],
    pattern: /Method:\s*"?https?:\/\/www\.microsoft\.com\/SoftwareDistribution\/Server\/(?<service>\w+)\/(?<method>\w+)/i,
    meaning: {
      en: 'The web method that failed: KB954960 fails in ClientWebService/SyncUpdates.',
      ja: '失敗した Web メソッドです。KB954960 では ClientWebService/SyncUpdates が失敗します。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'InternalServerError on SimpleAuthWebService/GetAuthorizationCookie is the SimpleAuth failure, not KB954960.',
        ja: 'SimpleAuthWebService/GetAuthorizationCookie の InternalServerError は SimpleAuth の障害で、KB954960 ではありません。',
      },
    ],
    examples: {
      match: [
        { line: 'PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/SyncUpdates"', fields: { service: 'ClientWebService', method: 'SyncUpdates' } },
        { line: 'PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"', fields: { method: 'GetAuthorizationCookie' } },
      ],
      noMatch: ['PT  WARNING:     Message:(null)'],
    },
  },
  {
    id: 'client-fault-id',
    title: 'SOAP fault ID',
    source: 'WindowsUpdate.log',
    role: 'context',
    literals: ['ID:'],
    pattern: new RegExp(String.raw`(?:^|\s)ID:\s*(?<id>${GUID})\b`),
    fields: (g): Record<string, string> => (g.id ? { id: g.id.toLowerCase() } : {}),
    meaning: {
      en: 'The fault ID; the server log line of the same failure carries the same ID.',
      ja: 'Fault の ID です。同じ失敗のサーバー側ログ行にも同じ ID が記録されます。',
    },
    sources: [KB954960_ARTICLE],
    examples: {
      match: [{ line: 'PT  WARNING:     ID:c0a7445f-b989-43fa-ac20-11f8ca65fa8c', fields: { id: 'c0a7445f-b989-43fa-ac20-11f8ca65fa8c' } }],
      noMatch: ['Agent  * ServiceID = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7} Managed'],
    },
  },
  {
    id: 'client-other-wu-error',
    title: 'Another Windows Update error (not KB954960)',
    source: 'WindowsUpdate.log',
    role: 'lookalike',
    literals: ['802440', '80072EE2', '80072ee2'],
    pattern: /(?:^|[^0-9A-Fa-f])(?:0x)?(?<code>8024400[78]|80244022|8024401C|8024402C|80072EE2)(?![0-9A-Fa-f])/i,
    fields: (g): Record<string, string> => (g.code ? { code: `0x${g.code.toUpperCase()}` } : {}),
    distinctBy: 'code',
    meaning: {
      en: 'A different Windows Update failure; it does not indicate KB954960.',
      ja: '別の Windows Update の失敗です。KB954960 を示すものではありません。',
    },
    sources: [KB3090184, KB4025764, KB4096317, KB909131],
    lookalikes: [
      {
        code: '0x80244007',
        en: '0x80244007 is a SOAP client fault (e.g. InvalidParameters: KB4096317, maxInstalledPrerequisites in the client web service\'s web.config; or InternalServerError on SimpleAuthWebService/GetAuthorizationCookie) — not KB954960.',
        ja: '0x80244007 は SOAP クライアントのエラーです (例: InvalidParameters は KB4096317 で、クライアント Web サービスの web.config の maxInstalledPrerequisites。SimpleAuthWebService/GetAuthorizationCookie の InternalServerError も同じコード)。KB954960 ではありません。',
      },
      { code: '0x80244022', en: '0x80244022 is HTTP 503: the WSUS application pool is stopped — not KB954960.', ja: '0x80244022 は HTTP 503 で、WSUS のアプリケーション プールが停止しています。KB954960 ではありません。' },
      { code: '0x8024401C', en: '0x8024401C is a timeout — not KB954960.', ja: '0x8024401C はタイムアウトです。KB954960 ではありません。' },
      { code: '0x80072EE2', en: '0x80072EE2 is a timeout — not KB954960.', ja: '0x80072EE2 はタイムアウトです。KB954960 ではありません。' },
      { code: '0x8024402C', en: '0x8024402C is a proxy or name-resolution failure — not KB954960.', ja: '0x8024402C はプロキシまたは名前解決のエラーです。KB954960 ではありません。' },
      { code: '0x80244008', en: '0x80244008 with SQL timeouts on the server is KB909131 — not KB954960.', ja: '0x80244008 でサーバー側に SQL タイムアウトがある場合は KB909131 です。KB954960 ではありません。' },
    ],
    examples: {
      match: [
        { line: 'PT  WARNING: SyncUpdates failure, error = 0x80244007, soap client error = 7, soap error code = 400, HTTP status code = 200', fields: { code: '0x80244007' } },
        { line: 'PT  WARNING: Sync of Updates: 0x80244022', fields: { code: '0x80244022' } },
        { line: 'Misc  WARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072ee2', fields: { code: '0x80072EE2' } },
      ],
      noMatch: ['PT  WARNING: PTError: 0x8024400e'],
    },
  },
  {
    id: 'office-2003',
    title: 'Office 2003 on the client',
    source: 'WindowsUpdate.log',
    role: 'context',
    literals: ['Office 2003', 'office 2003', 'OFFICE 2003'],
    // Client evidence only: a server's synchronized-products list ("Products – Office 2003, …") says nothing about a
    // client having Office 2003. Anchored lookaheads stay linear on long lines.
    pattern: /^(?!.*?\bProducts?\s*[-–—:=])(?=.*?\bOffice 2003\b)/i,
    keep: 'first',
    meaning: {
      en: 'Office 2003 products are on the client: the clients KB954960 hits.',
      ja: 'クライアントに Office 2003 製品があります。KB954960 の影響を受けるクライアントです。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'A server\'s synchronized-products list ("Products – Office 2003, …") says nothing about a client having Office 2003.',
        ja: 'サーバーの同期対象製品の一覧 (「Products – Office 2003, …」) は、クライアントに Office 2003 があることを示しません。',
      },
    ],
    examples: {
      match: [{ line: 'Agent  * Title = Update for Office 2003 (KB907417)' }],
      noMatch: [
        'Agent  * Title = Update for Office 2007 (KB2596620)',
        'Products – Office 2003, Office 2007, Windows Server 2003',
        'Synchronized products: Office 2003, Windows XP',
      ],
    },
  },

  // ── server: SoftwareDistribution.log ──────────────────────────────────────────────────────────────
  {
    id: 'server-throwexception-internalservererror',
    title: 'Client web service threw InternalServerError',
    source: 'SoftwareDistribution.log',
    role: 'signature',
    literals: ['ThrowException'],
    pattern: new RegExp(
      String.raw`ThrowException:\s*actor\s*=\s*${CLIENT_ASMX},\s*ID\s*=\s*(?:(?<id>${GUID})|[^,\r\n]{0,64}),\s*ErrorCode\s*=\s*InternalServerError\b`,
      'i',
    ),
    fields: serverFields,
    group: 'throwexception',
    meaning: {
      en: 'The WSUS client web service failed with InternalServerError: the KB954960 signature on the server.',
      ja: 'WSUS のクライアント Web サービスが InternalServerError で失敗しました。サーバー側の KB954960 のシグネチャです。',
    },
    sources: [KB954960_ARTICLE, ADVISORY_954960],
    lookalikes: [
      {
        en: 'InternalServerError on SimpleAuthWebService/GetAuthorizationCookie is the SimpleAuth failure, not KB954960.',
        ja: 'SimpleAuthWebService/GetAuthorizationCookie の InternalServerError は SimpleAuth の障害で、KB954960 ではありません。',
      },
      {
        en: 'ThrowException on ServerSyncWebService (GetUpdateData) is the server\'s own upstream sync (KB4482416), not KB954960.',
        ja: 'ServerSyncWebService (GetUpdateData) の ThrowException はサーバー自身の上位同期 (KB4482416) で、KB954960 ではありません。',
      },
    ],
    examples: {
      match: [
        {
          line: '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?',
          fields: { server: 'wsusebc', id: 'c0a7445f-b989-43fa-ac20-11f8ca65fa8c' },
        },
        {
          line: '2008-06-14 02:59:57.657 UTC\tWarning\tw3wp.12\tSoapUtilities.CreateException\tThrowException: actor = https://WSUS02.corp.example:8531/ClientWebService/client.asmx, ID=0f3c5a8e-1b2d-4e6f-9a7b-8c9d0e1f2a3b, ErrorCode=InternalServerError, Message=, Client=?',
          fields: { server: 'wsus02.corp.example', port: '8531' },
        },
        { line: 'SoapUtilities.CreateException ThrowException: actor = http://<server>/ClientWebService/client.asmx, ID=<guid>, ErrorCode=InternalServerError, Message=, Client=?' },
      ],
      noMatch: [
        '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/SimpleAuthWebService/SimpleAuth.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?',
        '2008-08-12 00:15:41.187 UTC\tWarning\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InvalidCookie, Message=, Client=?',
      ],
    },
  },
  {
    id: 'server-throwexception-other',
    title: 'Client web service threw another error (not KB954960)',
    source: 'SoftwareDistribution.log',
    role: 'lookalike',
    literals: ['ThrowException'],
    pattern: new RegExp(
      String.raw`ThrowException:\s*actor\s*=\s*${CLIENT_ASMX},\s*ID\s*=\s*(?:(?<id>${GUID})|[^,\r\n]{0,64}),\s*ErrorCode\s*=\s*(?<code>\w+)`,
      'i',
    ),
    fields: (g) => ({ ...serverFields(g), ...(g.code ? { code: g.code } : {}) }),
    group: 'throwexception',
    distinctBy: 'code',
    meaning: {
      en: 'The client web service failed with another error code: a different problem (InvalidParameters, for one, is KB4096317).',
      ja: 'クライアント Web サービスが別のエラー コードで失敗しました。別の問題です (例: InvalidParameters は KB4096317)。',
    },
    sources: [KB4096317],
    lookalikes: [
      {
        code: 'InvalidParameters',
        en: 'ErrorCode=InvalidParameters on the client web service is KB4096317 (maxInstalledPrerequisites in its web.config) — not KB954960.',
        ja: 'クライアント Web サービスの ErrorCode=InvalidParameters は KB4096317 (web.config の maxInstalledPrerequisites) です。KB954960 ではありません。',
      },
    ],
    examples: {
      match: [
        {
          line: '2018-03-01 10:00:00.000 UTC\tWarning\tw3wp.5\tSoapUtilities.CreateException\tThrowException: actor = http://wsus01:8530/ClientWebService/client.asmx, ID=1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d, ErrorCode=InvalidParameters, Message=parameters.InstalledNonLeafUpdateIDs, Client=?',
          fields: { code: 'InvalidParameters', server: 'wsus01' },
        },
      ],
      noMatch: ['2018-03-01 10:00:00.000 UTC\tWarning\tw3wp.5\tSoapUtilities.CreateException\tThrowException: actor = http://wsus01:8530/ServerSyncWebService/serversyncwebservice.asmx, ID=1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d, ErrorCode=InternalServerError, Message=, Client=?'],
    },
  },
  {
    id: 'server-duplicate-key',
    title: 'SyncUpdates ArgumentException (duplicate deployment key)',
    source: 'SoftwareDistribution.log',
    role: 'partial',
    literals: ['Item has already been added'],
    pattern: /ArgumentException:\s*Item has already been added\.?(?:\s*Key in dictionary:\s*'(?<key>[^'\r\n]{0,64})')?/,
    meaning: {
      en: 'The client web service hit duplicate approvals while building the sync answer: the exception KB954960 fixes, logged just before the InternalServerError.',
      ja: 'クライアント Web サービスが同期応答の作成中に重複した承認に当たりました。KB954960 が修正する例外で、InternalServerError の直前に記録されます。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'The ArgumentException without the ThrowException InternalServerError after it is not yet the signature: KB954960 is possible, not shown.',
        ja: '後に ThrowException の InternalServerError が続かない ArgumentException だけでは、シグネチャではありません (KB954960 の可能性にとどまります)。',
      },
    ],
    examples: {
      match: [
        {
          line: "2008-06-14 02:59:57.642 UTC Error w3wp.12 ClientImplementation.SyncUpdates System.ArgumentException: Item has already been added. Key in dictionary: '8862'  Key being added: '8862'",
          fields: { key: '8862' },
        },
      ],
      noMatch: ['2008-06-14 02:59:57.642 UTC Error w3wp.12 ClientImplementation.SyncUpdates System.ArgumentNullException: Value cannot be null.'],
    },
  },

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
    pattern: new RegExp(String.raw`KB954960-CHECK\s+computer=(?<server>${HOST_NAME})\s+(?<kind>wsus|dll)=(?:(?<version>\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5})|absent)(?![\w.])`),
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
    pattern: new RegExp(String.raw`KB954960-CHECK\s+computer=(?<server>${HOST_NAME})\s+event1022=(?<event>present|absent)\b`),
    fields: (g) => ({ server: (g.server ?? '').toLowerCase(), event: g.event ?? '' }),
    group: 'server-fact',
    meaning: {
      en: 'Whether the named server\'s Application log has the MsiInstaller event 1022 for KB954960. Absent is evidence too: the event does not prove the fix there.',
      ja: '名前付きのサーバーのアプリケーション ログに KB954960 の MsiInstaller イベント 1022 があるかどうかです。「なし」も根拠になります (イベントでは修正を確認できません)。',
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
        { line: 'KB954960-CHECK computer=WSUS01 event1022=present 2008-08-13', fields: { server: 'wsus01', event: 'present' } },
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
      ja: 'WSUS 3.0 のビルド番号です。3.0.6000.x は RTM (先に SP1 が必要)、3.1.6001.x で .66 未満は修正未適用の SP1、クライアント Web サービス DLL が 3.1.6001.66 以上なら修正済みです。',
    },
    sources: [KB954960_ARTICLE, ADVISORY_954960],
    lookalikes: [
      { en: 'The Windows Update agent version on a client (7.x) is not a WSUS build.', ja: 'クライアントの Windows Update エージェントのバージョン (7.x) は WSUS のビルドではありません。' },
    ],
    examples: {
      match: [
        { line: 'Microsoft.UpdateServices.WebServices.Client.dll 3.1.6001.66', fields: { version: '3.1.6001.66', component: 'client-web-service-dll' } },
        { line: 'c:\\program files\\update services\\webservices\\clientwebservice\\bin\\microsoft.updateservices.webservices.client.dll  3.1.6001.65', fields: { version: '3.1.6001.65', component: 'client-web-service-dll' } },
        { line: '    VersionString    REG_SZ    3.0.6000.374', fields: { version: '3.0.6000.374', component: 'wsus' } },
        { line: 'Version=3.1.6001.66', fields: { version: '3.1.6001.66', component: 'unknown' } },
        { line: '3.1.6001.65      3.1.6001.65      C:\\Program Files\\Update Services\\WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.dll', fields: { version: '3.1.6001.65' } },
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
    pattern: /^(?!.*?(?:Get-EventLog|Get-WinEvent|wmic\s|wevtutil\s|KB954960-CHECK))(?=.*?\bKB ?954960\b)(?=.*?(?:\b1022\b|MsiInstaller|installed successfully|正常にインストールされました|インストールされました))/i,
    group: 'server-fact',
    meaning: {
      en: 'The Application log records the KB954960 install (MsiInstaller, event 1022): the fix is installed.',
      ja: 'アプリケーション ログに KB954960 のインストール (MsiInstaller、イベント ID 1022) が記録されています。修正は適用済みです。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'The commands that look for the event (Get-EventLog, wmic, wevtutil), echoed in a pasted console, name KB954960 and 1022 too: they are not the event.',
        ja: 'イベントを探すコマンド (Get-EventLog、wmic、wevtutil) もコンソールに表示されると KB954960 と 1022 を含みますが、イベントそのものではありません。',
      },
      { en: 'Event 1022 for another product (Office 2003 updates, for one) is not the KB954960 install.', ja: '別の製品 (例: Office 2003 の更新) のイベント 1022 は KB954960 のインストールではありません。' },
    ],
    examples: {
      match: [
        { line: "MsiInstaller 1022 08/13/2008 10:12:33 Product: Microsoft Windows Server Update Services 3.0 SP1 - Update 'KB954960' installed successfully." },
        { line: "1022       8/13/2008 10:12:33 AM   Product: Windows Server Update Services 3.0 SP1 - Update 'Update for Windows Server Update Services 3.0 SP1 (KB954960)' installed successfully." },
        { line: '情報  2008/08/13 10:12:33  MsiInstaller  1022  なし  製品: Microsoft Windows Server Update Services 3.0 SP1 -- 更新プログラム \'KB954960\' が正常にインストールされました。' },
      ],
      noMatch: [
        `wmic ntevent where "LogFile='Application' and SourceName='MsiInstaller' and EventCode=1022" get Message 2>nul | find "KB954960"`,
        "Get-EventLog -LogName Application -Source MsiInstaller | Where-Object { $_.EventID -eq 1022 -and $_.Message -match 'KB954960' }",
        'Does KB954960 apply to our WSUS?', 'MsiInstaller 1022 Product: Microsoft Office 2003 - Update \'KB907417\' installed successfully.'],
    },
  },
] as const satisfies readonly Rule[];

/** The KB954960 rules' ids (a literal union: `as const` above). */
export type KbRuleId = (typeof RULES)[number]['id'];

/** What a code or fault name reported by a look-alike rule really is, from the rules' own look-alikes. */
export function lookalikeFor(code: string): Lookalike | undefined {
  for (const rule of RULES as readonly Rule[]) {
    const found = rule.lookalikes?.find((l) => l.code === code);
    if (found) return found;
  }
  return undefined;
}
