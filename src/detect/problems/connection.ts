import { KB3090184, KB4025764, KB900935, WU_COMMON_ERRORS, WU_ERROR_REFERENCE } from '../sources.js';
import { CLIENT, GUIDLINE, NO_WSUS, type ProblemPackOf } from './pack.js';

/*
 * Reaching the WSUS server: the client's requests get no answer, a late one, or an HTTP error before the web
 * service runs (the app pool, time-outs, the proxy or the server's name, a wrong URL). The evidence beside the codes
 * (HTTP statuses, IIS lines, proxy lists) is read by the shared rules of evidence.ts.
 */

export const WSUS_APP_POOL_503: ProblemPackOf<never> = {
  id: 'wsus-app-pool-503',
  title: { en: 'WSUS application pool stopped or recycling (HTTP 503)', ja: 'WSUS アプリケーション プールの停止・リサイクル (HTTP 503)' },
  signatures: [{ codes: ['0x80244022'] }, { http: ['503'] }, { lines: ['evidence-wsuspool-down'] }],
  // KB 4025764: "503 errors in IIS may be accompanied by xxxx2ee2 errors" on clients; a stopped pool behind a gateway
  // answers 502 (0x80244021).
  codes: ['0x80244022', '0x80244021', '0x80072EE2'],
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
  withoutWsus: {
    remedy: {
      en: 'The client does not talk to WSUS, so there is no WsusPool to start: HTTP 503 means the service (or a proxy on the way) is temporarily overloaded; try again later.',
      ja: 'このクライアントは WSUS と通信していないため、開始すべき WsusPool はありません。HTTP 503 はサービス (または途中のプロキシ) が一時的に過負荷であることを示します。時間をおいて再試行してください。',
    },
    source: WU_ERROR_REFERENCE,
  },
  lookalikes: [
    {
      en: '0x8024401F is HTTP 500: an error inside the web service, not a stopped pool.',
      ja: '0x8024401F は HTTP 500 で、Web サービス内部のエラーです (プールの停止ではありません)。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      `${CLIENT} Sync of Updates: 0x80244022`,
      'AU\t# WARNING: Failed to find updates with error code 80244022',
      '2017-05-08 05:03:53 203.0.113.144 56433 203.0.113.4 80 HTTP/1.1 POST /SimpleAuthWebService/SimpleAuth.asmx 503 707060612 AppOffline WsusPool',
      'PT + Last proxy send request failed with hr = 0x80244022, HTTP status code = 503',
    ],
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
  withoutWsus: {
    remedy: {
      en: 'The client does not talk to WSUS: make sure http://*.update.microsoft.com, https://*.update.microsoft.com and http://download.windowsupdate.com are not blocked; a network trace shows what times out.',
      ja: 'このクライアントは WSUS と通信していません。http://*.update.microsoft.com、https://*.update.microsoft.com、http://download.windowsupdate.com がブロックされていないことを確認してください。何がタイムアウトしているかはネットワーク トレースで確認できます。',
    },
    source: WU_COMMON_ERRORS,
  },
  lookalikes: [
    {
      en: '0x80072EFD (cannot connect) means nothing answered at all: a firewall or a stopped site.',
      ja: '0x80072EFD (接続できない) は応答がまったくない状態で、ファイアウォールやサイトの停止を疑います。',
    },
  ],
  needsAction: true,
  examples: {
    present: ['Misc\tWARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072ee2', 'PT\tWARNING: Sync of Updates: 0x8024401c'],
    absent: [
      GUIDLINE,
      'Misc\tWARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072efd',
      // A proxy used with an empty bypass list explains the time-out: the proxy step, not the WsusPool one.
      'PT + Last proxy send request failed with hr = 0x80072EE2, HTTP status code = 0\nPT + Proxy list used = theproxyip:80\nPT + Bypass list used =',
    ],
  },
};

export const PROXY_NAME_RESOLUTION: ProblemPackOf<never> = {
  id: 'proxy-name-resolution',
  title: { en: 'Proxy or name resolution', ja: 'プロキシまたは名前解決' },
  signatures: [{ codes: ['0x8024402C', '0x80072EE7', '0x80240438', '0x8024401B', '0x80244021', '0x80240030'] }, { http: ['407', '502'] }],
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
  withoutWsus: {
    remedy: {
      en: 'The client does not talk to WSUS: check DNS and the WinHTTP proxy (`netsh winhttp show proxy`), and that no firewall rule or proxy blocks the Microsoft download URLs.',
      ja: 'このクライアントは WSUS と通信していません。DNS と WinHTTP プロキシ (`netsh winhttp show proxy`) を確認し、ファイアウォールのルールやプロキシが Microsoft のダウンロード URL をブロックしていないことを確認してください。',
    },
    source: WU_COMMON_ERRORS,
  },
  source: KB3090184,
  lookalikes: [
    {
      en: '0x80244011 means the WUServer policy value is missing, not that its name fails to resolve.',
      ja: '0x80244011 は WUServer ポリシー値そのものがない状態で、名前解決の失敗ではありません。',
    },
  ],
  needsAction: true,
  examples: {
    present: [
      `${CLIENT} Sync of Updates: 0x8024402C`,
      'PT\tWARNING: Failed to get server URL, hr = 80072EE7',
      'PT + Last proxy send request failed with hr = 0x80072EFD, HTTP status code = 407',
    ],
    absent: [
      GUIDLINE,
      `${CLIENT} Sync of Updates: 0x80244011`,
      // IIS says the pool is offline: the 502 the clients get is the app pool, not the proxy or the name.
      `2017-05-08 05:03:53 203.0.113.144 56433 203.0.113.4 80 HTTP/1.1 POST /SimpleAuthWebService/SimpleAuth.asmx 503 707060612 AppOffline WsusPool\n${CLIENT} Sync of Updates: 0x80244021`,
    ],
  },
};

export const PROXY_BYPASS_LIST: ProblemPackOf<never> = {
  id: 'proxy-bypass-list',
  title: { en: 'WSUS reached through the proxy: the bypass list is empty', ja: 'WSUS への要求がプロキシ経由 (バイパス リストが空)' },
  signatures: [
    {
      codes: ['0x80072EE2', '0x8024401C', '0x80244023', '0x80072EFD', '0x8024402C', '0x80072EE7', '0x80244021', '0x8024401B'],
      lines: ['evidence-proxy-list-set'],
      all: ['evidence-bypass-list-empty'],
    },
  ],
  codes: ['0x80072EE2', '0x8024401C', '0x80244023', '0x80072EFD', '0x8024402C', '0x80072EE7', '0x80244021', '0x8024401B'],
  rules: [],
  cause: {
    en: 'The client sends its requests for the WSUS server to the WinHTTP proxy (a proxy list is set and the bypass list is empty), and the proxy does not get it an answer from the internal server.',
    ja: 'クライアントは WSUS サーバーへの要求を WinHTTP プロキシに送っており (プロキシ リストが設定され、バイパス リストが空)、プロキシは社内のサーバーから応答を得られていません。',
  },
  remedy: {
    en: 'Add the WSUS server to the WinHTTP proxy bypass list (`netsh winhttp set proxy <proxy>:<port> "<local>;*.<your domain>"`, or the bypass list of the WPAD file that sets the proxy), then check with `netsh winhttp show proxy`.',
    ja: 'WSUS サーバーを WinHTTP プロキシのバイパス リストに追加し (`netsh winhttp set proxy <プロキシ>:<ポート> "<local>;*.<ドメイン>"`、またはプロキシを設定している WPAD ファイルのバイパス リスト)、`netsh winhttp show proxy` で確認してください。',
  },
  source: KB900935,
  lookalikes: [
    {
      en: 'A time-out with no proxy in use (`Proxy List used: <(null)>`) is the WSUS server or the network: see the time-out problem.',
      ja: 'プロキシを使っていない (`Proxy List used: <(null)>`) タイムアウトは、WSUS サーバーかネットワークの問題です (タイムアウトの項目を参照)。',
    },
  ],
  needsAction: true,
  examples: {
    present: ['PT + Last proxy send request failed with hr = 0x80072EE2, HTTP status code = 0\nPT + Proxy list used = theproxyip:80\nPT + Bypass list used ='],
    absent: [
      GUIDLINE,
      'Misc WARNING: SendRequest failed with hr = 80072ee2. Proxy List used: <(null)> Bypass List used : <(null)> Auth Schemes used : <>',
      'PT + Last proxy send request failed with hr = 0x80072EE2, HTTP status code = 0\nPT + Proxy list used = theproxyip:80\nPT + Bypass list used = <local>;*.contoso.local',
    ],
  },
};

export const WSUS_URL_NOT_FOUND: ProblemPackOf<never> = {
  id: 'wsus-url-not-found-404',
  title: {
    en: 'HTTP 404 from the WSUS server: wrong URL, port or virtual directory',
    ja: 'WSUS サーバーからの HTTP 404: URL、ポート、または仮想ディレクトリの誤り',
  },
  signatures: [{ codes: ['0x80244019'] }, { http: ['404'] }],
  codes: ['0x80244019'],
  rules: [],
  cause: {
    en: 'The server the client was sent to has no such URL: the WUServer policy names the wrong server, port (80/443 or 8530/8531) or path, or the WSUS virtual directories are missing on it.',
    ja: 'クライアントの接続先にその URL がありません。WUServer ポリシーのサーバー名、ポート (80/443 または 8530/8531)、パスが誤っているか、サーバーに WSUS の仮想ディレクトリがありません。',
  },
  remedy: {
    en: 'Check the WUServer policy URL (server and port 80/443 or 8530/8531), then open /ClientWebService/wusserverversion.xml, /SimpleAuthWebService/SimpleAuth.asmx and /Selfupdate/wuident.cab on that URL from the client.',
    ja: 'WUServer ポリシーの URL (サーバー名とポート 80/443 または 8530/8531) を確認し、クライアントからその URL の /ClientWebService/wusserverversion.xml、/SimpleAuthWebService/SimpleAuth.asmx、/Selfupdate/wuident.cab を開いてください。',
  },
  source: KB3090184,
  lookalikes: [
    {
      en: '0x80244011 means the WUServer policy value is missing altogether; 0x8024402C that its name does not resolve.',
      ja: '0x80244011 は WUServer ポリシー値そのものがない状態、0x8024402C はその名前が解決できない状態です。',
    },
  ],
  needsAction: true,
  examples: {
    present: [`${CLIENT} Sync of Updates: 0x80244019`, 'PT + Last proxy send request failed with hr = 0x80244019, HTTP status code = 404'],
    absent: [GUIDLINE, `${CLIENT} Sync of Updates: 0x80244011`, `${NO_WSUS}\n${CLIENT} SyncUpdates failure, error = 0x8024401F`],
  },
};
