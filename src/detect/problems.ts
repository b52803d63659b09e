import type { KbRuleId } from './rules.js';
import type { Localized, Lookalike, Rule, Source } from './rule.js';
import { KB3090184, KB4025764, KB4096317, KB4482416, KB909131, WINCM_SIMPLEAUTH, WSUS_BLOG_ROUND_TRIPS } from './sources.js';

/*
 * The known WSUS client failures other than KB954960, as data: the table "Known causes" of shared/WU-ERRORS.md, one
 * pack per row. A pack names its evidence (failure codes, and line rules where the source names log text), the cause
 * and the first remedy as its source words them, the source, its look-alikes and examples that
 * test/problems.test.ts runs. The line rules ride in the scanner's single pass beside the KB954960 rules.
 * Pure data: matching a scan against the packs is src/diagnose/problems.ts.
 */

/** Kept as the packs' name for it: the same shape as a rule's sources. */
export type ProblemSource = Source;

/** One way the evidence can show: any of `codes` AND any of `lines` (rule ids), where given. */
export interface ProblemSignature {
  readonly codes?: readonly string[];
  readonly lines?: readonly (ProblemRuleId | KbRuleId)[];
}

export interface ProblemPack {
  readonly id: string;
  readonly title: Localized;
  /** The pack is present when one signature holds. */
  readonly signatures: readonly ProblemSignature[];
  /** Every failure code that belongs to this problem (signature codes and codes that come with it). */
  readonly codes: readonly string[];
  /** Server fault ErrorCode names this problem explains (the KB954960 look-alike notes that it replaces). */
  readonly faultCodes?: readonly string[];
  /** The line rules of this pack (role `problem`), scanned with the KB954960 rules. */
  readonly rules: readonly Rule<ProblemRuleId>[];
  readonly cause: Localized;
  /** The first remedy, as the source words it. */
  readonly remedy: Localized;
  readonly source: ProblemSource;
  /** What it is easily confused with. */
  readonly lookalikes: readonly Lookalike[];
  /** false: the source says it usually clears by itself; scan exits 0 for it alone. */
  readonly needsAction: boolean;
  /** Pastes (lines joined by \n) that must show the pack, and pastes that must not. */
  readonly examples: { readonly present: readonly string[]; readonly absent: readonly string[] };
}


const CLIENT = '2017-08-24\t10:02:11:123\t 912\t1a2c\tPT\tWARNING:';
const GUIDLINE = 'Agent\t  * ServiceID = {80244022-1DEE-4B24-8024-401C80072EE2} Managed';

const INVALID_PARAMETERS = {
  id: 'problem-invalid-parameters',
  title: 'ErrorCode InvalidParameters from the client web service',
  source: 'WindowsUpdate.log',
  role: 'problem',
  literals: ['InvalidParameters'],
  pattern: /ErrorCode(?:>|\s*[:=]\s*)InvalidParameters\b/,
  meaning: {
    en: 'The client web service refused SyncUpdates with InvalidParameters (KB4096317).',
    ja: 'クライアント Web サービスが SyncUpdates を InvalidParameters で拒否しました (KB4096317)。',
  },
  sources: [KB4096317],
  examples: {
    match: [
      { line: 'WS error: <detail><ErrorCode>InvalidParameters</ErrorCode><Message>parameters.InstalledNonLeafUpdateIDs</Message><ID>GUID</ID><Method> http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/SyncUpdates"</Method></detail>"' },
      { line: 'ThrowException: actor = http://WSUSServerName:8530/ClientWebService/client.asmxs, ID=GUID, ErrorCode=InvalidParameters, Message=parameters.InstalledNonLeafUpdateIDs, Client=Client_ID' },
    ],
    noMatch: ['PT\tWARNING:     ErrorCode:InternalServerError(5)', 'Agent\t  * InvalidParametersCount = 0'],
  },
} as const satisfies Rule;

