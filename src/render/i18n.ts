import type { Action, Note, Verdict } from '../diagnose/diagnose.js';
import type { ServerState } from '../diagnose/server-state.js';
import type { Lang } from '../detect/types.js';
import { FIXED_DLL_VERSION, VERIFY_COMMANDS } from '../kb954960.js';

/** Kana or CJK ideographs in what the user wrote: a Japanese speaker gets Japanese replies. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;
export function langOf(text: string, fallback: Lang): Lang {
  return JAPANESE.test(text) ? 'ja' : fallback;
}

type Texts = Readonly<Record<Lang, string>>;

export const VERDICT_HEADLINE: Readonly<Record<Verdict, Texts>> = {
  affected: { en: 'KB954960: affected — the known WSUS 3.0 sync failure', ja: 'KB954960: 該当 — WSUS 3.0 の既知の同期エラーです' },
  possible: { en: 'KB954960: possible — a symptom it shares with other problems', ja: 'KB954960: 可能性あり — 他の原因でも出る症状です' },
  vulnerable: { en: 'KB954960: fix missing — no failure seen, but the server lacks the fix', ja: 'KB954960: 修正未適用 — 失敗は出ていませんが、サーバーに修正がありません' },
  conflict: { en: "KB954960: can't tell — the server's versions contradict each other", ja: 'KB954960: 判定できません — サーバーのバージョン情報が矛盾しています' },
  fixed: { en: 'KB954960: fixed — the fix is installed', ja: 'KB954960: 修正済み — 修正プログラムは適用されています' },
  clean: { en: 'No KB954960 signature found', ja: 'KB954960 のシグネチャは見つかりませんでした' },
};

/** The verdict in a word or two, where the headline is too long (a repeat's one-line note). */
export const VERDICT_WORD: Readonly<Record<Verdict, Texts>> = {
  affected: { en: 'affected', ja: '該当' },
  possible: { en: 'possible', ja: '可能性あり' },
  vulnerable: { en: 'fix missing', ja: '修正未適用' },
  conflict: { en: "can't tell", ja: '判定不可' },
  fixed: { en: 'fixed', ja: '修正済み' },
  clean: { en: 'no KB954960 signature', ja: 'KB954960 のシグネチャなし' },
};

export const VERDICT_EMOJI: Readonly<Record<Verdict, string>> = {
  affected: ':red_circle:',
  possible: ':large_orange_circle:',
  vulnerable: ':large_yellow_circle:',
  conflict: ':large_purple_circle:',
  fixed: ':large_green_circle:',
  clean: ':white_circle:',
};

export const STATE_LABEL: Readonly<Record<ServerState | 'affected', Texts>> = {
  'needs-sp1': { en: 'WSUS 3.0 RTM — SP1 needed first', ja: 'WSUS 3.0 RTM — 先に SP1 が必要' },
  vulnerable: { en: 'SP1, fix not verified', ja: 'SP1、修正未確認' },
  fixed: { en: 'fixed', ja: '修正済み' },
  'not-applicable': { en: 'KB954960 does not apply', ja: 'KB954960 の対象外' },
  conflict: { en: 'versions conflict', ja: 'バージョン情報が矛盾' },
  unknown: { en: 'version unknown', ja: 'バージョン不明' },
  affected: { en: 'signature seen, not fixed since', ja: 'シグネチャ検出後、未修正' },
};

