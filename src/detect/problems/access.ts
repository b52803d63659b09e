import type { Rule } from '../rule.js';
import { KB3090184, KB4484071, MS_0X80072F8F, TECHNET_WIKI_4165, WINCM_SIMPLEAUTH } from '../sources.js';
import { CLIENT, GUIDLINE, NO_WSUS, type ProblemPackOf } from './pack.js';

/*
 * Authentication and certificates: the server answers, but refuses the client (401/403, client certificates on the
 * SSL virtual directories), its SimpleAuth web service fails, or the client does not trust what the server signed.
 */

const SIMPLEAUTH_EXCEPTION = {
  id: 'problem-simpleauth-constructor',
  title: 'Exception in the SimpleAuth constructor',
  source: 'SoftwareDistribution.log',
  role: 'problem',
  literals: ['SimpleAuth constructor'],
  pattern: /Exception in SimpleAuth constructor:\s*System\.IndexOutOfRangeException/,
  meaning: {
    en: 'The WSUS SimpleAuth web service fails in its constructor (after an update to WSUS).',
    ja: 'WSUS の SimpleAuth Web サービスがコンストラクターで失敗しています (WSUS への更新プログラムの適用後)。',
  },
  sources: [WINCM_SIMPLEAUTH],
  examples: {
    match: [
      {
        line: '2016-05-18 04:30:52.110 UTC\tError\tw3wp.9\tSimpleAuth..ctor\tException in SimpleAuth constructor: System.IndexOutOfRangeException: Der Index war außerhalb des Arraybereichs.',
      },
    ],
    noMatch: [
      '2016-05-18 04:30:52.110 UTC\tInfo\tw3wp.9\tSimpleAuth..ctor\tSimpleAuth constructor completed',
      'System.IndexOutOfRangeException: Index was outside the bounds of the array.',
    ],
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
    en: "The client's fault came from the SimpleAuth web service (GetAuthorizationCookie), not from the sync itself.",
    ja: 'クライアントのエラーは同期そのものではなく SimpleAuth Web サービス (GetAuthorizationCookie) から返されています。',
  },
  sources: [WINCM_SIMPLEAUTH],
  examples: {
    match: [{ line: 'PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"' }],
    noMatch: ['PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/GetCookie"'],
  },
} as const satisfies Rule;

/** This theme's line rules' ids. */
export type AccessRuleId = (typeof SIMPLEAUTH_EXCEPTION | typeof SIMPLEAUTH_COOKIE_FAULT)['id'];

export const VDIR_401_403: ProblemPackOf<never> = {
  id: 'vdir-401-403',
  title: { en: '401/403 on the WSUS virtual directories', ja: 'WSUS 仮想ディレクトリでの 401/403' },
  signatures: [{ codes: ['0x80244017', '0x80244018'] }, { http: ['401', '403'] }],
  codes: ['0x80244017', '0x80244018'],
  rules: [],
  cause: { en: 'Authentication or authorization on the WSUS virtual directories.', ja: 'WSUS の仮想ディレクトリの認証または承認の設定です。' },
  remedy: {
    en: "Check the IIS authentication settings of the WSUS site's virtual directories.",
    ja: 'WSUS サイトの仮想ディレクトリの IIS 認証設定を確認してください。',
  },
  source: KB3090184,
  lookalikes: [
    {
      en: '0x8024401B is HTTP 407: the proxy, not WSUS, wants credentials.',
      ja: '0x8024401B は HTTP 407 で、認証を求めているのは WSUS ではなくプロキシです。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      `${CLIENT} Sync of Updates: 0x80244017`,
      `${CLIENT} SyncUpdates failure, error = 0x80244018, soap client error = 5`,
      // The status beside another HRESULT (ERROR_* from Win32): the 401 is what tells.
      '2005-07-28 14:33:53 1344 74c PT + Last proxy send request failed with hr = 0x800710DD, HTTP status code = 401',
    ],
    absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x8024401B`, 'PT + Last proxy send request failed with hr = 0x800710DD, HTTP status code = 200'],
  },
};

export const SSL_CLIENT_CERTIFICATES: ProblemPackOf<never> = {
  id: 'ssl-client-certificates',
  title: { en: 'Client certificates required on the WSUS SSL virtual directories', ja: 'WSUS の SSL 仮想ディレクトリがクライアント証明書を要求' },
  signatures: [{ codes: ['0x80072F0C'] }],
  codes: ['0x80072F0C'],
  rules: [],
  cause: {
    en: 'The SSL virtual directories are set to accept or require client certificates.',
    ja: 'SSL を使う仮想ディレクトリがクライアント証明書を「受理する」または「必要」に設定されています。',
  },
  remedy: {
    en: 'Set client certificates to Ignore on the WSUS SSL virtual directories.',
    ja: 'WSUS の SSL 仮想ディレクトリでクライアント証明書を「無視する」に設定してください。',
  },
  source: KB3090184,
  lookalikes: [
    {
      en: "0x80072F8F is an error in the server's own certificate (or the client clock), not a request for a client certificate.",
      ja: '0x80072F8F はサーバー証明書 (またはクライアントの時計) の問題で、クライアント証明書の要求ではありません。',
    },
  ],
  needsAction: true,
  examples: { present: [`${CLIENT} Sync of Updates: 0x80072F0C`], absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x80072F8F`] },
};

