import type { Rule } from './rule.js';
import { CLIENT_ASMX, GUID, HOST, serverFields, SIMPLEAUTH_LOOKALIKE } from './rule-patterns.js';
import { KB3090184, KB4025764, KB4096317, KB909131, KB954960_ARTICLE } from './sources.js';

/** The KB954960 rules for the client's WindowsUpdate.log (rules.ts: the whole set and its pattern hygiene). */
export const CLIENT_RULES = [
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
      ja: 'クライアントが WSUS サーバーとの同期を開始した行です。KB954960 特有のエラーは 1 回の同期試行の中でそろう必要があります。',
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
      {
        en: 'A SimpleAuthWebService URL is where the client gets its cookie, not the server it syncs with.',
        ja: 'SimpleAuthWebService の URL は Cookie の取得先で、同期するサーバーではありません。',
      },
    ],
    examples: {
      match: [
        {
          line: 'PT    + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsus01:8530/ClientWebService/client.asmx',
          fields: { server: 'wsus01', port: '8530' },
        },
        {
          line: '2023/05/22 08:08:33.1234567 8096  8116  ProtocolTalker  ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = https://WSUS.corp.example:8531/ClientWebService/client.asmx',
          fields: { server: 'wsus.corp.example' },
        },
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
      {
        en: 'The WSUS status server is where the client reports, not the server it syncs with.',
        ja: 'WSUS の状態サーバーはレポートの送信先で、同期するサーバーではありません。',
      },
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
        ja: '別のコードの SyncUpdates の失敗 (0x80244007 InvalidParameters は KB4096317、0x8024400D は期限切れの更新プログラムや置き換えられた更新プログラムが多すぎる) は別の問題です。',
      },
    ],
    examples: {
      match: [
        { line: 'PT  WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200' },
        {
          line: '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SyncUpdates failure, error = 0x8024400e, soap client error = 7, soap error code = 400, HTTP status code = 200',
        },
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
      {
        en: '0x8024400D is a different fault (the SOAP message is not valid or too large), not KB954960.',
        ja: '0x8024400D は別のエラー (SOAP メッセージが不正・過大) で、KB954960 ではありません。',
      },
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
    lookalikes: [SIMPLEAUTH_LOOKALIKE],
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
    lookalikes: [SIMPLEAUTH_LOOKALIKE],
    examples: {
      match: [
        { line: 'PT  WARNING:     ErrorCode:InternalServerError(5)' },
        { line: 'SOAP Fault: 0x000190 ErrorCode:InternalServerError(5)SyncUpdates failure, error = 0x8024400E' },
      ],
      noMatch: [
        'PT  WARNING:     ErrorCode:InvalidCookie(2)',
        '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?',
      ],
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
    lookalikes: [SIMPLEAUTH_LOOKALIKE],
    examples: {
      match: [
        {
          line: 'PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/SyncUpdates"',
          fields: { service: 'ClientWebService', method: 'SyncUpdates' },
        },
        {
          line: 'PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"',
          fields: { method: 'GetAuthorizationCookie' },
        },
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
        en: "0x80244007 is a SOAP client fault (e.g. InvalidParameters: KB4096317, maxInstalledPrerequisites in the client web service's web.config; or InternalServerError on SimpleAuthWebService/GetAuthorizationCookie) — not KB954960.",
        ja: '0x80244007 は SOAP クライアントのエラーです (例: InvalidParameters は KB4096317 で、クライアント Web サービスの web.config の maxInstalledPrerequisites。SimpleAuthWebService/GetAuthorizationCookie の InternalServerError も同じコード)。KB954960 ではありません。',
      },
      {
        code: '0x80244022',
        en: '0x80244022 is HTTP 503: the WSUS application pool is stopped — not KB954960.',
        ja: '0x80244022 は HTTP 503 で、WSUS のアプリケーション プールが停止しています。KB954960 ではありません。',
      },
      { code: '0x8024401C', en: '0x8024401C is a timeout — not KB954960.', ja: '0x8024401C はタイムアウトです。KB954960 ではありません。' },
      { code: '0x80072EE2', en: '0x80072EE2 is a timeout — not KB954960.', ja: '0x80072EE2 はタイムアウトです。KB954960 ではありません。' },
      {
        code: '0x8024402C',
        en: '0x8024402C is a proxy or name-resolution failure — not KB954960.',
        ja: '0x8024402C はプロキシまたは名前解決のエラーです。KB954960 ではありません。',
      },
      {
        code: '0x80244008',
        en: '0x80244008 with SQL timeouts on the server is KB909131 — not KB954960.',
        ja: '0x80244008 でサーバー側に SQL タイムアウトがある場合は KB909131 です。KB954960 ではありません。',
      },
    ],
    examples: {
      match: [
        {
          line: 'PT  WARNING: SyncUpdates failure, error = 0x80244007, soap client error = 7, soap error code = 400, HTTP status code = 200',
          fields: { code: '0x80244007' },
        },
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
] as const satisfies readonly Rule[];