const A: Readonly<Record<Action, Texts>> = {
  'install-sp1-then-fix': {
    en: 'The server runs WSUS 3.0 RTM: install WSUS 3.0 SP1 first, then KB954960 — the fix installs only on SP1.',
    ja: 'サーバーは WSUS 3.0 RTM です。先に WSUS 3.0 SP1 をインストールし、その後 KB954960 を適用してください (修正プログラムは SP1 にのみインストールできます)。',
  },
  'install-fix': {
    en: 'Install KB954960 on the WSUS 3.0 SP1 server (download below; since 2008-08-13 also offered through Windows Update, Microsoft Update and WSUS). It needs no special care.',
    ja: 'WSUS 3.0 SP1 サーバーに KB954960 を適用してください (下のダウンロード リンク。2008-08-13 以降は Windows Update / Microsoft Update / WSUS でも配信されています)。適用に特別な注意は不要です。',
  },
  'or-workaround': {
    en: 'If you cannot install it yet, the workaround in KB954960 — as admins describe it: in the WSUS console make sure "Office 2003 Service Pack 1" is declined, approve it, then decline it again, on every server of the hierarchy. Clearing the client\'s SoftwareDistribution folder does not help.',
    ja: 'すぐに適用できない場合は KB954960 の回避策 (管理者の記述による手順): WSUS 管理コンソールで「Office 2003 Service Pack 1」が拒否されていることを確認し、いったん承認してから再度拒否します。階層内のすべてのサーバーで行ってください。クライアントの SoftwareDistribution フォルダーを削除しても解決しません。',
  },
  'check-server-version': {
    en: `Check the server's version first — WSUS 3.0 RTM (3.0.6000.x) needs SP1 before the fix: run \`${VERIFY_COMMANDS.registryVersion}\` on the server and paste the output here.`,
    ja: `まずサーバーのバージョンを確認してください。WSUS 3.0 RTM (3.0.6000.x) では修正の前に SP1 が必要です。サーバーで \`${VERIFY_COMMANDS.registryVersion}\` を実行し、出力をここに貼り付けてください。`,
  },
  'confirm-duplicate-key': {
    en: 'The server\'s "ArgumentException: Item has already been added" is the exception KB954960 fixes, but on its own it does not prove this failure. It is KB954960 when the same SoftwareDistribution.log has, right after it, "ThrowException: actor = http://<server>/ClientWebService/client.asmx … ErrorCode=InternalServerError" — paste those lines, or a client\'s WindowsUpdate.log with "ErrorCode:InternalServerError(5)".',
    ja: 'サーバーの「ArgumentException: Item has already been added」は KB954960 が修正する例外ですが、それだけではこの問題とは断定できません。同じ SoftwareDistribution.log の直後に「ThrowException: actor = http://<server>/ClientWebService/client.asmx … ErrorCode=InternalServerError」があれば KB954960 です。その行か、「ErrorCode:InternalServerError(5)」を含むクライアントの WindowsUpdate.log を貼り付けてください。',
  },
  'investigate-other-cause': {
    en: 'KB954960 does not apply to this server, so installing it will not help: investigate this failure as another problem — the full exception in the server\'s C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log around the InternalServerError says which.',
    ja: 'このサーバーは KB954960 の対象外のため、適用しても解決しません。別の問題として調査してください。サーバーの C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log の InternalServerError 前後の例外全体が手がかりになります。',
  },
  'resolve-conflict': {
    en: 'The recorded WSUS version and client web service DLL cannot both be true (see the note). Run the verification block below on the server and paste its output: it records both anew, named for that computer.',
    ja: '記録されている WSUS のバージョンとクライアント Web サービス DLL は両立しません (補足を参照)。下の確認用ブロックをサーバーで実行し、出力を貼り付けてください。コンピューター名付きで両方を記録し直します。',
  },
  'check-server-log': {
    en: 'This client symptom alone has other causes too. Look in the server\'s C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log for "ThrowException: actor = http://<server>/ClientWebService/client.asmx … ErrorCode=InternalServerError", and in the client log for "ErrorCode:InternalServerError(5)"; paste what you find here.',
    ja: 'クライアントのこの症状だけでは他の原因の可能性もあります。サーバーの C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log で「ThrowException: actor = http://<server>/ClientWebService/client.asmx … ErrorCode=InternalServerError」を、クライアントのログで「ErrorCode:InternalServerError(5)」を探し、見つかった行をここに貼り付けてください。',
  },
  'verify-fix': {
    en: `Verify on the server afterwards: Microsoft.UpdateServices.WebServices.Client.dll has file version ${FIXED_DLL_VERSION}, and the Application log has an MsiInstaller event 1022. The fix is not listed in Add/Remove Programs. Paste the output of the commands below to record it.`,
    ja: `適用後にサーバーで確認してください: Microsoft.UpdateServices.WebServices.Client.dll のファイル バージョンが ${FIXED_DLL_VERSION} であること、アプリケーション ログに MsiInstaller のイベント ID 1022 があること。修正は「プログラムの追加と削除」には表示されません。下のコマンドの出力を貼り付けると記録します。`,
  },
  'rerun-client-detection': {
    en: `Then run \`${VERIFY_COMMANDS.clientDetect}\` on an affected client and check its WindowsUpdate.log: the SyncUpdates failure should be gone.`,
    ja: `その後、影響を受けたクライアントで \`${VERIFY_COMMANDS.clientDetect}\` を実行し、WindowsUpdate.log から SyncUpdates のエラーが消えたことを確認してください。`,
  },
  'recheck-fixed-server': {
    en: 'The server is recorded as fixed, yet the signature shows: check the DLL version again (reinstalling WSUS removes the fix) and make sure every server of the hierarchy has it.',
    ja: 'サーバーは修正済みとして記録されていますが、シグネチャが出ています。DLL のバージョンを再確認し (WSUS を再インストールすると修正は外れます)、階層内のすべてのサーバーに適用されているか確認してください。',
  },
  'nothing-to-do': { en: 'Nothing to do: the fix is in place.', ja: '対応は不要です。修正は適用されています。' },
};