export const SIMPLEAUTH_FAILURE: ProblemPackOf<AccessRuleId> = {
  id: 'simpleauth-failure',
  title: { en: 'SimpleAuth web service failure on the WSUS server', ja: 'WSUS サーバーの SimpleAuth Web サービスの障害' },
  signatures: [{ lines: [SIMPLEAUTH_EXCEPTION.id] }, { codes: ['0x80244007'], lines: [SIMPLEAUTH_COOKIE_FAULT.id] }],
  codes: ['0x80244007'],
  rules: [SIMPLEAUTH_EXCEPTION, SIMPLEAUTH_COOKIE_FAULT],
  cause: {
    en: 'A SimpleAuth web service failure on the server after an update to WSUS (an exception in the SimpleAuth constructor; the WSUS service stops, event 507).',
    ja: 'WSUS への更新プログラムの適用後にサーバーの SimpleAuth Web サービスが失敗しています (SimpleAuth コンストラクターの例外。WSUS サービスが停止し、イベント ID 507)。',
  },
  remedy: {
    en: 'See the source: the WSUS service stops after the update (KB3148812 / KB3159706 era); repair or remove the offending update.',
    ja: '出典を参照してください: 更新プログラム (KB3148812 / KB3159706 の時期) の適用後に WSUS サービスが停止します。原因の更新プログラムを修復するか削除してください。',
  },
  source: WINCM_SIMPLEAUTH,
  lookalikes: [
    {
      en: 'InternalServerError on ClientWebService/SyncUpdates is KB954960, not SimpleAuth.',
      ja: 'ClientWebService/SyncUpdates の InternalServerError は KB954960 で、SimpleAuth ではありません。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      'Exception in SimpleAuth constructor: System.IndexOutOfRangeException: Index was outside the bounds of the array.',
      `${CLIENT} SyncUpdates failure, error = 0x80244007, soap client error = 7\nPT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"`,
    ],
    absent: [
      'PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"',
      `${CLIENT} SyncUpdates failure, error = 0x80244007`,
    ],
  },
};

export const UNTRUSTED_ROOT_LOCAL_PUBLISHING: ProblemPackOf<never> = {
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
    en: "Distribute the WSUS signing certificate to the clients' Trusted Root and Trusted Publishers stores (for example by Group Policy); check with `certutil -store TrustedPublisher`.",
    ja: 'WSUS の署名証明書をクライアントの [信頼されたルート証明機関] と [信頼された発行元] に配布し (グループ ポリシーなど)、`certutil -store TrustedPublisher` で確認してください。',
  },
  source: { title: 'blog.schnettker.com, 2011-05-13: WSUS und Fehler 0x800b0109', url: 'http://blog.schnettker.com/2011/05/13/wsus-und-fehler-0x800b0109/' },
  lookalikes: [
    {
      en: '0x800B0004 means the certificate is in Trusted Root but not in Trusted Publishers.',
      ja: '0x800B0004 は証明書が[信頼されたルート証明機関] にはあるが [信頼された発行元] にない状態です。',
    },
    {
      en: "On a WSUS 3.0 SP2 server's own synchronization, 0x800B0109 is the missing SHA-2 support (KB4484071).",
      ja: 'WSUS 3.0 SP2 サーバー自身の同期での 0x800B0109 は、SHA-2 対応の未適用 (KB4484071) です。',
    },
  ],
  needsAction: true,
  examples: {
    present: ['Report\tWER Report sent: 7.5.7601.17514 0x800b0109 4D509848-8223-4F22-8333-BAA0B862AB08 Download 101 Managed'],
    absent: [
      'Report\tREPORT EVENT: {EA548808-B54D-49BF-8D03-8D53BC1F92F2} 2011-05-13 07:47:07:169+0200 1 161 101 {4D509848-800B-0109-8333-BAA0B862AB08} 1 0 AutomaticUpdates Success',
    ],
  },
};

