/** Every user-facing sentence in Japanese. Typed as the English catalogue: a missing key or parameter fails `tsc`. */
import { FIXED_DLL_VERSION, VERIFY_COMMANDS } from '../../kb954960.js';
import type { Catalogue } from './en.js';

const P = String.raw`C:\Program Files\Update Services\LogFiles\SoftwareDistribution.log`;
/** RTM に先に SP1 が必要な理由: どこでも同じ言い方で。 */
const ONLY_ON_SP1 = 'KB954960 は SP1 にのみ適用できます';
/** 更新プログラム (KB954960) の入手先 (「KB954960 を適用」の後)。 */
const WHERE_TO_GET_IT = '下のダウンロード リンクから入手できます。2008 年 8 月 13 日以降は Windows Update / Microsoft Update / WSUS でも配信されています';

/**
 * 文中の日付は日本語の形で (docs/ja-style.md): 先頭の `2008-08-13` (と時刻) を `2008 年 8 月 13 日 10:12` に。UTC の
 * ISO 時刻は (UTC) と添えます。Slack の `<!date^…>` は読み手のロケールで表示されるので触れません。
 */
const jaDate = (s: string): string =>
  String(s).replace(
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z)?)?/,
    (_, y: string, m: string, d: string, hm?: string, z?: string) => `${y} 年 ${Number(m)} 月 ${Number(d)} 日${hm ? ` ${hm}` : ''}${z ? ' (UTC)' : ''}`,
  );
/** 英数字と仮名の間には空白を入れます (「CLI から」、「10:12 以降」、「13 日以降」)。 */
const then = (a: string, b: string): string => `${a}${/[!-~]$/.test(a) ? ' ' : ''}${b}`;