export function actionText(action: Action, lang: Lang): string {
  return A[action][lang];
}

const LOOKALIKE: Readonly<Record<string, Texts>> = {
  '0x80244007': {
    en: '0x80244007 is a SOAP client fault (e.g. InvalidParameters: KB4096317, maxInstalledPrerequisites in the client web service\'s web.config; or InternalServerError on SimpleAuthWebService/GetAuthorizationCookie) — not KB954960.',
    ja: '0x80244007 は SOAP クライアントのエラーです (例: InvalidParameters は KB4096317 で、クライアント Web サービスの web.config の maxInstalledPrerequisites。SimpleAuthWebService/GetAuthorizationCookie の InternalServerError も同じコード)。KB954960 ではありません。',
  },
  '0x80244022': { en: '0x80244022 is HTTP 503: the WSUS application pool is stopped — not KB954960.', ja: '0x80244022 は HTTP 503 で、WSUS のアプリケーション プールが停止しています。KB954960 ではありません。' },
  '0x8024401C': { en: '0x8024401C is a timeout — not KB954960.', ja: '0x8024401C はタイムアウトです。KB954960 ではありません。' },
  '0x80072EE2': { en: '0x80072EE2 is a timeout — not KB954960.', ja: '0x80072EE2 はタイムアウトです。KB954960 ではありません。' },
  '0x8024402C': { en: '0x8024402C is a proxy or name-resolution failure — not KB954960.', ja: '0x8024402C はプロキシまたは名前解決のエラーです。KB954960 ではありません。' },
  '0x80244008': { en: '0x80244008 with SQL timeouts on the server is KB909131 — not KB954960.', ja: '0x80244008 でサーバー側に SQL タイムアウトがある場合は KB909131 です。KB954960 ではありません。' },
  InvalidParameters: {
    en: 'ErrorCode=InvalidParameters on the client web service is KB4096317 (maxInstalledPrerequisites in its web.config) — not KB954960.',
    ja: 'クライアント Web サービスの ErrorCode=InvalidParameters は KB4096317 (web.config の maxInstalledPrerequisites) です。KB954960 ではありません。',
  },
};

/** How a note shows times and the values it quotes: Slack wants `<!date^…>` tokens and mrkdwn-escaped values. */
export interface NoteFormat {
  readonly date?: (iso: string) => string;
  /** Applied to what came from the input (server names, codes, IDs); the catalogue's own words need no escaping. */
  readonly value?: (text: string) => string;
}