export const SECURE_FAILURE_0X80072F8F: ProblemPackOf<never> = {
  id: 'ssl-clock-or-certificate-0x80072f8f',
  title: {
    en: 'SSL failure: the client clock or an untrusted certificate (0x80072F8F)',
    ja: 'SSL の失敗: クライアントの時計または信頼されていない証明書 (0x80072F8F)',
  },
  signatures: [{ codes: ['0x80072F8F'] }],
  codes: ['0x80072F8F'],
  rules: [],
  cause: {
    en: "SSL negotiation fails: the client's clock is out of sync, or (WSUS configured over SSL with a self-generated or internally signed certificate) the client does not trust the certificate chain.",
    ja: 'SSL ネゴシエーションが失敗しています。クライアントの時計がずれているか、(自己生成または社内で署名した証明書で SSL を構成した WSUS では) クライアントが証明書チェーンを信頼していません。',
  },
  remedy: {
    en: "Check the client's date, time and time zone (WindowsUpdate.log prints local time); then, as WSUS uses SSL, make the client trust the WSUS server certificate's chain (its root in Trusted Root Certification Authorities).",
    ja: 'クライアントの日付、時刻、タイム ゾーンを確認してください (WindowsUpdate.log はローカル時刻で記録します)。次に、WSUS が SSL を使っているので、WSUS サーバー証明書のチェーンをクライアントが信頼するようにしてください (ルート証明書を「信頼されたルート証明機関」に置きます)。',
  },
  source: MS_0X80072F8F,
  withoutWsus: {
    remedy: {
      en: "Check the client's date, time and time zone: SSL negotiation with Microsoft Update fails on an out-of-sync clock (WindowsUpdate.log prints local time).",
      ja: 'クライアントの日付、時刻、タイム ゾーンを確認してください。時計がずれていると Microsoft Update との SSL ネゴシエーションが失敗します (WindowsUpdate.log はローカル時刻で記録します)。',
    },
    source: MS_0X80072F8F,
  },
  lookalikes: [
    {
      en: "0x80072F0C is the server asking for a client certificate, not a failure to trust the server's.",
      ja: '0x80072F0C はサーバーがクライアント証明書を要求している状態で、サーバー証明書を信頼できない状態ではありません。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      '03E4 1668 Misc WinHttp: SendRequestToServerForFileInformation failed with 0x80072f8f; retrying with default proxy.',
      `${NO_WSUS}\n4744 4120 Misc *FAILED* [80072F8F] Send request`,
    ],
    absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x80072F0C`],
  },
};

export const WSUS30SP2_SHA2_KB4484071: ProblemPackOf<never> = {
  id: 'wsus30sp2-sha2-kb4484071',
  title: { en: 'WSUS 3.0 SP2 without SHA-2 support (KB4484071)', ja: 'SHA-2 に未対応の WSUS 3.0 SP2 (KB4484071)' },
  // 0x800B0109 in the server's own synchronization, or beside a WSUS 3.x version: not the clients' local publishing.
  signatures: [{ codes: ['0x800B0109'], lines: ['evidence-wsus-server-sync', 'wsus-build-version'] }],
  codes: ['0x800B0109'],
  rules: [],
  cause: {
    en: 'KB4484071: Microsoft signs updates with SHA-2 instead of SHA-1; without the SHA-2 update, beginning July 2019, WSUS 3.0 SP2 (3.2) will not be able to perform the necessary WSUS update tasks.',
    ja: 'KB4484071: Microsoft は更新プログラムの署名を SHA-1 から SHA-2 に移行しました。SHA-2 対応の更新プログラムを適用していない WSUS 3.0 SP2 (3.2) は、2019 年 7 月以降、WSUS に必要な更新プログラムの処理を実行できません。',
  },
  remedy: {
    en: 'Install KB4484071 on the WSUS 3.0 SP2 server (prerequisite: the March 12, 2019 or later monthly rollup, KB4489878 on Windows Server 2008 R2 SP1 or KB4489880 on 2008 SP2, and .NET 3.5), then synchronize the servers from the top of the hierarchy down; Microsoft recommends upgrading to the latest WSUS.',
    ja: 'WSUS 3.0 SP2 サーバーに KB4484071 をインストールし (前提条件: 2019 年 3 月 12 日以降のマンスリー ロールアップ。Windows Server 2008 R2 SP1 では KB4489878、2008 SP2 では KB4489880、および .NET 3.5)、階層の最上位から順にサーバーを同期してください。Microsoft は最新の WSUS へのアップグレードを推奨しています。',
  },
  source: KB4484071,
  lookalikes: [
    {
      en: '0x800B0109 on a client installing a locally published (third-party) update is the publishing certificate, not SHA-2.',
      ja: 'ローカル発行 (サード パーティ) の更新プログラムをインストールするクライアントでの 0x800B0109 は、発行用の証明書の問題で SHA-2 ではありません。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      'Info WsusService.11 EventLogEventReporter.ReportEvent EventId=364,Type=Error,Category=Synchronization\nWsusService.11 CabUtilities.CheckCertificateSignature File cert verification failed (800B0109)',
      'VersionString : 3.2.7600.226\nSynchronization failed: error 0x800B0109',
    ],
    absent: [GUIDLINE, 'Report WER Report sent: 7.5.7601.17514 0x800b0109 4D509848-8223-4F22-8333-BAA0B862AB08 Download 101 Managed'],
  },
};

export const UNSIGNED_CONTENT_0X800B0100: ProblemPackOf<never> = {
  id: 'unsigned-content-0x800b0100',
  title: { en: 'File signature check failed on WSUS content (0x800B0100)', ja: 'WSUS のコンテンツの署名確認の失敗 (0x800B0100)' },
  signatures: [{ codes: ['0x800B0100'] }],
  codes: ['0x800B0100'],
  rules: [],
  cause: {
    en: 'No signature was present in the file (TRUST_E_NOSIGNATURE): the current root certificate or the local publishing certificate is not installed properly, or the file was corrupted in transfer (or on the upstream server).',
    ja: 'ファイルに署名がありません (TRUST_E_NOSIGNATURE)。最新のルート証明書またはローカル発行の証明書が正しくインストールされていないか、転送中 (または上位サーバー上) でファイルが破損しています。',
  },
  remedy: {
    en: 'See the source: install the current root certificates (and, for locally published updates, the publishing certificate) on the WSUS server, then let it download the file again (WSUS deleted the invalid file).',
    ja: '出典を参照してください: WSUS サーバーに最新のルート証明書 (ローカル発行の更新プログラムでは発行用の証明書も) をインストールし、ファイルを再度ダウンロードさせます (無効なファイルは WSUS が削除しています)。',
  },
  source: TECHNET_WIKI_4165,
  lookalikes: [
    {
      en: '0x800B0109 is a signature whose root is not trusted, not a missing signature.',
      ja: '0x800B0109 は署名のルートが信頼されていない状態で、署名がない状態ではありません。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      'WsusService.11 CabUtilities.CheckCertificateSignature File cert verification failed for e:\\WSUS\\WsusContent\\92\\8C44A8CC479069434AFB1EC6651C4F4E88217A92.exe with 2148204800',
    ],
    absent: [GUIDLINE, 'File cert verification failed for e:\\WSUS\\WsusContent\\92\\8C44A8CC479069434AFB1EC6651C4F4E88217A92.exe'],
  },
};
