import { KB3090184, KB4025764 } from '../sources.js';
import { CLIENT, GUIDLINE, type ProblemPackOf } from './pack.js';

/*
 * Reaching the WSUS server: the client's requests get no answer, a late one, or an HTTP error before the web
 * service runs (the app pool, time-outs, the proxy or the server's name). Codes only: no line rules.
 */

export const WSUS_APP_POOL_503: ProblemPackOf<never> = {
  id: 'wsus-app-pool-503',
  title: { en: 'WSUS application pool stopped or recycling (HTTP 503)', ja: 'WSUS アプリケーション プールの停止・リサイクル (HTTP 503)' },
  signatures: [{ codes: ['0x80244022'] }],
  codes: ['0x80244022'],
  rules: [],
  cause: {
    en: 'The WSUS application pool (WsusPool) stopped or keeps recycling, typically on its private memory limit.',
    ja: 'WSUS のアプリケーション プール (WsusPool) が停止しているか、(多くは [プライベート メモリの制限 (KB)] に達して) リサイクルを繰り返しています。',
  },
  remedy: {
    en: 'Start the WsusPool application pool in IIS; raise its Private Memory Limit and queue length; look for its recycle events.',
    ja: 'IIS で WsusPool アプリケーション プールを開始し、[プライベート メモリの制限 (KB)] と [キューの長さ] を引き上げ、リサイクルのイベントを確認してください。',
  },
  source: KB4025764,
  lookalikes: [{ en: '0x8024401F is HTTP 500: an error inside the web service, not a stopped pool.', ja: '0x8024401F は HTTP 500 で、Web サービス内部のエラーです (プールの停止ではありません)。' }],
  needsAction: true,
  examples: {
    present: [`${CLIENT} Sync of Updates: 0x80244022`, 'AU\t# WARNING: Failed to find updates with error code 80244022'],
    absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x8024401F`],
  },
};

export const WSUS_TIMEOUTS: ProblemPackOf<never> = {
  id: 'wsus-timeouts',
  title: { en: 'Time-outs talking to the WSUS server', ja: 'WSUS サーバーとの通信のタイムアウト' },
  signatures: [{ codes: ['0x8024401C', '0x80072EE2', '0x80244023'] }],
  codes: ['0x8024401C', '0x80072EE2', '0x80244023'],
  rules: [],
  cause: {
    en: 'The client web service is overloaded or recycling (high CPU/memory on the WSUS app pool), or the network or a proxy drops the request.',
    ja: 'クライアント Web サービスが過負荷かリサイクル中 (WSUS のアプリケーション プールの CPU・メモリ高負荷) か、ネットワークやプロキシが要求を落としています。',
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
};

export const PROXY_NAME_RESOLUTION: ProblemPackOf<never> = {
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
    ja: 'WUServer ポリシーのサーバー名、DNS、WinHTTP プロキシ (`netsh winhttp show proxy`) とプロキシのバイパス リストを確認してください。',
  },
  source: KB3090184,
  lookalikes: [{ en: '0x80244011 means the WUServer policy value is missing, not that its name fails to resolve.', ja: '0x80244011 は WUServer ポリシー値そのものがない状態で、名前解決の失敗ではありません。' }],
  needsAction: true,
  examples: {
    present: [`${CLIENT} Sync of Updates: 0x8024402C`, 'PT\tWARNING: Failed to get server URL, hr = 80072EE7'],
    absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x80244011`],
  },
};