export function noteText(note: Note, lang: Lang, format: NoteFormat = {}): string {
  const ja = lang === 'ja';
  const date = format.date ?? ((iso: string) => iso);
  const v = format.value ?? ((text: string) => text);
  switch (note.kind) {
    case 'intermittent':
      return ja
        ? 'この問題は再現性が低く、影響を受けるサーバーのすべてのクライアントで起きるわけではありません。症状が出ていなくても修正の適用をお勧めします。'
        : 'It reproduces intermittently and not on every client of an affected server: applying the fix is advised even where nothing shows yet.';
    case 'office-2003':
      return ja ? 'このクライアントには Office 2003 製品があります (KB954960 の影響を受けるクライアントです)。' : 'This client has Office 2003 products — the clients KB954960 hits.';
    case 'failures-predate-fix':
      return ja ? `このログの失敗は、修正が記録された ${date(note.since)} より前のものです。` : `The failures in this log predate the fix recorded at ${date(note.since)}.`;
    case 'fixed-but-failing':
      return ja ? `このサーバーは ${date(note.since)} から修正済みとして記録されています。` : `This server is recorded as fixed since ${date(note.since)}.`;
    case 'lookalike': {
      const known = LOOKALIKE[note.code];
      if (known) return known[lang];
      return ja
        ? `クライアント Web サービスの ErrorCode=${v(note.code)} は別の問題です。KB954960 ではありません。`
        : `ErrorCode=${v(note.code)} on the client web service is a different problem — not KB954960.`;
    }
    case 'not-applicable':
      return note.reason === 'sp2'
        ? ja
          ? 'KB954960 は該当しません: このサーバーは WSUS 3.0 SP2 (3.2.7600.x) です。アドバイザリの対象は WSUS 3.0 RTM と SP1 のみで、SP2 (2009 年) はその後のリリースです。'
          : 'KB954960 does not apply: this server runs WSUS 3.0 SP2 (3.2.7600.x). The advisory names only WSUS 3.0 RTM and SP1; SP2 (2009) came after it.'
        : ja
          ? 'KB954960 は該当しません: このサーバーは WSUS 4.0 以降 (6.2.9200.x / 6.3.9600.x / 10.0.x) で、WSUS 3.0 ではありません。'
          : 'KB954960 does not apply: this server runs WSUS 4.0 or later (6.2.9200.x / 6.3.9600.x / 10.0.x), not WSUS 3.0.';
    case 'conflict': {
      const other = note.dllVersion
        ? ja ? `クライアント Web サービス DLL ${note.dllVersion}` : `a client web service DLL ${note.dllVersion}`
        : ja ? 'KB954960 のインストール イベント (修正は SP1 にのみ適用可能)' : 'the KB954960 install event (the fix installs only on SP1)';
      return ja
        ? `矛盾: WSUS のバージョン ${note.wsusVersion} と ${other} は同じサーバーでは両立しません。推測せず、確認し直してください。`
        : `Conflict: WSUS version ${note.wsusVersion} and ${other} cannot both be true of one server — not guessed; check again.`;
    }
    case 'other-servers':
      return ja ? `この入力には他のサーバーも出てきます: ${v(note.servers.join(', '))}` : `Other servers named in this input: ${v(note.servers.join(', '))}`;
    case 'fault-id-joins':
      return ja
        ? `Fault ID ${v(note.id)}: サーバーの SoftwareDistribution.log の同じ失敗の行にも同じ ID があります。`
        : `Fault ID ${v(note.id)}: the server's SoftwareDistribution.log line for the same failure carries the same ID.`;
  }
}

