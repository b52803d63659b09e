import type { Rule } from './rule.js';
import { CLIENT_ASMX, GUID, serverFields, SIMPLEAUTH_LOOKALIKE } from './rule-patterns.js';
import { ADVISORY_954960, KB4096317, KB954960_ARTICLE } from './sources.js';

/** The KB954960 rules for the WSUS server's SoftwareDistribution.log (rules.ts: the whole set). */
export const SERVER_RULES = [
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
      ja: 'WSUS のクライアント Web サービスが InternalServerError で失敗しました。サーバー側の KB954960 特有のエラーです。',
    },
    sources: [KB954960_ARTICLE, ADVISORY_954960],
    lookalikes: [
      SIMPLEAUTH_LOOKALIKE,
      {
        en: "ThrowException on ServerSyncWebService (GetUpdateData) is the server's own upstream sync (KB4482416), not KB954960.",
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
        {
          line: 'SoapUtilities.CreateException ThrowException: actor = http://<server>/ClientWebService/client.asmx, ID=<guid>, ErrorCode=InternalServerError, Message=, Client=?',
        },
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
      noMatch: [
        '2018-03-01 10:00:00.000 UTC\tWarning\tw3wp.5\tSoapUtilities.CreateException\tThrowException: actor = http://wsus01:8530/ServerSyncWebService/serversyncwebservice.asmx, ID=1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d, ErrorCode=InternalServerError, Message=, Client=?',
      ],
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
      ja: 'クライアント Web サービスが同期応答の作成中に重複した承認に当たりました。KB954960 で解決される例外で、InternalServerError の直前に記録されます。',
    },
    sources: [KB954960_ARTICLE],
    lookalikes: [
      {
        en: 'The ArgumentException without the ThrowException InternalServerError after it is not yet the signature: KB954960 is possible, not shown.',
        ja: '後に ThrowException の InternalServerError が続かない ArgumentException だけでは、KB954960 特有のエラーとは言えません (KB954960 の可能性にとどまります)。',
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
] as const satisfies readonly Rule[];
