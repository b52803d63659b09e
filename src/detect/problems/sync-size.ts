import type { Rule } from '../rule.js';
import { KB4096317, WSUS_BLOG_ROUND_TRIPS } from '../sources.js';
import { CLIENT, GUIDLINE, type ProblemPackOf } from './pack.js';

/*
 * Too much to sync: the update metadata a client exchanges with the client web service outgrows a limit (installed
 * prerequisites, round trips, message size).
 */

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
      {
        line: 'WS error: <detail><ErrorCode>InvalidParameters</ErrorCode><Message>parameters.InstalledNonLeafUpdateIDs</Message><ID>GUID</ID><Method> http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/SyncUpdates"</Method></detail>"',
      },
      {
        line: 'ThrowException: actor = http://WSUSServerName:8530/ClientWebService/client.asmxs, ID=GUID, ErrorCode=InvalidParameters, Message=parameters.InstalledNonLeafUpdateIDs, Client=Client_ID',
      },
    ],
    noMatch: ['PT\tWARNING:     ErrorCode:InternalServerError(5)', 'Agent\t  * InvalidParametersCount = 0'],
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

/** This theme's line rules' ids. */
export type SyncSizeRuleId = (typeof INVALID_PARAMETERS | typeof ROUND_TRIPS)['id'];

export const INVALID_PARAMETERS_KB4096317: ProblemPackOf<typeof INVALID_PARAMETERS.id> = {
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
  lookalikes: [
    {
      en: '0x80244007 with InternalServerError on SimpleAuthWebService/GetAuthorizationCookie is the SimpleAuth failure.',
      ja: 'SimpleAuthWebService/GetAuthorizationCookie での InternalServerError を伴う 0x80244007 は SimpleAuth の障害です。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      'WS error: <detail><ErrorCode>InvalidParameters</ErrorCode><Message>parameters.InstalledNonLeafUpdateIDs</Message></detail>\n*FAILED* [80244007] SyncUpdates_WithRecovery failed',
      'ThrowException: actor = http://wsus01:8530/ClientWebService/client.asmx, ID=1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d, ErrorCode=InvalidParameters, Message=parameters.InstalledNonLeafUpdateIDs, Client=?',
    ],
    absent: [`${CLIENT} SyncUpdates failure, error = 0x80244007, soap client error = 7, soap error code = 300`],
  },
};

export const MAX_SERVER_ROUND_TRIPS: ProblemPackOf<typeof ROUND_TRIPS.id> = {
  id: 'max-server-round-trips',
  title: { en: 'Too many round trips to the server (0x80244010)', ja: 'サーバーとの往復回数の超過 (0x80244010)' },
  signatures: [{ codes: ['0x80244010'] }, { lines: [ROUND_TRIPS.id] }],
  codes: ['0x80244010'],
  rules: [ROUND_TRIPS],
  cause: {
    en: 'The sync needs more than the hard-coded 200 round trips; large update metadata (many Office updates) makes it likelier.',
    ja: '同期にコードで固定された上限 200 回を超える往復が必要です。更新プログラムのメタデータが大きい (Office の更新プログラムが多い) ほど起きやすくなります。',
  },
  remedy: {
    en: 'It usually succeeds on a later sync; decline what is not needed and run the server clean-up.',
    ja: '多くは次回以降の同期で成功します。不要な更新プログラムを拒否し、サーバー クリーンアップ ウィザードを実行してください。',
  },
  source: WSUS_BLOG_ROUND_TRIPS,
  lookalikes: [
    {
      en: '0x8024400D (message too large) also comes from too much update metadata, but fails at once.',
      ja: '0x8024400D (メッセージが大きすぎる) もメタデータの多さが原因ですが、即座に失敗します。',
    },
  ],
  needsAction: false,
  examples: {
    present: [
      '2008-09-11 15:08:57:651 4908 738 PT WARNING: SyncServerUpdatesInternal failed: 0x80244010',
      '2008-09-11 15:08:57:651 4908 738 Agent * WARNING: Exit code = 0x80244010',
    ],
    absent: [GUIDLINE, '2008-09-11 15:08:57:651 4908 738 PT WARNING: SyncServerUpdatesInternal failed: 0x8024401C'],
  },
};

export const MESSAGE_TOO_LARGE: ProblemPackOf<never> = {
  id: 'message-too-large-0x8024400d',
  title: { en: 'Malformed or too large SOAP message (0x8024400D)', ja: 'SOAP メッセージの不正・過大 (0x8024400D)' },
  signatures: [{ codes: ['0x8024400D'] }],
  codes: ['0x8024400D'],
  rules: [],
  cause: {
    en: 'Too many expired or superseded updates on the server make the message too large.',
    ja: 'サーバー上の期限切れの更新プログラムや置き換えられた更新プログラムが多すぎて、メッセージが大きくなりすぎています。',
  },
  remedy: {
    en: 'Run the WSUS server clean-up; decline superseded updates.',
    ja: 'WSUS のサーバー クリーンアップ ウィザードを実行し、置き換えられた更新プログラムを拒否してください。',
  },
  source: { title: "Admins' write-ups (e.g. blog.thomasmarcussen.com)", url: 'https://blog.thomasmarcussen.com/' },
  lookalikes: [
    {
      en: '0x8024400E (a SOAP server error) is a different fault; with InternalServerError(5) it is KB954960.',
      ja: '0x8024400E (SOAP サーバー エラー) は別のエラーで、InternalServerError(5) を伴えば KB954960 です。',
    },
  ],
  needsAction: true,
  examples: {
    present: [`${CLIENT} SyncUpdates failure, error = 0x8024400D, soap client error = 7, soap error code = 300`],
    absent: [GUIDLINE, `${CLIENT} SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400`],
  },
};