/** Fixed UI strings. */
export const UI = {
  server: { en: 'Server', ja: 'サーバー' },
  state: { en: 'State', ja: '状態' },
  // The CLI's words (it has --server); Slack says noServerSlack.
  noServer: { en: 'not named — add `--server NAME` or paste a line with the server URL', ja: '不明 — サーバー名を指定するか、サーバー URL を含む行を貼り付けてください' },
  lines: { en: 'Lines scanned', ja: '走査した行数' },
  evidence: { en: 'Evidence', ja: '根拠となる行' },
  moreEvidence: { en: 'and {n} more lines', ja: 'ほか {n} 行' },
  nextSteps: { en: 'Next steps', ja: '次の対応' },
  verify: { en: 'How to verify (on the WSUS server)', ja: '確認方法 (WSUS サーバーで実行)' },
  verifyPowershell: { en: 'PowerShell', ja: 'PowerShell' },
  verifyWmic: { en: 'Without PowerShell (Windows Server 2003)', ja: 'PowerShell がない場合 (Windows Server 2003)' },
  verifyPasteBack: { en: 'Paste the output here and the bot records it.', ja: '出力をここに貼り付けると記録します。' },
  notes: { en: 'Notes', ja: '補足' },
  download: { en: 'Download KB954960', ja: 'KB954960 をダウンロード' },
  kbArticle: { en: 'KB954960 article', ja: 'KB954960 の記事' },
  advisory: { en: 'Advisory 954960', ja: 'アドバイザリ 954960' },
  links: { en: 'Links', ja: 'リンク' },
  otherProblems: { en: 'Other problems found (not KB954960)', ja: 'KB954960 以外に見つかった問題' },
  failureCodes: { en: 'Failure codes in the input', ja: '入力にあるエラー コード' },
  cause: { en: 'Cause', ja: '原因' },
  firstStep: { en: 'First step', ja: '最初の対応' },
  source: { en: 'Source', ja: '出典' },
  onLines: { en: 'lines', ja: '行' },
  timesOnLines: { en: '{n}×, lines {lines}', ja: '{n} 回、{lines} 行目' },
  unknownCode: { en: 'not a known code', ja: '既知のコードではありません' },
  knownProblem: { en: 'Known problem', ja: '既知の問題' },
  notKb954960: { en: 'Not KB954960', ja: 'KB954960 ではありません' },
  codesExplained: { en: 'no known WSUS problem matches; the failure codes in this log:', ja: '既知の WSUS の問題には当てはまりません。このログのエラー コード:' },
  alsoFound: { en: 'Also found', ja: 'ほかに見つかった問題' },
  andMore: { en: 'and {n} more', ja: 'ほか {n} 件' },
  pasteTheLog: {
    en: 'Paste the WindowsUpdate.log lines around it (or upload the file) and I will diagnose it.',
    ja: '前後の WindowsUpdate.log の行を貼り付けるか、ファイルをアップロードしてください。診断します。',
  },
  noKnownProblem: { en: 'No known WSUS problem is tied to this code; paste the log around it and I explain every code in it.', ja: 'このコードに結び付いた既知の WSUS の問題はありません。前後のログを貼り付けると、含まれるコードをすべて説明します。' },
  codeIsKb954960: {
    en: 'KB954960: with ErrorCode:InternalServerError(5) on ClientWebService/SyncUpdates this is the KB954960 signature; alone it has other causes too. Paste the client log to check.',
    ja: 'KB954960: ClientWebService/SyncUpdates の ErrorCode:InternalServerError(5) を伴えば KB954960 のシグネチャです。単独では他の原因もあります。クライアントのログを貼り付けて確認してください。',
  },
  nothingFound: {
    en: 'No KB954960 signature found in what you sent. I look for `SOAP Fault: 0x000190`, `ErrorCode:InternalServerError(5)` and `SyncUpdates failure, error = 0x8024400E` (client WindowsUpdate.log) and `ThrowException … /ClientWebService/client.asmx … ErrorCode=InternalServerError` (server SoftwareDistribution.log).',
    ja: '送られた内容に KB954960 のシグネチャは見つかりませんでした。クライアントの WindowsUpdate.log の `SOAP Fault: 0x000190`、`ErrorCode:InternalServerError(5)`、`SyncUpdates failure, error = 0x8024400E` と、サーバーの SoftwareDistribution.log の `ThrowException … /ClientWebService/client.asmx … ErrorCode=InternalServerError` を探します。',
  },
  // ── the diagnosis reply in Slack (src/render/diagnosis-blocks.ts) ──
  noServerSlack: { en: 'not named — reply in this thread with the server name', ja: '不明 — このスレッドにサーバー名を返信してください' },
  nextStep: { en: 'Next step', ja: '次の対応' },
  sp1FirstIfRtm: { en: 'If it still runs WSUS 3.0 RTM (3.0.6000.x), install SP1 first.', ja: 'WSUS 3.0 RTM (3.0.6000.x) のままなら、先に SP1 をインストールしてください。' },
  showMoreLines: { en: 'Show {n} more lines', ja: 'ほか {n} 行を表示' },
  howToVerify: { en: 'How to verify', ja: '確認方法' },
  afterInstalling: { en: 'After installing KB954960', ja: 'KB954960 の適用後' },
  evidenceRest: { en: 'Evidence, lines {from}–{to} of {n}', ja: '根拠となる行 ({n} 行中 {from}–{to})' },
  evidenceGone: { en: 'Those lines are no longer kept (the history keeps diagnoses for a limited time).', ja: 'これらの行はもう保存されていません (履歴の保存期間を過ぎました)。' },
  whyAffectedClient: { en: 'SyncUpdates failed with SOAP Fault 0x000190 / ErrorCode:InternalServerError(5) in {n} sync attempt{s}: the KB954960 signature.', ja: '{n} 回の同期で SyncUpdates が SOAP Fault 0x000190 / ErrorCode:InternalServerError(5) で失敗しています。KB954960 のシグネチャです。' },
  whyAffectedServer: { en: "The server's client web service logged ThrowException … ErrorCode=InternalServerError: the KB954960 signature.", ja: 'サーバーのクライアント Web サービスが ThrowException … ErrorCode=InternalServerError を記録しています。KB954960 のシグネチャです。' },
  whyPossible: { en: 'Part of the KB954960 signature (0x8024400E or a SOAP fault) without InternalServerError(5): other failures look the same.', ja: 'KB954960 のシグネチャの一部 (0x8024400E や SOAP Fault) だけで、InternalServerError(5) がありません。他の原因でも同じに見えます。' },
  whyNeedsSp1: { en: 'No failure here, but the server runs WSUS 3.0 RTM{v}: KB954960 installs only on SP1.', ja: '失敗は出ていませんが、サーバーは WSUS 3.0 RTM{v} です。KB954960 は SP1 にのみ適用できます。' },
  whyVulnerable: { en: 'No failure here, but the server is SP1 without the fix{v} (fixed: {fixed}).', ja: '失敗は出ていませんが、サーバーは修正のない SP1 です{v} (修正済みは {fixed})。' },
  whyFixedDll: { en: 'The client web service DLL is {v} (the fix is {fixed} or later).', ja: 'クライアント Web サービスの DLL は {v} です (修正は {fixed} 以降)。' },
  whyFixedEvent: { en: 'MsiInstaller event 1022 shows KB954960 installed.', ja: 'MsiInstaller のイベント 1022 で KB954960 の適用を確認しました。' },
  whyFixedRecorded: { en: 'The server is recorded as fixed.', ja: 'サーバーは修正済みとして記録されています。' },
  whyClean: { en: 'Nothing of KB954960 in {n} lines.', ja: '{n} 行に KB954960 に関するものはありません。' },
  repeatInThread: { en: '{emoji} Same as above: {server} — {verdict}. Nothing new in this paste.', ja: '{emoji} 上と同じです: {server} — {verdict}。この貼り付けに新しい情報はありません。' },
  partRead: {
    en: '{file}: over the {limit} limit, so I read its most recent part — the last {kept} ({skipped} earlier lines skipped).',
    ja: '{file}: 上限 {limit} を超えているため、最新の部分 (末尾 {kept}) だけを読みました (それより前の {skipped} 行は読んでいません)。',
  },
  modalHint: {
    en: 'Up to {chars} characters. For a longer log, upload the file in a channel with the bot or in a DM to it instead (up to {max}; a larger log is read from its end).',
    ja: '{chars} 文字まで入力できます。それより長いログは、ボットのいるチャンネルか DM にファイルとしてアップロードしてください ({max} まで。それより大きいログは末尾を読みます)。',
  },
  modalFull: {
    en: 'The form stops at {chars} characters, so only that much was read: upload the log file instead to have all of it read.',
    ja: 'フォームは {chars} 文字で入力が止まるため、その分だけを読みました。全体を読むにはログ ファイルをアップロードしてください。',
  },
  modalAskedBy: { en: '{user} checked a log with /kb954960', ja: '{user} さんが /kb954960 でログを確認しました' },
  chatPointer: {
    en: 'To check a client or server for KB954960, paste the log lines here (WindowsUpdate.log on the client, SoftwareDistribution.log on the WSUS server) or upload the file.',
    ja: 'KB954960 を確認するには、ログの行 (クライアントの WindowsUpdate.log、WSUS サーバーの SoftwareDistribution.log) をここに貼り付けるか、ファイルをアップロードしてください。',
  },
  // ── the fleet status (src/render/status-*.ts) ──
  statusTitle: { en: 'KB954960 fleet status', ja: 'KB954960 フリートの状況' },
  statusTotal: { en: 'Servers known', ja: '把握しているサーバー' },
  statusNextAction: { en: 'Next action', ja: '次の対応' },
  statusNewDetections: { en: 'New detections in the last {h} h', ja: '過去 {h} 時間の新しい検出' },
  statusNoNewDetections: { en: 'No new detections in the last {h} h.', ja: '過去 {h} 時間に新しい検出はありません。' },
  statusLongAffected: { en: 'Affected for more than {d} days', ja: '{d} 日以上該当したまま' },
  statusMore: { en: 'and {n} more', ja: 'ほか {n} 件' },
  statusSince: { en: 'since {d}', ja: '{d} 以降' },
  statusDays: { en: '{n} days', ja: '{n} 日' },
  statusThread: { en: 'thread', ja: 'スレッド' },
  statusNoServerName: { en: '(server not named)', ja: '(サーバー名なし)' },
  statusViaCli: { en: 'from the CLI', ja: 'CLI から' },
  statusGenerated: { en: 'As of {t}. A server in detail: `/kb954960 server <name>`', ja: '{t} 時点。サーバーの詳細: `/kb954960 server <サーバー名>`' },
  statusServers: { en: '{n} server{s}', ja: 'サーバー {n} 台' },
  statusCount: { en: '{n} {label}', ja: '{label} {n}' },
  statusListSeparator: { en: ', ', ja: '、' },
  statusQuietHead: { en: 'KB954960 — quiet day', ja: 'KB954960 — 静かな一日' },
  statusQuiet: { en: '{head}: no new detections in the last {h} h, no server affected. {counts}.{next}', ja: '{head}: 過去 {h} 時間に新しい検出はなく、該当中のサーバーもありません。{counts}。{next}' },
  statusQuietNext: { en: ' Next: {action}', ja: '次: {action}' },
  statusQuietLink: { en: ' {link}', ja: '{link}' },
  statusRtmAmongThem: { en: ' ({rtm} of them WSUS 3.0 RTM: SP1 first)', ja: ' (うち {rtm} 台は WSUS 3.0 RTM: 先に SP1)' },
  'next:fix-affected': {
    en: `Fix the {count} affected server{s} ({list}): install KB954960{rtm}, check that the client web service DLL is ${FIXED_DLL_VERSION}, then run {cmd} on a client.`,
    ja: `該当している {count} 台 ({list}) に KB954960 を適用してください{rtm}。適用後、クライアント Web サービスの DLL が ${FIXED_DLL_VERSION} であることを確認し、クライアントで {cmd} を実行します。`,
  },
  'next:sp1-then-fix': {
    en: 'Install WSUS 3.0 SP1 on the {count} RTM server{s} ({list}), then KB954960 — the fix installs only on SP1.',
    ja: 'WSUS 3.0 RTM の {count} 台 ({list}) に先に WSUS 3.0 SP1 をインストールし、その後 KB954960 を適用してください (修正は SP1 にのみ適用できます)。',
  },
  'next:install-fix': {
    en: `Install KB954960 on the {count} SP1 server{s} without a verified fix ({list}), then check that the DLL is ${FIXED_DLL_VERSION}.`,
    ja: `修正が確認できていない SP1 サーバー {count} 台 ({list}) に KB954960 を適用し、DLL が ${FIXED_DLL_VERSION} であることを確認してください。`,
  },
  'next:resolve-conflicts': {
    en: 'Check the {count} server{s} whose recorded versions contradict each other ({list}): run the verification block there and paste the output to the bot — it does not guess.',
    ja: 'バージョン情報が矛盾している {count} 台 ({list}) で確認用ブロックを実行し、出力をボットに貼り付けてください (推測はしません)。',
  },
  'next:check-versions': {
    en: 'Find out the version of the {count} server{s} of unknown version ({list}): run {cmd} and paste the output to the bot.',
    ja: 'バージョン不明の {count} 台 ({list}) で {cmd} を実行し、出力をボットに貼り付けてください。',
  },
  'next:none': {
    en: 'Nothing to do: every known server has the fix or is one KB954960 does not apply to.',
    ja: '対応は不要です。把握しているすべてのサーバーは修正済みか、KB954960 の対象外です。',
  },
  'next:no-servers': {
    en: 'No servers known yet: paste a WindowsUpdate.log or SoftwareDistribution.log to the bot, or record one with `server NAME wsus VERSION`.',
    ja: 'まだサーバーの情報がありません。WindowsUpdate.log や SoftwareDistribution.log をボットに貼り付けるか、`server NAME wsus VERSION` で記録してください。',
  },
} as const satisfies Record<string, Texts>;

export function t(key: keyof typeof UI, lang: Lang, params: Record<string, string | number> = {}): string {
  return UI[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