const SIMPLEAUTH_EXCEPTION = {
  id: 'problem-simpleauth-constructor',
  title: 'Exception in the SimpleAuth constructor',
  source: 'SoftwareDistribution.log',
  role: 'problem',
  literals: ['SimpleAuth constructor'],
  pattern: /Exception in SimpleAuth constructor:\s*System\.IndexOutOfRangeException/,
  meaning: {
    en: 'The WSUS SimpleAuth web service fails in its constructor (after an update to WSUS).',
    ja: 'WSUS の SimpleAuth Web サービスがコンストラクターで失敗しています (WSUS への更新の適用後)。',
  },
  sources: [WINCM_SIMPLEAUTH],
  examples: {
    match: [{ line: '2016-05-18 04:30:52.110 UTC\tError\tw3wp.9\tSimpleAuth..ctor\tException in SimpleAuth constructor: System.IndexOutOfRangeException: Der Index war außerhalb des Arraybereichs.' }],
    noMatch: ['2016-05-18 04:30:52.110 UTC\tInfo\tw3wp.9\tSimpleAuth..ctor\tSimpleAuth constructor completed', 'System.IndexOutOfRangeException: Index was outside the bounds of the array.'],
  },
} as const satisfies Rule;

const SIMPLEAUTH_COOKIE_FAULT = {
  id: 'problem-simpleauth-cookie-fault',
  title: 'SOAP fault on SimpleAuthWebService/GetAuthorizationCookie',
  source: 'WindowsUpdate.log',
  role: 'problem',
  literals: ['GetAuthorizationCookie'],
  pattern: /SimpleAuthWebService\/GetAuthorizationCookie/,
  keep: 'first',
  meaning: {
    en: 'The client\'s fault came from the SimpleAuth web service (GetAuthorizationCookie), not from the sync itself.',
    ja: 'クライアントのエラーは同期そのものではなく SimpleAuth Web サービス (GetAuthorizationCookie) から返されています。',
  },
  sources: [WINCM_SIMPLEAUTH],
  examples: {
    match: [{ line: 'PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"' }],
    noMatch: ['PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/GetCookie"'],
  },
} as const satisfies Rule;

const ROUND_TRIPS = {
  id: 'problem-max-server-round-trips',
  title: 'SyncServerUpdatesInternal failed: 0x80244010',
  source: 'WindowsUpdate.log',
  role: 'problem',
  literals: ['SyncServerUpdatesInternal failed', 'Exceeded max server round trips'],
  pattern: /(?:SyncServerUpdatesInternal failed|Exceeded max server round trips):\s*0x80244010\b/i,
  meaning: {
    en: 'The client exceeded the 200 round trips a sync may take.',
    ja: 'クライアントが 1 回の同期で許される 200 回の往復を超えました。',
  },
  sources: [WSUS_BLOG_ROUND_TRIPS],
  examples: {
    match: [
      { line: '2008-09-11 15:08:57:651 4908 738 PT WARNING: SyncServerUpdatesInternal failed: 0x80244010' },
      { line: '2008-09-11 15:08:57:651 4908 738 PT WARNING: Exceeded max server round trips: 0x80244010' },
    ],
    noMatch: ['2008-09-11 15:08:57:651 4908 738 PT WARNING: SyncServerUpdatesInternal failed: 0x8024400E'],
  },
} as const satisfies Rule;

const UPSTREAM_SYNC = {
  id: 'problem-upstream-sync-soapexception',
  title: 'Upstream sync fault (ServerSyncWebService / GetUpdateData)',
  source: 'SoftwareDistribution.log',
  role: 'problem',
  literals: ['ServerSyncWebService', 'GetUpdateData'],
  // Anchored lookaheads: linear on a long line.
  pattern: /^(?=.*?(?:ServerSyncWebService|GetUpdateData))(?=.*?(?:SoapException|ThrowException|InternalServerError))/,
  meaning: {
    en: 'The WSUS server\'s own sync with its upstream server failed with a SOAP fault.',
    ja: 'WSUS サーバー自身の上位サーバーとの同期が SOAP Fault で失敗しました。',
  },
  sources: [KB4482416],
  examples: {
    match: [
      { line: '2019-07-10 02:00:13.456 UTC\tError\tWsusService.25\tSoapUtilities.LogException\tUSS ThrowException: Actor = https://fe2.update.microsoft.com/v6/ServerSyncWebService/ServerSyncWebService.asmx, Method = "http://www.microsoft.com/SoftwareDistribution/GetUpdateData", ID=6b1f0d1e-3c52-4bd6-9a3e-2f4b5c6d7e8f, ErrorCode=InternalServerError, Message=' },
    ],
    noMatch: [
      '   at Microsoft.UpdateServices.ServerSyncWebServices.ServerSync.ServerSyncProxy.GetUpdateData(Cookie cookie, UpdateIdentity[] updateIds)',
      '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?',
    ],
  },
} as const satisfies Rule;

