import type { Rule } from '../rule.js';
import { KB4482416, KB909131 } from '../sources.js';
import type { ProblemPackOf } from './pack.js';

/*
 * The WSUS server's own failures, read in its SoftwareDistribution.log: its sync with its upstream server, and its
 * database. Not a client's problem, though clients show the consequences.
 */

const UPSTREAM_SYNC = {
  id: 'problem-upstream-sync-soapexception',
  title: 'Upstream sync fault (ServerSyncWebService / GetUpdateData)',
  source: 'SoftwareDistribution.log',
  role: 'problem',
  literals: ['ServerSyncWebService', 'GetUpdateData'],
  // Anchored lookaheads: linear on a long line.
  pattern: /^(?=.*?(?:ServerSyncWebService|GetUpdateData))(?=.*?(?:SoapException|ThrowException|InternalServerError))/,
  meaning: {
    en: "The WSUS server's own sync with its upstream server failed with a SOAP fault.",
    ja: 'WSUS サーバー自身の上位サーバーとの同期が SOAP Fault で失敗しました。',
  },
  sources: [KB4482416],
  examples: {
    match: [
      {
        line: '2019-07-10 02:00:13.456 UTC\tError\tWsusService.25\tSoapUtilities.LogException\tUSS ThrowException: Actor = https://fe2.update.microsoft.com/v6/ServerSyncWebService/ServerSyncWebService.asmx, Method = "http://www.microsoft.com/SoftwareDistribution/GetUpdateData", ID=6b1f0d1e-3c52-4bd6-9a3e-2f4b5c6d7e8f, ErrorCode=InternalServerError, Message=',
      },
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
    noMatch: [
      'PT\tWARNING: Timeout expired while waiting for the proxy',
      'Misc\tWARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072ee2',
    ],
  },
} as const satisfies Rule;

/** This theme's line rules' ids. */
export type ServerRuleId = (typeof UPSTREAM_SYNC | typeof SQL_TIMEOUT)['id'];

export const UPSTREAM_SYNC_SOAPEXCEPTION: ProblemPackOf<typeof UPSTREAM_SYNC.id> = {
  id: 'upstream-sync-soapexception',
  title: { en: "WSUS server's upstream sync fails with a SoapException (KB4482416)", ja: 'WSUS サーバーの上位同期が SoapException で失敗 (KB4482416)' },
  signatures: [{ lines: [UPSTREAM_SYNC.id] }],
  codes: [],
  rules: [UPSTREAM_SYNC],
  cause: {
    en: "The WSUS server's own sync with its upstream fails — a server problem, not a client one. KB4482416: the server is configured to use the old endpoint https://fe2.update.microsoft.com/v6, decommissioned after July 8, 2019.",
    ja: 'WSUS サーバー自身の上位との同期が失敗しています (クライアントではなくサーバーの問題)。KB4482416: 2019 年 7 月 8 日以降に廃止された旧エンドポイント https://fe2.update.microsoft.com/v6 を使う設定になっています。',
  },
  remedy: {
    en: 'See the source: on the topmost WSUS server change the synchronization endpoint (MUUrl) to https://sws.update.microsoft.com, then verify that synchronization succeeds.',
    ja: '出典を参照してください: 最上位の WSUS サーバーで同期のエンドポイント (MUUrl) を https://sws.update.microsoft.com に変更し、同期が成功することを確認します。',
  },
  source: KB4482416,
  lookalikes: [
    {
      en: 'ThrowException for /ClientWebService/client.asmx with InternalServerError is KB954960 (a client sync), not the upstream sync.',
      ja: '/ClientWebService/client.asmx の ThrowException (InternalServerError) は KB954960 (クライアントの同期) で、上位同期ではありません。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      '2019-07-10 02:00:13.456 UTC\tError\tWsusService.25\tSoapUtilities.LogException\tUSS ThrowException: Actor = https://fe2.update.microsoft.com/v6/ServerSyncWebService/ServerSyncWebService.asmx, Method = "http://www.microsoft.com/SoftwareDistribution/GetUpdateData", ID=6b1f0d1e-3c52-4bd6-9a3e-2f4b5c6d7e8f, ErrorCode=InternalServerError, Message=',
    ],
    absent: [
      '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?',
    ],
  },
};

export const SQL_TIMEOUTS_KB909131: ProblemPackOf<typeof SQL_TIMEOUT.id> = {
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
  lookalikes: [
    {
      en: '0x80244008 alone (no SQL time-out on the server) is only a SOAP fault the client could not parse.',
      ja: 'サーバー側に SQL タイムアウトのない 0x80244008 だけなら、クライアントが SOAP Fault を解析できなかったというだけです。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      'WARNING: Failed to upload events to the server with hr = 80244008\nUTC Error w3wp.130 DBConnection.LogSqlException DBLAYER: Errors[0]: Source .Net SqlClient Data Provider, Server OPC-AD-WSUS1N\\WSUS, Number -2, Class 10, State 0, Procedure ConnectionRead (WrapperRead())., LineNumber 0: Timeout expired. The timeout period elapsed prior to completion of the operation or the server is not responding.',
    ],
    absent: ['WARNING: Failed to upload events to the server with hr = 80244008'],
  },
};
