import type { Rule } from '../rule.js';
import { KB3090184, WINCM_SIMPLEAUTH } from '../sources.js';
import { CLIENT, GUIDLINE, type ProblemPackOf } from './pack.js';

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

/** This theme's line rules' ids. */
export type AccessRuleId = (typeof SIMPLEAUTH_EXCEPTION | typeof SIMPLEAUTH_COOKIE_FAULT)['id'];

export const VDIR_401_403: ProblemPackOf<never> = {
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
  remedy: { en: 'Set client certificates to Ignore on the WSUS SSL virtual directories.', ja: 'WSUS の SSL 仮想ディレクトリでクライアント証明書を「無視する」に設定してください。' },
  source: KB3090184,
  lookalikes: [{ en: '0x80072F8F is an error in the server\'s own certificate (or the client clock), not a request for a client certificate.', ja: '0x80072F8F はサーバー証明書 (またはクライアントの時計) の問題で、クライアント証明書の要求ではありません。' }],
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
  lookalikes: [{ en: 'InternalServerError on ClientWebService/SyncUpdates is KB954960, not SimpleAuth.', ja: 'ClientWebService/SyncUpdates の InternalServerError は KB954960 で、SimpleAuth ではありません。' }],
  needsAction: true,
  examples: {
    present: [
      'Exception in SimpleAuth constructor: System.IndexOutOfRangeException: Index was outside the bounds of the array.',
      `${CLIENT} SyncUpdates failure, error = 0x80244007, soap client error = 7\nPT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"`,
    ],
    absent: ['PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"', `${CLIENT} SyncUpdates failure, error = 0x80244007`],
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
    en: 'Distribute the WSUS signing certificate to the clients\' Trusted Root and Trusted Publishers stores (for example by Group Policy); check with `certutil -store TrustedPublisher`.',
    ja: 'WSUS の署名証明書をクライアントの [信頼されたルート証明機関] と [信頼された発行元] に配布し (グループ ポリシーなど)、`certutil -store TrustedPublisher` で確認してください。',
  },
  source: { title: 'blog.schnettker.com, 2011-05-13: WSUS und Fehler 0x800b0109', url: 'http://blog.schnettker.com/2011/05/13/wsus-und-fehler-0x800b0109/' },
  lookalikes: [{ en: '0x800B0004 means the certificate is in Trusted Root but not in Trusted Publishers.', ja: '0x800B0004 は証明書が [信頼されたルート証明機関] にはあるが [信頼された発行元] にない状態です。' }],
  needsAction: true,
  examples: {
    present: ['Report\tWER Report sent: 7.5.7601.17514 0x800b0109 4D509848-8223-4F22-8333-BAA0B862AB08 Download 101 Managed'],
    absent: ['Report\tREPORT EVENT: {EA548808-B54D-49BF-8D03-8D53BC1F92F2} 2011-05-13 07:47:07:169+0200 1 161 101 {4D509848-800B-0109-8333-BAA0B862AB08} 1 0 AutomaticUpdates Success'],
  },
};