const SQL_TIMEOUT = {
  id: 'problem-sql-timeout',
  title: 'SQL time-out in the WSUS server log',
  source: 'SoftwareDistribution.log',
  role: 'problem',
  literals: ['Timeout expired'],
  pattern: /Timeout expired\.\s*The timeout period elapsed prior to completion of the operation/,
  meaning: {
    en: 'A query of the WSUS database timed out.',
    ja: 'WSUS データベースへのクエリがタイムアウトしました。',
  },
  sources: [KB909131],
  examples: {
    match: [{ line: 'LineNumber 0: Timeout expired. The timeout period elapsed prior to completion of the operation or the server is not responding.' }],
    noMatch: ['PT\tWARNING: Timeout expired while waiting for the proxy', 'Misc\tWARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072ee2'],
  },
} as const satisfies Rule;

/** The packs' line rules' ids: a pack's signature names them, and they are part of every finding's `RuleId`. */
export type ProblemRuleId = (typeof INVALID_PARAMETERS | typeof SIMPLEAUTH_EXCEPTION | typeof SIMPLEAUTH_COOKIE_FAULT | typeof ROUND_TRIPS | typeof UPSTREAM_SYNC | typeof SQL_TIMEOUT)['id'];

export const PROBLEM_PACKS: readonly ProblemPack[] = [
  {
    id: 'wsus-app-pool-503',
    title: { en: 'WSUS application pool stopped or recycling (HTTP 503)', ja: 'WSUS アプリケーション プールの停止・リサイクル (HTTP 503)' },
    signatures: [{ codes: ['0x80244022'] }],
    codes: ['0x80244022'],
    rules: [],
    cause: {
      en: 'The WSUS application pool (WsusPool) stopped or keeps recycling, typically on its private memory limit.',
      ja: 'WSUS のアプリケーション プール (WsusPool) が停止しているか、(多くはプライベート メモリの上限で) リサイクルを繰り返しています。',
    },
    remedy: {
      en: 'Start the WsusPool application pool in IIS; raise its Private Memory Limit and queue length; look for its recycle events.',
      ja: 'IIS で WsusPool アプリケーション プールを開始し、プライベート メモリの上限とキューの長さを引き上げ、リサイクルのイベントを確認してください。',
    },
    source: KB4025764,
    lookalikes: [{ en: '0x8024401F is HTTP 500: an error inside the web service, not a stopped pool.', ja: '0x8024401F は HTTP 500 で、Web サービス内部のエラーです (プールの停止ではありません)。' }],
    needsAction: true,
    examples: {
      present: [`${CLIENT} Sync of Updates: 0x80244022`, 'AU\t# WARNING: Failed to find updates with error code 80244022'],
      absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x8024401F`],
    },
  },
  {
    id: 'wsus-timeouts',
    title: { en: 'Time-outs talking to the WSUS server', ja: 'WSUS サーバーとの通信のタイムアウト' },
    signatures: [{ codes: ['0x8024401C', '0x80072EE2', '0x80244023'] }],
    codes: ['0x8024401C', '0x80072EE2', '0x80244023'],
    rules: [],
    cause: {
      en: 'The client web service is overloaded or recycling (high CPU/memory on the WSUS app pool), or the network or a proxy drops the request.',
      ja: 'クライアント Web サービスが過負荷かリサイクル中 (WSUS アプリ プールの CPU・メモリ高負荷) か、ネットワークやプロキシが要求を落としています。',
    },
    remedy: {
      en: 'Check the WsusPool application pool as for HTTP 503; check that the client reaches /ClientWebService/client.asmx, /SimpleAuthWebService/SimpleAuth.asmx and /Selfupdate/wuident.cab, and ports 80/443/8530/8531.',
      ja: 'HTTP 503 と同様に WsusPool を確認し、クライアントから /ClientWebService/client.asmx、/SimpleAuthWebService/SimpleAuth.asmx、/Selfupdate/wuident.cab に届くこと、ポート 80/443/8530/8531 を確認してください。',
    },
    source: KB3090184,
    lookalikes: [{ en: '0x80072EFD (cannot connect) means nothing answered at all: a firewall or a stopped site.', ja: '0x80072EFD (接続できない) は応答がまったくない状態で、ファイアウォールやサイトの停止を疑います。' }],
    needsAction: true,
    examples: {
      present: ['Misc\tWARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072ee2', 'PT\tWARNING: Sync of Updates: 0x8024401c'],
      absent: [GUIDLINE, 'Misc\tWARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072efd'],
    },
  },
  {
    id: 'proxy-name-resolution',
    title: { en: 'Proxy or name resolution', ja: 'プロキシまたは名前解決' },
    signatures: [{ codes: ['0x8024402C', '0x80072EE7', '0x80240438', '0x8024401B', '0x80244021', '0x80240030'] }],
    codes: ['0x8024402C', '0x80072EE7', '0x80240438', '0x8024401B', '0x80244021', '0x80240030'],
    rules: [],
    cause: {
      en: 'The client cannot resolve or reach the WSUS server, or the proxy refuses it.',
      ja: 'クライアントが WSUS サーバーの名前を解決できないか到達できない、またはプロキシが拒否しています。',
    },
    remedy: {
      en: 'Check the WUServer policy name, DNS, the WinHTTP proxy (`netsh winhttp show proxy`) and the proxy bypass list.',
      ja: 'WUServer ポリシーのサーバー名、DNS、WinHTTP プロキシ (`netsh winhttp show proxy`) とプロキシの除外リストを確認してください。',
    },
    source: KB3090184,
    lookalikes: [{ en: '0x80244011 means the WUServer policy value is missing, not that its name fails to resolve.', ja: '0x80244011 は WUServer ポリシー値そのものがない状態で、名前解決の失敗ではありません。' }],
    needsAction: true,
    examples: {
      present: [`${CLIENT} Sync of Updates: 0x8024402C`, 'PT\tWARNING: Failed to get server URL, hr = 80072EE7'],
      absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x80244011`],
    },
  },
  {
    id: 'vdir-401-403',
    title: { en: '401/403 on the WSUS virtual directories', ja: 'WSUS 仮想ディレクトリでの 401/403' },
    signatures: [{ codes: ['0x80244017', '0x80244018'] }],
    codes: ['0x80244017', '0x80244018'],
    rules: [],
    cause: { en: 'Authentication or authorization on the WSUS virtual directories.', ja: 'WSUS の仮想ディレクトリの認証または承認の設定です。' },
    remedy: {
      en: 'Check the IIS authentication settings of the WSUS site\'s virtual directories.',
      ja: 'WSUS サイトの仮想ディレクトリの IIS 認証設定を確認してください。',
    },
    source: KB3090184,
    lookalikes: [{ en: '0x8024401B is HTTP 407: the proxy, not WSUS, wants credentials.', ja: '0x8024401B は HTTP 407 で、認証を求めているのは WSUS ではなくプロキシです。' }],
    needsAction: true,
    examples: {
      present: [`${CLIENT} Sync of Updates: 0x80244017`, `${CLIENT} SyncUpdates failure, error = 0x80244018, soap client error = 5`],
      absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x8024401B`],
    },
  },
  {
    id: 'ssl-client-certificates',
    title: { en: 'Client certificates required on the WSUS SSL virtual directories', ja: 'WSUS の SSL 仮想ディレクトリがクライアント証明書を要求' },
    signatures: [{ codes: ['0x80072F0C'] }],
    codes: ['0x80072F0C'],
    rules: [],
    cause: {
      en: 'The SSL virtual directories are set to accept or require client certificates.',
      ja: 'SSL を使う仮想ディレクトリがクライアント証明書を「受理する」または「必要」に設定されています。',
    },
    remedy: { en: 'Set client certificates to Ignore on the WSUS SSL virtual directories.', ja: 'WSUS の SSL 仮想ディレクトリでクライアント証明書を「無視する」に設定してください。' },
    source: KB3090184,
    lookalikes: [{ en: '0x80072F8F is an error in the server\'s own certificate (or the client clock), not a request for a client certificate.', ja: '0x80072F8F はサーバー証明書 (またはクライアントの時計) の問題で、クライアント証明書の要求ではありません。' }],
    needsAction: true,
    examples: { present: [`${CLIENT} Sync of Updates: 0x80072F0C`], absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x80072F8F`] },
  },
  {
    id: 'invalid-parameters-kb4096317',
    title: { en: 'InvalidParameters: too many installed prerequisites (KB4096317)', ja: 'InvalidParameters: インストール済みの前提条件が多すぎる (KB4096317)' },
    signatures: [{ lines: [INVALID_PARAMETERS.id] }],
    codes: ['0x80244007'],
    faultCodes: ['InvalidParameters'],
    rules: [INVALID_PARAMETERS],
    cause: {
      en: 'The number of updates to be synchronized exceeds the maximum number of installed prerequisites that a WSUS client can pass to SyncUpdates.',
      ja: '同期する更新プログラムの数が、WSUS クライアントが SyncUpdates に渡せるインストール済み前提条件の上限を超えています。',
    },
    remedy: {
      en: 'On the WSUS server, in %programfiles%\\Update Services\\WebServices\\ClientWebService\\web.config change maxInstalledPrerequisites from 400 to 800, save, and run IISReset.',
      ja: 'WSUS サーバーの %programfiles%\\Update Services\\WebServices\\ClientWebService\\web.config で maxInstalledPrerequisites を 400 から 800 に変更して保存し、IISReset を実行してください。',
    },
    source: KB4096317,
    lookalikes: [{ en: '0x80244007 with InternalServerError on SimpleAuthWebService/GetAuthorizationCookie is the SimpleAuth failure.', ja: 'SimpleAuthWebService/GetAuthorizationCookie での InternalServerError を伴う 0x80244007 は SimpleAuth の障害です。' }],
    needsAction: true,
    examples: {
      present: [
        'WS error: <detail><ErrorCode>InvalidParameters</ErrorCode><Message>parameters.InstalledNonLeafUpdateIDs</Message></detail>\n*FAILED* [80244007] SyncUpdates_WithRecovery failed',
        'ThrowException: actor = http://wsus01:8530/ClientWebService/client.asmx, ID=1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d, ErrorCode=InvalidParameters, Message=parameters.InstalledNonLeafUpdateIDs, Client=?',
      ],
      absent: [`${CLIENT} SyncUpdates failure, error = 0x80244007, soap client error = 7, soap error code = 300`],
    },
  },
  {
    id: 'simpleauth-failure',
    title: { en: 'SimpleAuth web service failure on the WSUS server', ja: 'WSUS サーバーの SimpleAuth Web サービスの障害' },
    signatures: [{ lines: [SIMPLEAUTH_EXCEPTION.id] }, { codes: ['0x80244007'], lines: [SIMPLEAUTH_COOKIE_FAULT.id] }],
    codes: ['0x80244007'],
    rules: [SIMPLEAUTH_EXCEPTION, SIMPLEAUTH_COOKIE_FAULT],
    cause: {
      en: 'A SimpleAuth web service failure on the server after an update to WSUS (an exception in the SimpleAuth constructor; the WSUS service stops, event 507).',
      ja: 'WSUS への更新の適用後にサーバーの SimpleAuth Web サービスが失敗しています (SimpleAuth コンストラクターの例外。WSUS サービスが停止し、イベント 507)。',
    },
    remedy: {
      en: 'See the source: the WSUS service stops after the update (KB3148812 / KB3159706 era); repair or remove the offending update.',
      ja: '出典を参照してください: 更新 (KB3148812 / KB3159706 の時期) の後に WSUS サービスが停止します。原因の更新を修復するか削除してください。',
    },
    source: WINCM_SIMPLEAUTH,
    lookalikes: [{ en: 'InternalServerError on ClientWebService/SyncUpdates is KB954960, not SimpleAuth.', ja: 'ClientWebService/SyncUpdates の InternalServerError は KB954960 で、SimpleAuth ではありません。' }],
    needsAction: true,
    examples: {
      present: [
        'Exception in SimpleAuth constructor: System.IndexOutOfRangeException: Index was outside the bounds of the array.',
        `${CLIENT} SyncUpdates failure, error = 0x80244007, soap client error = 7\nPT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"`,
      ],
      absent: ['PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"', `${CLIENT} SyncUpdates failure, error = 0x80244007`],
    },
  },
  {
    id: 'max-server-round-trips',
    title: { en: 'Too many round trips to the server (0x80244010)', ja: 'サーバーとの往復回数の超過 (0x80244010)' },
    signatures: [{ codes: ['0x80244010'] }, { lines: [ROUND_TRIPS.id] }],
    codes: ['0x80244010'],
    rules: [ROUND_TRIPS],
    cause: {
      en: 'The sync needs more than the hard-coded 200 round trips; large update metadata (many Office updates) makes it likelier.',
      ja: '同期にコードで固定された上限 200 回を超える往復が必要です。更新プログラムのメタデータが大きい (Office の更新が多い) ほど起きやすくなります。',
    },
    remedy: {
      en: 'It usually succeeds on a later sync; decline what is not needed and run the server clean-up.',
      ja: '多くは次回以降の同期で成功します。不要な更新を拒否し、サーバー クリーンアップを実行してください。',
    },
    source: WSUS_BLOG_ROUND_TRIPS,
    lookalikes: [{ en: '0x8024400D (message too large) also comes from too much update metadata, but fails at once.', ja: '0x8024400D (メッセージが大きすぎる) もメタデータの多さが原因ですが、即座に失敗します。' }],
    needsAction: false,
    examples: {
      present: ['2008-09-11 15:08:57:651 4908 738 PT WARNING: SyncServerUpdatesInternal failed: 0x80244010', '2008-09-11 15:08:57:651 4908 738 Agent * WARNING: Exit code = 0x80244010'],
      absent: [GUIDLINE, '2008-09-11 15:08:57:651 4908 738 PT WARNING: SyncServerUpdatesInternal failed: 0x8024401C'],
    },
  },
  {
    id: 'message-too-large-0x8024400d',
    title: { en: 'Malformed or too large SOAP message (0x8024400D)', ja: 'SOAP メッセージの不正・過大 (0x8024400D)' },
    signatures: [{ codes: ['0x8024400D'] }],
    codes: ['0x8024400D'],
    rules: [],
    cause: {
      en: 'Too many expired or superseded updates on the server make the message too large.',
      ja: 'サーバー上の期限切れ・置き換え済みの更新プログラムが多すぎて、メッセージが大きくなりすぎています。',
    },
    remedy: { en: 'Run the WSUS server clean-up; decline superseded updates.', ja: 'WSUS のサーバー クリーンアップを実行し、置き換え済みの更新プログラムを拒否してください。' },
    source: { title: 'Admins\' write-ups (e.g. blog.thomasmarcussen.com)', url: 'https://blog.thomasmarcussen.com/' },
    lookalikes: [{ en: '0x8024400E (a SOAP server error) is a different fault; with InternalServerError(5) it is KB954960.', ja: '0x8024400E (SOAP サーバー エラー) は別のエラーで、InternalServerError(5) を伴えば KB954960 です。' }],
    needsAction: true,
    examples: {
      present: [`${CLIENT} SyncUpdates failure, error = 0x8024400D, soap client error = 7, soap error code = 300`],
      absent: [GUIDLINE, `${CLIENT} SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400`],
    },
  },
  {
    id: 'untrusted-root-local-publishing',
    title: { en: 'Untrusted root for locally published updates (0x800B0109)', ja: 'ローカル発行の更新プログラムの署名証明書が信頼されていない (0x800B0109)' },
    signatures: [{ codes: ['0x800B0109'] }],
    codes: ['0x800B0109'],
    rules: [],
    cause: {
      en: 'The client does not trust the certificate that signed the locally published (third-party) update.',
      ja: 'ローカル発行 (サード パーティ) の更新プログラムに署名した証明書を、クライアントが信頼していません。',
    },
    remedy: {
      en: 'Distribute the WSUS signing certificate to the clients\' Trusted Root and Trusted Publishers stores (for example by Group Policy); check with `certutil -store TrustedPublisher`.',
      ja: 'WSUS の署名証明書をクライアントの「信頼されたルート証明機関」と「信頼された発行元」に配布し (グループ ポリシーなど)、`certutil -store TrustedPublisher` で確認してください。',
    },
    source: { title: 'blog.schnettker.com, 2011-05-13: WSUS und Fehler 0x800b0109', url: 'http://blog.schnettker.com/2011/05/13/wsus-und-fehler-0x800b0109/' },
    lookalikes: [{ en: '0x800B0004 means the certificate is in Trusted Root but not in Trusted Publishers.', ja: '0x800B0004 は証明書が「信頼されたルート」にはあるが「信頼された発行元」にない状態です。' }],
    needsAction: true,
    examples: {
      present: ['Report\tWER Report sent: 7.5.7601.17514 0x800b0109 4D509848-8223-4F22-8333-BAA0B862AB08 Download 101 Managed'],
      absent: ['Report\tREPORT EVENT: {EA548808-B54D-49BF-8D03-8D53BC1F92F2} 2011-05-13 07:47:07:169+0200 1 161 101 {4D509848-800B-0109-8333-BAA0B862AB08} 1 0 AutomaticUpdates Success'],
    },
  },
  {
    id: 'upstream-sync-soapexception',
    title: { en: 'WSUS server\'s upstream sync fails with a SoapException (KB4482416)', ja: 'WSUS サーバーの上位同期が SoapException で失敗 (KB4482416)' },
    signatures: [{ lines: [UPSTREAM_SYNC.id] }],
    codes: [],
    rules: [UPSTREAM_SYNC],
    cause: {
      en: 'The WSUS server\'s own sync with its upstream fails — a server problem, not a client one. KB4482416: the server is configured to use the old endpoint https://fe2.update.microsoft.com/v6, decommissioned after July 8, 2019.',
      ja: 'WSUS サーバー自身の上位との同期が失敗しています (クライアントではなくサーバーの問題)。KB4482416: 2019 年 7 月 8 日以降に廃止された旧エンドポイント https://fe2.update.microsoft.com/v6 を使う設定になっています。',
    },
    remedy: {
      en: 'See the source: on the topmost WSUS server change the synchronization endpoint (MUUrl) to https://sws.update.microsoft.com, then verify that synchronization succeeds.',
      ja: '出典を参照してください: 最上位の WSUS サーバーで同期のエンドポイント (MUUrl) を https://sws.update.microsoft.com に変更し、同期が成功することを確認します。',
    },
    source: KB4482416,
    lookalikes: [{ en: 'ThrowException for /ClientWebService/client.asmx with InternalServerError is KB954960 (a client sync), not the upstream sync.', ja: '/ClientWebService/client.asmx の ThrowException (InternalServerError) は KB954960 (クライアントの同期) で、上位同期ではありません。' }],
    needsAction: true,
    examples: {
      present: ['2019-07-10 02:00:13.456 UTC\tError\tWsusService.25\tSoapUtilities.LogException\tUSS ThrowException: Actor = https://fe2.update.microsoft.com/v6/ServerSyncWebService/ServerSyncWebService.asmx, Method = "http://www.microsoft.com/SoftwareDistribution/GetUpdateData", ID=6b1f0d1e-3c52-4bd6-9a3e-2f4b5c6d7e8f, ErrorCode=InternalServerError, Message='],
      absent: ['2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?'],
    },
  },
  {
    id: 'sql-timeouts-kb909131',
    title: { en: 'WSUS database time-outs (KB909131)', ja: 'WSUS データベースのタイムアウト (KB909131)' },
    signatures: [{ lines: [SQL_TIMEOUT.id] }],
    codes: ['0x80244008'],
    rules: [SQL_TIMEOUT],
    cause: {
      en: 'The WSUS database times out. KB909131: this problem occurs if the number of reporting events in the tbEventInstance table exceeds 1 million rows.',
      ja: 'WSUS データベースがタイムアウトしています。KB909131: tbEventInstance テーブルのレポート イベントが 100 万行を超えると発生します。',
    },
    remedy: {
      en: 'See the source (KB909131): reduce the reporting events in the tbEventInstance table as the article describes.',
      ja: '出典 (KB909131) を参照し、記事の手順で tbEventInstance テーブルのレポート イベントを減らしてください。',
    },
    source: KB909131,
    lookalikes: [{ en: '0x80244008 alone (no SQL time-out on the server) is only a SOAP fault the client could not parse.', ja: 'サーバー側に SQL タイムアウトのない 0x80244008 だけなら、クライアントが SOAP Fault を解析できなかったというだけです。' }],
    needsAction: true,
    examples: {
      present: [
        'WARNING: Failed to upload events to the server with hr = 80244008\nUTC Error w3wp.130 DBConnection.LogSqlException DBLAYER: Errors[0]: Source .Net SqlClient Data Provider, Server OPC-AD-WSUS1N\\WSUS, Number -2, Class 10, State 0, Procedure ConnectionRead (WrapperRead())., LineNumber 0: Timeout expired. The timeout period elapsed prior to completion of the operation or the server is not responding.',
      ],
      absent: ['WARNING: Failed to upload events to the server with hr = 80244008'],
    },
  },
];

/** The packs' line rules, in pack order: the scanner runs them with the KB954960 rules. */
export const PROBLEM_RULES: readonly Rule<ProblemRuleId>[] = PROBLEM_PACKS.flatMap((p) => p.rules);

/** The known problems a failure code belongs to. */
export function packsForCode(code: string): ProblemPack[] {
  return PROBLEM_PACKS.filter((p) => p.codes.includes(code));
}