export const ja: Catalogue = {
  langName: { en: '英語', ja: '日本語' },

  verdictHeadline: {
    affected: 'KB954960: 該当 — WSUS 3.0 の既知の同期エラーです',
    possible: 'KB954960: 可能性あり — 他の原因でも出る症状です',
    vulnerable: 'KB954960: 未適用 — 失敗は出ていませんが、サーバーに更新プログラム (KB954960) が適用されていません',
    conflict: 'KB954960: 判定できません — サーバーのバージョン情報が矛盾しています',
    fixed: 'KB954960: 適用済み — 更新プログラム (KB954960) は適用されています',
    clean: 'KB954960 特有のエラーは見つかりませんでした',
  },
  verdictWord: {
    affected: '該当',
    possible: '可能性あり',
    vulnerable: '未適用',
    conflict: '判定不可',
    fixed: '適用済み',
    clean: 'KB954960 特有のエラーなし',
  },
  originWord: {
    cli: 'CLI',
    message: '貼り付け',
    file: 'ファイル',
    command: 'スラッシュ コマンド',
    modal: 'フォーム',
    shortcut: 'ショートカット',
    report: 'サーバーからの報告',
  },
  stateLabel: {
    'needs-sp1': 'WSUS 3.0 RTM — 先に SP1 が必要',
    vulnerable: 'SP1、適用未確認',
    fixed: '適用済み',
    'not-applicable': 'KB954960 の対象外',
    conflict: 'バージョン情報が矛盾',
    unknown: 'バージョン不明',
    affected: 'KB954960 特有のエラーを検出、その後も未適用',
  },

  action: {
    'install-sp1-then-fix': `サーバーは WSUS 3.0 の初期出荷版 (RTM) です。先に WSUS 3.0 SP1 をインストールし、その後 KB954960 を適用してください (${ONLY_ON_SP1})。`,
    'install-fix': `WSUS 3.0 SP1 サーバーに KB954960 を適用してください (${WHERE_TO_GET_IT})。`,
    'or-workaround':
      'すぐに適用できない場合は、KB954960 の回避策 (管理者が記述している手順) を実行してください。WSUS 管理コンソールで「Office 2003 Service Pack 1」がまだ拒否されていなければ拒否し、いったん承認してから、もう一度拒否します。階層内のすべての WSUS サーバーで行ってください。クライアントの SoftwareDistribution フォルダーを削除しても解決しません。',
    'check-server-version': `サーバーのバージョンを確認してください。WSUS 3.0 の初期出荷版 (RTM、3.0.6000.x) では KB954960 の前に SP1 が必要です。サーバーで \`${VERIFY_COMMANDS.registryVersion}\` を実行し、出力をここに貼り付けてください。`,
    'confirm-duplicate-key':
      'サーバーの「ArgumentException: Item has already been added」は KB954960 が修正する例外ですが、それだけではこの問題とは断定できません。同じ SoftwareDistribution.log の直後に「ThrowException: actor = http://<server>/ClientWebService/client.asmx … ErrorCode=InternalServerError」があれば KB954960 です。その行か、「ErrorCode:InternalServerError(5)」を含むクライアントの WindowsUpdate.log を貼り付けてください。',
    'investigate-other-cause': `このサーバーは KB954960 の対象外のため、適用しても解決しません。別の問題として調査してください。サーバーの ${P} の InternalServerError 前後の例外全体が手がかりになります。`,
    'resolve-conflict':
      '記録されている WSUS のバージョンとクライアント Web サービス DLL は両立しません (補足を参照)。下の確認用ブロックをサーバーで実行し、出力を貼り付けてください。コンピューター名付きで両方を記録し直します。',
    'check-server-log': `クライアントのこの症状だけでは他の原因の可能性もあります。サーバーの ${P} で「ThrowException: actor = http://<server>/ClientWebService/client.asmx … ErrorCode=InternalServerError」を、クライアントのログで「ErrorCode:InternalServerError(5)」を探し、見つかった行をここに貼り付けてください。`,
    'verify-fix': `サーバーで確認してください: Microsoft.UpdateServices.WebServices.Client.dll のファイル バージョンが ${FIXED_DLL_VERSION} であること、アプリケーション イベント ログにイベント ID 1022 (ソース: MsiInstaller) があること (更新プログラム (KB954960) は「プログラムの追加と削除」には表示されません)。下のコマンドで両方を表示できます。`,
    'rerun-client-detection': `失敗していたクライアントで \`${VERIFY_COMMANDS.clientDetect}\` を実行し、WindowsUpdate.log から SyncUpdates のエラーが消えたことを確認してください。`,
    'recheck-fixed-server':
      'サーバーは適用済みとして記録されていますが、KB954960 特有のエラーが出ています。DLL のバージョンを再確認し (WSUS を再インストールすると KB954960 は外れます)、階層内のすべてのサーバーに適用されているか確認してください。',
    'nothing-to-do': '対応は不要です。KB954960 は適用されています。',
  },

  note: {
    intermittent:
      'この問題は再現性が低く、影響を受けるサーバーのすべてのクライアントで起きるわけではありません。症状が出ていなくても KB954960 の適用をお勧めします。',
    office2003: 'このクライアントには Office 2003 製品があります (KB954960 の影響を受けるクライアントです)。',
    failuresPredateFix: (p) => `このログの失敗は、KB954960 の適用が記録された ${then(jaDate(p.since), 'より前のものです。')}`,
    fixedButFailing: (p) => `このサーバーは ${then(jaDate(p.since), 'から適用済みとして記録されています。')}`,
    otherLookalike: (p) => `クライアント Web サービスの ErrorCode=${p.code} は別の問題です。KB954960 ではありません。`,
    notApplicableSp2:
      'KB954960 は該当しません: このサーバーは WSUS 3.0 SP2 (3.2.7600.x) です。アドバイザリの対象は WSUS 3.0 RTM と SP1 のみで、SP2 (2009 年) はその後のリリースです。',
    notApplicableWsus4: 'KB954960 は該当しません: このサーバーは WSUS 4.0 以降 (6.2.9200.x / 6.3.9600.x / 10.0.x) で、WSUS 3.0 ではありません。',
    conflictWithDll: (p) =>
      `矛盾: WSUS のバージョン ${p.wsusVersion} とクライアント Web サービス DLL ${p.dllVersion} は同じサーバーでは両立しません。ボットはどちらが正しいかを推測しません。サーバーで確認し直してください。`,
    conflictWithFixEvent: (p) =>
      `矛盾: WSUS のバージョン ${p.wsusVersion} と KB954960 のインストール イベント (イベント ID 1022) は同じサーバーでは両立しません (${ONLY_ON_SP1})。ボットはどちらが正しいかを推測しません。サーバーで確認し直してください。`,
    otherServers: (p) => `この入力には他のサーバーも出てきます: ${p.servers}`,
    faultIdJoins: (p) => `Fault ID ${p.id}: サーバーの SoftwareDistribution.log の同じ失敗の行にも同じ ID があります。`,
    dllAbsent:
      'クライアント Web サービス DLL が確認した場所 (Program Files\\Update Services\\WebServices\\ClientWebService\\bin) にありません。WSUS を別のフォルダーにインストールしている場合は、そこで DLL のバージョンを確認してください。このコンピューターに WSUS がない場合は、WSUS サーバー上で確認してください。',
  },

  server: 'サーバー',
  state: '状態',
  noServer: '不明 — `--server NAME` でサーバー名を指定するか、サーバー URL を含む行を貼り付けてください',
  lines: '走査した行数',
  evidence: '根拠となる行',
  moreEvidence: (p) => `ほか ${p.n} 行`,
  nextSteps: '次の対応',
  verify: '確認方法 (WSUS サーバーで実行)',
  verifyPowershell: 'PowerShell',
  verifyWmic: 'PowerShell がない場合 (Windows Server 2003)',
  verifyPasteBack: '出力をここに貼り付けると記録します。',
  notes: '補足',
  download: 'KB954960 をダウンロード',
  kbArticle: 'KB954960 の記事',
  advisory: 'アドバイザリ 954960',
  links: 'リンク',

  otherProblems: 'KB954960 以外に見つかった問題',
  failureCodes: '入力にあるエラー コード',
  cause: '原因',
  firstStep: '最初の対応',
  source: '出典',
  onLines: (p) => `${p.lines} 行目`,
  timesOnLines: (p) => `${p.n} 回、${p.lines} 行目`,
  unknownCode: '既知のコードではありません',
  facility: 'ファシリティ',
  notACode: (p) => `${p.input} はエラー コードではありません。0x80244022、80244022、または 10 進の HRESULT (-2145107934) の形で指定してください。`,
  notAFailure: '成功・情報のコードです (失敗ではありません)。',
  knownProblem: '既知の問題',
  notKb954960: 'KB954960 ではありません',
  codesExplained: '下のエラー コードに当てはまる既知の WSUS の問題はありません。',
  collectNext:
    '原因を示す記録を集めてください: 失敗した時刻の前後の WSUS サーバーの SoftwareDistribution.log と IIS ログ (httperr)、クライアントの WindowsUpdate.log (Windows 10 以降は `Get-WindowsUpdateLog` を実行) を、ここに貼り付けるかアップロードしてください。',
  collectNextIfFailing:
    'このログでは、どのコードも同期や検索の失敗の結果ではありません。それでもクライアントが更新プログラムを受け取れない場合は、失敗した試行のクライアントの WindowsUpdate.log (Windows 10 以降は `Get-WindowsUpdateLog` を実行) と、その時刻の WSUS サーバーの SoftwareDistribution.log を集め、ここに貼り付けるかアップロードしてください。',
  alsoFound: 'ほかに見つかった問題',
  andMore: (p) => `ほか ${p.n} 件`,
  pasteTheLog: '前後の WindowsUpdate.log の行を貼り付けるか、ファイルをアップロードしてください。診断します。',
  noKnownProblem: 'このコードに結び付いた既知の WSUS の問題はありません。前後のログを貼り付けると、含まれるコードをすべて説明します。',
  codeIsKb954960:
    'KB954960: ClientWebService/SyncUpdates の ErrorCode:InternalServerError(5) を伴えば KB954960 特有のエラーです。単独では他の原因もあります。クライアントのログを貼り付けて確認してください。',
  nothingFound:
    '送られた内容に KB954960 特有のエラーは見つかりませんでした。クライアントの WindowsUpdate.log の `SOAP Fault: 0x000190`、`ErrorCode:InternalServerError(5)`、`SyncUpdates failure, error = 0x8024400E` と、サーバーの SoftwareDistribution.log の `ThrowException … /ClientWebService/client.asmx … ErrorCode=InternalServerError` を探します。',
  noServerSlack: '不明 — このスレッドにサーバー名を返信してください',
  nextStep: '次の対応',
  installFixUnknownVersion: `サーバーが WSUS 3.0 の初期出荷版 (RTM、3.0.6000.x) のままなら、先に WSUS 3.0 SP1 をインストールしてください (${ONLY_ON_SP1})。その後 KB954960 を適用してください (${WHERE_TO_GET_IT})。`,
  showMoreLines: (p) => `ほか ${p.n} 行を表示`,
  howToVerify: '確認方法',
  afterInstalling: 'KB954960 の適用後',
  evidenceRest: (p) => `根拠となる行 (${p.n} 行中 ${p.from}–${p.to})`,
  evidenceGone: 'これらの行はもう保存されていません (履歴の保存期間を過ぎました)。',
  whyAffectedClient: (p) =>
    `${p.n} 回の同期で SyncUpdates が SOAP Fault 0x000190 / ErrorCode:InternalServerError(5) で失敗しています。KB954960 特有のエラーです。`,
  whyAffectedServer: 'サーバーのクライアント Web サービスが ThrowException … ErrorCode=InternalServerError を記録しています。KB954960 特有のエラーです。',
  whyAffectedByFaultId:
    'クライアントの SyncUpdates の失敗に、先に報告されたサーバーの ThrowException … ErrorCode=InternalServerError と同じ Fault ID があります。同じ 1 件の失敗で、KB954960 特有のエラーです。',
  whyPossible: 'KB954960 特有のエラーの一部 (0x8024400E や SOAP Fault) だけで、InternalServerError(5) がありません。他の原因でも同じに見えます。',
  whyNeedsSp1: (p) => `失敗は出ていませんが、サーバーは WSUS 3.0 RTM${p.v} です。KB954960 は SP1 にのみ適用できます。`,
  whyVulnerable: (p) => `失敗は出ていませんが、サーバーは KB954960 未適用の SP1 です${p.v}。適用後の DLL は ${p.fixed} です。`,
  whyFixedDll: (p) => `クライアント Web サービスの DLL は ${p.v} です (KB954960 の適用後は ${p.fixed} 以降)。`,
  whyFixedEvent: 'イベント ID 1022 (ソース: MsiInstaller) で KB954960 の適用を確認しました。',
  whyFixedRecorded: 'サーバーは適用済みとして記録されています。',
  whyClean: (p) => `${p.n} 行に KB954960 に関するものはありません。`,
  repeatInThread: (p) => `${p.emoji} 上と同じです: ${p.server} — ${p.verdict}。この貼り付けに新しい情報はありません。`,
  partRead: (p) => `${p.file}: 上限 ${p.limit} を超えているため、最新の部分 (末尾 ${p.kept}) だけを読みました (それより前の ${p.skipped} 行は読んでいません)。`,
  modalHint: (p) =>
    `${p.chars} 文字まで入力できます。それより長いログは、ボットのいるチャンネルか DM にファイルとしてアップロードしてください (${p.max} まで。それより大きいログは末尾を読みます)。`,
  modalFull: (p) => `フォームは ${p.chars} 文字で入力が止まるため、その分だけを読みました。全体を読むにはログ ファイルをアップロードしてください。`,
  modalAskedBy: (p) => `${p.user} さんが /kb954960 でログを確認しました`,
  chatPointer:
    'KB954960 を確認するには、ログの行 (クライアントの WindowsUpdate.log、WSUS サーバーの SoftwareDistribution.log) をここに貼り付けるか、ファイルをアップロードしてください。',
  checkEmpty: '診断するログの行を貼り付けてください: `/kb954960 check <ログの行>`',
  usage: (p) => `使い方: ${p.syntax}`,
  usageExample: (p) => ` (例: ${p.example})`,
  historyArgs: 'サーバー名または URL。--limit は 1..1000',
  historyServerArg: 'サーバー名または URL',

  status: {
    title: 'KB954960 全サーバーの状況',
    nextAction: '次の対応',
    newDetections: (p) => `過去 ${p.h} 時間の新しい検出`,
    newDetectionCount: (p) => `${p.n} 件`,
    onServers: (p) => `、サーバー ${p.servers} 台`,
    serverDetections: (p) => (p.count === 1 ? `検出 1 件、${jaDate(p.at)}` : `検出 ${p.n} 件、最新 ${jaDate(p.at)}`),
    noNewDetections: (p) => `過去 ${p.h} 時間に新しい検出はありません。`,
    longAffected: (p) => `${p.d} 日以上該当したまま`,
    more: (p) => `ほか ${p.n} 件`,
    since: (p) => then(jaDate(p.d), '以降'),
    days: (p) => `${p.n} 日`,
    otherProblems: (p) => `その他の問題 (過去 ${p.d} 日)`,
    problemOnServer: (p) => `${p.title}: ログ ${p.n} 件 (${then(jaDate(p.d), '以降')})`,
    thread: 'スレッド',
    noServerName: '(サーバー名なし)',
    // A space between a Latin word and kana, as everywhere in this catalogue: "CLI から", "フォームから".
    fromOrigin: (p) => `${p.origin}${/[!-~]$/.test(p.origin) ? ' ' : ''}から`,
    fixedSinceNote: 'その後適用済み',
    generated: (p) => `${then(jaDate(p.t), '時点')}。サーバーの詳細: \`/kb954960 server <サーバー名>\``,
    servers: (p) => `サーバー ${p.n} 台`,
    count: (p) => `${p.label} ${p.n}`,
    listSeparator: '、',
    quietHead: 'KB954960 — 新しい検出なし',
    quiet: (p) => `${p.head}: 過去 ${p.h} 時間に新しい検出はなく、該当中のサーバーもありません。${p.counts}。${p.next}`,
    quietEmpty: (p) => `${p.head}: 過去 ${p.h} 時間に新しい検出はありません。${p.next}`,
    quietNext: (p) => `次: ${p.action}`,
    quietLink: (p) => `${p.link}`,
  },
  bucketShort: {
    affected: '該当',
    'needs-sp1': 'RTM (SP1 が必要)',
    vulnerable: 'SP1 適用未確認',
    conflict: 'バージョン矛盾',
    unknown: 'バージョン不明',
    'not-applicable': '対象外 (SP2、WSUS 4.0 以降)',
    fixed: '適用済み',
  },
  next: {
    'fix-affected': (p) =>
      `該当している ${p.count} 台 (${p.list}) に KB954960 を適用してください${p.rtm > 0 ? ` (うち ${p.rtm} 台は WSUS 3.0 RTM: 先に SP1)` : ''}。適用後、クライアント Web サービスの DLL が ${FIXED_DLL_VERSION} であることを確認し、クライアントで ${p.cmd} を実行します。`,
    'sp1-then-fix': (p) =>
      `WSUS 3.0 RTM の ${p.count} 台 (${p.list}) に先に WSUS 3.0 SP1 をインストールし、その後 KB954960 を適用してください (${ONLY_ON_SP1})。`,
    'install-fix': (p) =>
      `KB954960 の適用を確認できていない SP1 サーバー ${p.count} 台 (${p.list}) に KB954960 を適用し、DLL が ${FIXED_DLL_VERSION} であることを確認してください。`,
    'resolve-conflicts': (p) =>
      `バージョン情報が矛盾している ${p.count} 台 (${p.list}) で確認用ブロックを実行し、出力をボットに貼り付けてください (ボットはどちらが正しいかを推測しません)。`,
    'check-versions': (p) => `バージョン不明の ${p.count} 台 (${p.list}) で ${p.cmd} を実行し、出力をボットに貼り付けてください。`,
    none: () => '対応は不要です。把握しているすべてのサーバーは適用済みか、KB954960 の対象外です。',
    'no-servers': () =>
      'まだサーバーの情報がありません。WindowsUpdate.log や SoftwareDistribution.log をボットに貼り付けるか、`server <名前> wsus <バージョン>` で記録してください。',
  },

  retractedAfterEdit: '回答したメッセージが編集され、ログが含まれなくなりました。この診断は取り消し、履歴・サーバー・状況の集計に含めません。',
  serverFacts: {
    otherFailures: 'KB954960 以外に見つかった問題とエラー',
    notKnown: '未確認',
    dll: `クライアント Web サービス DLL (適用済みは ${FIXED_DLL_VERSION})`,
    wsusVersion: 'WSUS バージョン',
    fixEvent: 'イベント ID 1022 (ソース: MsiInstaller、KB954960)',
    fixEventSeen: 'あり',
    lastAffected: 'KB954960 の失敗を最後に検出',
    lastAffectedBeforeFix: '更新プログラム (KB954960) 適用前の最後のエラー',
    nothingKnown: (p) => `${p.server} の記録はまだありません。`,
    ambiguous: (p) => `${p.server} は複数のサーバー (${p.candidates}) のどれか判断できません。完全な名前で指定してください。`,
    notAName: (p) => `${p.input} はサーバー名として読めません (例: wsus01、wsus01.corp.example、http://wsus01:8530)。`,
    notAVersion: (p) => `使い方: server <名前> dll|wsus <バージョン> — ${p.input} はバージョンとして読めません (例: 3.1.6001.66)。何も記録していません。`,
    notABuild: (p) => `${p.input} は WSUS のビルド番号ではありません。WSUS は ${p.builds} です。何も記録していません。`,
    byUser: (p) => `記録: ${p.user}`,
    recordedOn: (p) => `${p.date} に記録`,
    evidenceTitle: '根拠',
    dllSeen: (p) => `クライアント Web サービス DLL ${p.v} (適用済みは ${FIXED_DLL_VERSION} 以上)`,
    fixEventSeenLine: 'イベント ID 1022 (ソース: MsiInstaller、KB954960) あり',
    noFacts: '記録された事実はまだありません。',
    proofNote:
      '適用の根拠は DLL のファイル バージョンかイベント ID 1022 (ソース: MsiInstaller) です (KB954960 は「プログラムの追加と削除」には表示されません)。',
    listTitle: 'サーバーと適用の根拠',
    moreServers: (p) => `ほか ${p.n} 台`,
    noServers: 'まだサーバーの記録はありません。',
    eventShort: 'イベント ID 1022',
    noProofYet: '適用の根拠 (DLL のバージョンかイベント ID 1022) はまだありません',
  },
  history: {
    title: 'KB954960 の診断履歴',
    none: '履歴はまだありません。',
    newestFirst: '新しい順',
    also: (p) => `ほかに: ${p.list}`,
    inChannel: (p) => `${p.channel} で${p.origin}`,
  },

  refusal: {
    tooLarge: (p) => `${p.name}ファイルが上限 ${p.limit} (MAX_FILE_BYTES) を超えています。失敗の前後の行だけを切り出して送ってください。`,
    eventLog: (p) => `${p.name}Windows のイベント ログ (.evtx) は読めません。サーバーで ${p.command} を実行し、MsiInstaller.txt を送ってください。`,
    badArchive: (p) => `${p.name}ZIP ファイルを読めませんでした (壊れている、パスワード付き、またはログが入っていません)。ログそのものを送ってください。`,
    archiveLimit: (p) => `${p.name}この ZIP は読める範囲を超えています (ファイル数・展開後のサイズ・圧縮率の上限)。ログ (.log / .txt) だけを送ってください。`,
    archive: {
      zip64: (p) => `${p.name}ZIP64 形式 (非常に大きなアーカイブ用の形式) の ZIP は読めません。ログを通常の ZIP で圧縮し直すか、ログそのものを送ってください。`,
      split: (p) => `${p.name}複数のファイルに分割された ZIP は読めません。1 つの ZIP にまとめるか、ログそのものを送ってください。`,
      tooManyEntries: (p) => `${p.name}この ZIP には ${p.count} 個のエントリがあり、開ける上限 (${p.max} 個) を超えています。ログだけを送ってください。`,
      overlapping: (p) =>
        `${p.name}この ZIP のエントリ ${p.first} と ${p.second} が同じデータを指しています。通常の圧縮ツールでは作られない、細工された ZIP のため受け付けません。ログを圧縮し直すか、ログそのものを送ってください。`,
    },
    binary: (p) => `${p.name}テキストのログではないようです。WindowsUpdate.log か SoftwareDistribution.log をそのまま (または .gz で) 送ってください。`,
    badGzip: (p) => `${p.name}gzip ファイルが壊れているか途中で切れています。圧縮し直して送ってください。`,
    empty: (p) => `${p.name}空のファイルです。`,
    unreadable: (p) => `${p.name}ファイルを読み込めませんでした。もう一度送ってください。`,
    download: (p) => `${p.name}ファイルをダウンロードできませんでした (${p.reason})。`,
    notALog: '読めるのはテキストのログ (.log, .txt, スニペット) と、その .gz だけです。',
    unexpected: '処理中に問題が発生しました。もう一度お試しください。',
    adminsOnly: (p) => `この操作は管理者 (ADMIN_USER_IDS) のみが行えます。${p.admins} に依頼してください。参照系のコマンドはどなたでも使えます。`,
  },
  downloadProblem: {
    noLink: 'ファイルに使えるダウンロード リンクがありません',
    offSlack: (p) => `ファイルのリンクが Slack の外 (${p.host}) を指しています。Slack のファイル ホストからしかダウンロードしません`,
    redirects: 'Slack のリダイレクトが続きました。もう一度お試しください',
    status: (p) => `ファイルのダウンロードに Slack が ${p.status} を返しました。しばらくしてからお試しください`,
    signIn: 'ファイルの代わりに Slack のサインイン ページが返されました。アプリに files:read スコープとこのファイルへのアクセスが必要です',
  },
  notRecorded: {
    listSeparator: '、',
    sentence: (p) =>
      `記録していません: ${p.server} の ${p.what}。サーバーのバージョンと KB954960 の適用を記録できるのは管理者 (ADMIN_USER_IDS) だけです。${p.admins} に依頼してください。`,
  },
  attribution: {
    fixEvent: '適用のイベント (イベント ID 1022、MsiInstaller)',
    noFixEvent: '適用のイベント (イベント ID 1022、MsiInstaller) なし',
    serverNotNamed: 'まだ不明',
    ask: (p) =>
      `:question: *この出力はどのサーバーのものですか?* ${p.buttons ? 'サーバーのボタンを押すか、' : ''}このスレッドにサーバー名を返信すると記録します。出力にコンピューター名がありません (${p.what})。`,
    askFallback: 'この出力はどのサーバーのものですか?',
    recordFor: (p) => `${p.server} として記録`,
    recorded: (p) => `:white_check_mark: ${p.by}*${p.server}* の ${p.what} を記録しました。現在の状態: ${p.state}`,
    recordedBy: (p) => `${p.user} さんが `,
    onlyAdmins: (p) =>
      `何も記録していません。サーバーのバージョンと KB954960 の適用を記録できるのは管理者 (ADMIN_USER_IDS) だけです。${p.admins} に依頼してください。`,
    already: (p) => `この出力は既に ${p.server} の記録です。`,
    gone: 'この出力の記録はもうありません (履歴の保存期間を過ぎました)。記録するには、もう一度貼り付けてください。',
    confirms: (p) => `:link: 同じ失敗です: ${p.where}${p.on} を裏付けます (Fault ID ${p.id})。`,
    earlierReport: '先の報告',
    onServer: (p) => ` (${p.server})`,
    faultConflict: (p) =>
      `:warning: *矛盾:* Fault ID ${p.id} は *${p.other}* で報告されています (${p.where}) が、この貼り付けは *${p.server}* を指しています。1 つの失敗は 1 台のサーバーで起きるため、2 つを結び付けていません。${p.server} と ${p.other} が同じサーバーの別名なら、管理者がボタンで記録できます。別のサーバーなら、どちらかの貼り付けのサーバー名が誤っています。`,
    faultConflictFallback: '矛盾: 同じ Fault ID が 2 つのサーバー名で報告されています。',
    sameServer: (p) => `${p.server} と ${p.other} は同じサーバー`,
    sameServerRecorded: (p) =>
      `:white_check_mark: ${p.by}記録しました: ${p.server} は *${p.other}* の別名です。Fault ID ${p.id} は ${p.other} の KB954960 特有のエラー 1 件として数えます。`,
    onlyAdminsJoin: (p) => `何も記録していません。2 つの名前が同じサーバーだと記録できるのは管理者 (ADMIN_USER_IDS) だけです。${p.admins} に依頼してください。`,
  },
  adminMentions: (p) => (p.more > 0 ? `${p.mentions} ほか ${p.more} 名` : p.mentions),
  mentionSeparator: '、',

  modal: {
    title: 'KB954960 診断',
    submit: '診断',
    close: 'キャンセル',
    log: 'ログ (WindowsUpdate.log / SoftwareDistribution.log の行)',
    server: 'WSUS サーバー名',
    lang: '返信の言語',
    badServer: 'wsus01 や wsus01.corp.example のようなホスト名を入力してください',
    noLog: 'ログを 1 行以上貼り付けてください',
  },

  help: {
    text: [
      '*/kb954960* — KB954960 (WSUS 3.0 のクライアントが更新プログラムを受信しない問題) を診断します',
      '• `/kb954960` — ログを貼り付けるフォームを開く',
      '• `/kb954960 check <ログの行>` — 貼り付けた行を診断',
      '• `/kb954960 code <コード>` — Windows Update のエラー コード (例: `0x80244022`) の意味と、該当する既知の問題',
      '• `/kb954960 server <名前>` — WSUS サーバーの記録 · `/kb954960 server <名前> dll|wsus <バージョン>` — バージョンを記録',
      '• `/kb954960 history [サーバー]` — 最近の診断',
      '• `/kb954960 status` — 全サーバーの状況',
      '• `/kb954960 subscribe [HH:MM] [ja|en]` · `/kb954960 unsubscribe` — このチャンネルへの毎日の状況投稿',
      '• `/kb954960 lang [ja|en]` — あなたへの返信の言語',
      '参加しているチャンネルや DM に WindowsUpdate.log / SoftwareDistribution.log の行を貼り付けるか、ファイル (.gz も可) をアップロードしても診断します。',
    ].join('\n'),
    unknown: (p) => `\`${p.word}\` というサブコマンドはありません。使い方:`,
    everyoneIsAdmin:
      ':warning: *このワークスペースの全員がサーバーの記録 (バージョン、修正、ログがどのサーバーのものか) と定期投稿の設定を変更できます*: `ADMIN_USER_IDS` が未設定です。管理者だけに制限するには、`ADMIN_USER_IDS` に管理者の Slack メンバー ID (U…、カンマ区切り) を設定して bot を再起動してください。',
  },
  subscribe: {
    done: (p) =>
      `${p.created ? 'このチャンネルを購読しました' : '購読を更新しました'}: KB954960 の状況を毎日 ${p.time} (${p.timeZone}) に${p.lang}で投稿します。次回: ${jaDate(p.next)}。停止するには \`/kb954960 unsubscribe\`。`,
    removed: '購読を解除しました。このチャンネルへの KB954960 の日次投稿は止まります。',
    notSubscribed: 'このチャンネルは購読していません。',
    badTime: (p) =>
      `${p.input} は時刻として読めません。HH:MM 形式 (00:00～23:59) で指定してください (例: \`/kb954960 subscribe 09:00 ja\`)。購読は変更していません。`,
  },
  lang: {
    chosen: (p) => `今後は${p.lang}で返信します (コマンド、App Home、フォーム)。日本語で書かれた内容には引き続き日本語で返信します。`,
    current: (p) => `${p.lang}で返信しています。\`/kb954960 lang ja|en\` で変更できます。`,
    currentDefault: (p) => `このワークスペースの既定の${p.lang}で返信しています。\`/kb954960 lang ja|en\` で選べます。`,
  },

  converse: {
    hint: 'ログを貼り付けるかファイルをアップロードしていただければ診断します。サーバーについての質問にもお答えします (例: 「wsus01 は適用済み？」「該当しているサーバーは？」「ヘルプ」)。',
    welcome: 'どういたしまして。',
    helpAsk:
      'メンションで質問することもできます: `status`、「該当しているサーバーは？」「未適用のサーバーは？」「報告のないサーバーは？」「wsus01 は適用済み？」「0x80244022 とは？」',
    affectedTitle: (p) => `現在 KB954960 に該当: ${p.of}中 ${p.n} 台`,
    noneAffected: (p) => `現在 KB954960 に該当しているサーバーはありません (記録のある${p.of})。`,
    notFixedTitle: (p) => `適用済みと確認できていない: ${p.of}中 ${p.n} 台`,
    silentTitle: (p) => `${p.h} 時間以上報告なし: ${p.of}中 ${p.n} 台`,
    noneSilent: (p) => `${p.of}すべてについて、過去 ${p.h} 時間以内に報告がありました。`,
    lastHeard: (p) => `最後の報告 ${p.d}`,
    silentNote:
      '報告: そのサーバーのログ、または記録された情報が届いたこと。報告がないことは正常の証明にはなりません。確かめるには最新のログを貼り付けてください。',
  },
  clientHealth: {
    title: 'クライアント (サーバー自身の報告から)',
    total: (p) => `クライアント ${p.total} 台 (${jaDate(p.at)} 時点)。`,
    failing: (p) => `${p.clients} 台が ${jaDate(p.since)} 以降 ${p.code} で失敗しています。`,
    noneFailing: '失敗しているクライアントはありません。',
    notSynced: (p) => `${p.n} 台が ${p.days} 日以上同期していません (${p.sample})。`,
    silent: (p) => `${p.hours} 時間以上報告がありません (最後の報告 ${jaDate(p.last)})。`,
    neverReported: '登録済みですが、まだ報告がありません。',
    revoked: '報告用のキーは無効にされています。',
    statusSilent: (p) => `${p.h} 時間以上報告のないサーバー: ${p.n}`,
    statusSilentLine: (p) => `最後の報告 ${jaDate(p.last)}`,
    statusFailing: (p) => `多数のクライアントが失敗しているサーバー: ${p.n}`,
    statusFailingLine: (p) => `クライアント ${p.total} 台中 ${p.clients} 台が ${p.code} で失敗`,
  },
  fleetAlert: {
    worseTitle: (p) => `:warning: ${p.server} の状態が悪化しました`,
    recoveredTitle: (p) => `:white_check_mark: ${p.server} が回復しました`,
    affected: 'KB954960 に該当: クライアントが既知の WSUS 3.0 の同期エラーで失敗しています。',
    affectedEnded: 'KB954960 に該当しなくなりました (最後のエラー以降、更新プログラムが適用されています)。',
    problem: (p) => `対応が必要: ${p.title}。`,
    problemEnded: (p) => `1 週間検出されていません: ${p.title}。`,
    clientsFailing: (p) => `クライアント ${p.total} 台中 ${p.clients} 台が ${jaDate(p.since)} 以降 ${p.code} で失敗しています (${p.sample})。`,
    clientsFailingEnded: (p) => `${p.code}: 失敗しているクライアントは ${p.total} 台中 ${p.clients} 台に減りました。`,
    kbFirstSuspect: (p) =>
      `最も疑わしいのは KB954960 です: 更新プログラム (KB954960) 未適用の SP1 サーバーで、多数のクライアントが 0x8024400E で失敗しています。${p.server} に KB954960 を適用し、適用を確認してください。`,
    silent: (p) => `${p.hours} 時間報告がありません (最後の報告 ${p.last})。タスク スケジューラの KB954960-Report と、ボットまでの経路を確認してください。`,
    silentEnded: '報告が再開しました。',
  },
};
