/**
 * Every user-facing sentence in English — the reference catalogue: ja.ts must have the same keys and the same
 * parameters (`tsc` checks it). Parameterized entries are functions, so a missing or misspelled parameter is a type
 * error. Facts (links, versions, commands) come from kb954960.ts; result codes' own words stay in detect/codes.
 */
import type { Action, Verdict } from '../../diagnose/diagnose.js';
import type { ServerState } from '../../diagnose/server-state.js';
import { FIXED_DLL_VERSION, VERIFY_COMMANDS } from '../../kb954960.js';
import type { FleetBucket, NextAction } from '../../fleet/status.js';

const plural = (n: number) => (n === 1 ? '' : 's');
const P = String.raw`C:\Program Files\Update Services\LogFiles\SoftwareDistribution.log`;
/** Why RTM needs SP1 first: said the same way wherever the bot says it. */
const ONLY_ON_SP1 = 'the fix installs only on SP1';
/** Where the fix comes from, after "install KB954960". */
const WHERE_TO_GET_IT = 'download below; since 2008-08-13 also offered through Windows Update, Microsoft Update and WSUS';

/** Next actions of the fleet status: `list` is the servers named (already fitted), `cmd` the command to run. */
type NextParams = { count: number; list: string; rtm: number; cmd: string };

export const en = {
  /** The language's own name, as a reader of this language says it. */
  langName: { en: 'English', ja: 'Japanese' },

  verdictHeadline: {
    affected: 'KB954960: affected — the known WSUS 3.0 sync failure',
    possible: 'KB954960: possible — a symptom it shares with other problems',
    vulnerable: 'KB954960: fix missing — no failure seen, but the server lacks the fix',
    conflict: "KB954960: can't tell — the server's versions contradict each other",
    fixed: 'KB954960: fixed — the fix is installed',
    clean: 'No KB954960 signature found',
  } satisfies Record<Verdict, string>,
  /** The verdict in a word or two, where the headline is too long (history, a repeat's one-line note). */
  verdictWord: {
    affected: 'affected',
    possible: 'possible',
    vulnerable: 'fix missing',
    conflict: "can't tell",
    fixed: 'fixed',
    clean: 'no KB954960 signature',
  } satisfies Record<Verdict, string>,
  /** How a diagnosis came in (src/store/port.ts Origin), in a word: history rows, and the status post's channel-less detections. */
  originWord: { cli: 'CLI', message: 'paste', file: 'file', command: 'slash command', modal: 'form', shortcut: 'shortcut', report: 'server report' } as Record<
    string,
    string
  >,
  stateLabel: {
    'needs-sp1': 'WSUS 3.0 RTM — SP1 needed first',
    vulnerable: 'SP1, fix not verified',
    fixed: 'fixed',
    'not-applicable': 'KB954960 does not apply',
    conflict: 'versions conflict',
    unknown: 'version unknown',
    affected: 'signature seen, not fixed since',
  } satisfies Record<ServerState | 'affected', string>,

  action: {
    'install-sp1-then-fix': `The server runs WSUS 3.0 RTM: install WSUS 3.0 SP1 first, then KB954960 — ${ONLY_ON_SP1}.`,
    'install-fix': `Install KB954960 on the WSUS 3.0 SP1 server (${WHERE_TO_GET_IT}).`,
    'or-workaround':
      'If you cannot install it yet, apply the workaround in KB954960 (as admins describe it): in the WSUS console, decline "Office 2003 Service Pack 1" if it is not declined yet, approve it, then decline it again. Do this on every WSUS server of the hierarchy. Clearing the client\'s SoftwareDistribution folder does not help.',
    'check-server-version': `Check the server's version — WSUS 3.0 RTM (3.0.6000.x) needs SP1 before KB954960: run \`${VERIFY_COMMANDS.registryVersion}\` on the server and paste the output here.`,
    'confirm-duplicate-key':
      'The server\'s "ArgumentException: Item has already been added" is the exception KB954960 fixes, but on its own it does not prove this failure. It is KB954960 when the same SoftwareDistribution.log has, right after it, "ThrowException: actor = http://<server>/ClientWebService/client.asmx … ErrorCode=InternalServerError" — paste those lines, or a client\'s WindowsUpdate.log with "ErrorCode:InternalServerError(5)".',
    'investigate-other-cause': `KB954960 does not apply to this server, so installing it will not help: investigate this failure as another problem — the full exception in the server's ${P} around the InternalServerError says which.`,
    'resolve-conflict':
      'The recorded WSUS version and client web service DLL cannot both be true (see the note). Run the verification block below on the server and paste its output: it records both anew, named for that computer.',
    'check-server-log': `This client symptom alone has other causes too. Look in the server's ${P} for "ThrowException: actor = http://<server>/ClientWebService/client.asmx … ErrorCode=InternalServerError", and in the client log for "ErrorCode:InternalServerError(5)"; paste what you find here.`,
    'verify-fix': `Verify on the server: Microsoft.UpdateServices.WebServices.Client.dll has file version ${FIXED_DLL_VERSION} and the Application log has an MsiInstaller event 1022 (the fix is not listed in Add/Remove Programs). The commands below print both.`,
    'rerun-client-detection': `Run \`${VERIFY_COMMANDS.clientDetect}\` on a client that failed and check its WindowsUpdate.log: the SyncUpdates failure should be gone.`,
    'recheck-fixed-server':
      'The server is recorded as fixed, yet the signature shows: check the DLL version again (reinstalling WSUS removes the fix) and make sure every server of the hierarchy has it.',
    'nothing-to-do': 'Nothing to do: the fix is in place.',
  } satisfies Record<Action, string>,

  note: {
    intermittent: 'It reproduces intermittently and not on every client of an affected server: applying the fix is advised even where nothing shows yet.',
    office2003: 'This client has Office 2003 products — the clients KB954960 hits.',
    failuresPredateFix: (p: { since: string }) => `The failures in this log predate the fix recorded at ${p.since}.`,
    fixedButFailing: (p: { since: string }) => `This server is recorded as fixed since ${p.since}.`,
    otherLookalike: (p: { code: string }) => `ErrorCode=${p.code} on the client web service is a different problem — not KB954960.`,
    notApplicableSp2:
      'KB954960 does not apply: this server runs WSUS 3.0 SP2 (3.2.7600.x). The advisory names only WSUS 3.0 RTM and SP1; SP2 (2009) came after it.',
    notApplicableWsus4: 'KB954960 does not apply: this server runs WSUS 4.0 or later (6.2.9200.x / 6.3.9600.x / 10.0.x), not WSUS 3.0.',
    conflictWithDll: (p: { wsusVersion: string; dllVersion: string }) =>
      `Conflict: WSUS version ${p.wsusVersion} and a client web service DLL ${p.dllVersion} cannot both be true of one server. The bot does not guess which is right: check the server again.`,
    conflictWithFixEvent: (p: { wsusVersion: string }) =>
      `Conflict: WSUS version ${p.wsusVersion} and the KB954960 install event (${ONLY_ON_SP1}) cannot both be true of one server. The bot does not guess which is right: check the server again.`,
    otherServers: (p: { servers: string }) => `Other servers named in this input: ${p.servers}`,
    faultIdJoins: (p: { id: string }) => `Fault ID ${p.id}: the server's SoftwareDistribution.log line for the same failure carries the same ID.`,
    dllAbsent:
      "The client web service DLL was not found where the check looked (Program Files\\Update Services\\WebServices\\ClientWebService\\bin): if WSUS is installed in another folder, read the DLL's version there; if WSUS is not installed on this computer, run the check on the WSUS server.",
  },

  // ── the diagnosis reply ──
  server: 'Server',
  state: 'State',
  noServer: 'not named — add `--server NAME` or paste a line with the server URL',
  lines: 'Lines scanned',
  evidence: 'Evidence',
  moreEvidence: (p: { n: number }) => `and ${p.n} more lines`,
  nextSteps: 'Next steps',
  verify: 'How to verify (on the WSUS server)',
  verifyPowershell: 'PowerShell',
  verifyWmic: 'Without PowerShell (Windows Server 2003)',
  verifyPasteBack: 'Paste the output here and the bot records it.',
  notes: 'Notes',
  download: 'Download KB954960',
  kbArticle: 'KB954960 article',
  advisory: 'Advisory 954960',
  links: 'Links',

  // ── other known problems and failure codes (src/render/problems.ts, problem-reply.ts, commands/code.ts) ──
  otherProblems: 'Other problems found (not KB954960)',
  failureCodes: 'Failure codes in the input',
  cause: 'Cause',
  firstStep: 'First step',
  source: 'Source',
  onLines: (p: { lines: string }) => `lines ${p.lines}`,
  timesOnLines: (p: { n: number; lines: string }) => `${p.n}×, lines ${p.lines}`,
  unknownCode: 'not a known code',
  /** The HRESULT facility (the code's family), before its name: `Facility: Win32 (FACILITY_WIN32 = 7)`. */
  facility: 'Facility',
  notACode: (p: { input: string }) => `${p.input} is not a result code: give it as 0x80244022, 80244022 or a decimal HRESULT such as -2145107934.`,
  notAFailure: 'A success or informational code, not a failure.',
  knownProblem: 'Known problem',
  notKb954960: 'Not KB954960',
  codesExplained: 'no known WSUS problem matches the failure codes below.',
  /** The next step where no known problem matches: what to collect, never a dead end. */
  collectNext:
    "Collect what explains it: the WSUS server's SoftwareDistribution.log and IIS logs (httperr) from around the time of the failure, and the client's WindowsUpdate.log (Windows 10 and later: run `Get-WindowsUpdateLog`); paste or upload them here.",
  /** The same where no code failed a sync or a search: they passed by, and the log may be healthy. */
  collectNextIfFailing:
    "None of these codes failed a sync or a search in this log. If the client still gets no updates, collect the client's WindowsUpdate.log from a failing attempt (Windows 10 and later: run `Get-WindowsUpdateLog`) and the WSUS server's SoftwareDistribution.log from that time; paste or upload them here.",
  alsoFound: 'Also found',
  andMore: (p: { n: number }) => `and ${p.n} more`,
  pasteTheLog: 'Paste the WindowsUpdate.log lines around it (or upload the file) and I will diagnose it.',
  noKnownProblem: 'No known WSUS problem is tied to this code; paste the log around it and I explain every code in it.',
  codeIsKb954960:
    'KB954960: with ErrorCode:InternalServerError(5) on ClientWebService/SyncUpdates this is the KB954960 signature; alone it has other causes too. Paste the client log to check.',
  nothingFound:
    'No KB954960 signature found in what you sent. I look for `SOAP Fault: 0x000190`, `ErrorCode:InternalServerError(5)` and `SyncUpdates failure, error = 0x8024400E` (client WindowsUpdate.log) and `ThrowException … /ClientWebService/client.asmx … ErrorCode=InternalServerError` (server SoftwareDistribution.log).',
  // ── the diagnosis reply in Slack (src/render/diagnosis-blocks.ts) ──
  /** The CLI says noServer (it has --server); Slack says this. */
  noServerSlack: 'not named — reply in this thread with the server name',
  nextStep: 'Next step',
  /** The install step where the server's version is unknown (the diagnosis reply and the server view). */
  installFixUnknownVersion: `If the server still runs WSUS 3.0 RTM (3.0.6000.x), install WSUS 3.0 SP1 first — ${ONLY_ON_SP1}. Then install KB954960 (${WHERE_TO_GET_IT}).`,
  showMoreLines: (p: { n: number }) => `Show ${p.n} more lines`,
  howToVerify: 'How to verify',
  afterInstalling: 'After installing KB954960',
  evidenceRest: (p: { from: number; to: number; n: number }) => `Evidence, lines ${p.from}–${p.to} of ${p.n}`,
  evidenceGone: 'Those lines are no longer kept (the history keeps diagnoses for a limited time).',
  whyAffectedClient: (p: { n: number }) =>
    `SyncUpdates failed with SOAP Fault 0x000190 / ErrorCode:InternalServerError(5) in ${p.n} sync attempt${plural(p.n)}: the KB954960 signature.`,
  whyAffectedServer: "The server's client web service logged ThrowException … ErrorCode=InternalServerError: the KB954960 signature.",
  /** A client symptom whose fault ID the server's ThrowException (pasted earlier) carries: one failure, proved. */
  whyAffectedByFaultId:
    "The client's SyncUpdates failure carries the fault ID of the server's ThrowException … ErrorCode=InternalServerError reported earlier: one failure, the KB954960 signature.",
  whyPossible: 'Part of the KB954960 signature (0x8024400E or a SOAP fault) without InternalServerError(5): other failures look the same.',
  whyNeedsSp1: (p: { v: string }) => `No failure here, but the server runs WSUS 3.0 RTM${p.v}: KB954960 installs only on SP1.`,
  whyVulnerable: (p: { v: string; fixed: string }) => `No failure here, but the server is SP1 without the fix${p.v}; the fixed DLL is ${p.fixed}.`,
  whyFixedDll: (p: { v: string; fixed: string }) => `The client web service DLL is ${p.v} (the fix is ${p.fixed} or later).`,
  whyFixedEvent: 'MsiInstaller event 1022 shows KB954960 installed.',
  whyFixedRecorded: 'The server is recorded as fixed.',
  whyClean: (p: { n: string }) => `Nothing of KB954960 in ${p.n} lines.`,
  repeatInThread: (p: { emoji: string; server: string; verdict: string }) => `${p.emoji} Same as above: ${p.server} — ${p.verdict}. Nothing new in this paste.`,
  partRead: (p: { file: string; limit: string; kept: string; skipped: string }) =>
    `${p.file}: over the ${p.limit} limit, so I read its most recent part — the last ${p.kept} (${p.skipped} earlier lines skipped).`,
  modalHint: (p: { chars: string; max: string }) =>
    `Up to ${p.chars} characters. For a longer log, upload the file in a channel with the bot or in a DM to it instead (up to ${p.max}; a larger log is read from its end).`,
  modalFull: (p: { chars: string }) =>
    `The form stops at ${p.chars} characters, so only that much was read: upload the log file instead to have all of it read.`,
  modalAskedBy: (p: { user: string }) => `${p.user} checked a log with /kb954960`,
  chatPointer:
    'To check a client or server for KB954960, paste the log lines here (WindowsUpdate.log on the client, SoftwareDistribution.log on the WSUS server) or upload the file.',
  checkEmpty: 'Paste the log lines to check: `/kb954960 check <log lines>`',
  /** A command's syntax (code words, the same in every language) after the word for "usage". */
  usage: (p: { syntax: string }) => `usage: ${p.syntax}`,
  usageExample: (p: { example: string }) => ` (e.g. ${p.example})`,
  historyArgs: 'a server name or URL, and --limit 1..1000',
  historyServerArg: 'server name or URL',

  // ── the fleet status (src/render/status-*.ts) ──
  status: {
    title: 'KB954960 fleet status',
    nextAction: 'Next action',
    newDetections: (p: { h: number }) => `New detections in the last ${p.h} h`,
    /** How many new detections, after newDetections' colon. */
    newDetectionCount: (p: { n: string }) => p.n,
    /** After the number of new detections when some server had several: on how many servers (lines) they were. */
    onServers: (p: { servers: string; count: number }) => ` on ${p.servers} server${plural(p.count)}`,
    /** One server's line: how many detections, and when the newest was. */
    serverDetections: (p: { n: string; count: number; at: string }) => (p.count === 1 ? `1 detection, ${p.at}` : `${p.n} detections, newest ${p.at}`),
    noNewDetections: (p: { h: number }) => `No new detections in the last ${p.h} h.`,
    longAffected: (p: { d: number }) => `Affected for more than ${p.d} days`,
    more: (p: { n: string }) => `and ${p.n} more`,
    since: (p: { d: string }) => `since ${p.d}`,
    days: (p: { n: number }) => `${p.n} days`,
    otherProblems: (p: { d: number }) => `Other problems (last ${p.d} days)`,
    problemOnServer: (p: { title: string; n: string; s: string; d: string }) => `${p.title} in ${p.n} log${p.s} since ${p.d}`,
    thread: 'thread',
    noServerName: '(server not named)',
    /** Where a detection recorded outside any channel came from; `origin` is an originWord ("from the form"). */
    fromOrigin: (p: { origin: string }) => `from the ${p.origin}`,
    fixedSinceNote: 'fixed since',
    generated: (p: { t: string }) => `As of ${p.t}. A server in detail: \`/kb954960 server <name>\``,
    servers: (p: { n: string; count: number }) => `${p.n} server${plural(p.count)}`,
    count: (p: { n: string; label: string }) => `${p.n} ${p.label}`,
    listSeparator: ', ',
    quietHead: 'KB954960 — quiet day',
    quiet: (p: { head: string; h: number; counts: string; next: string }) =>
      `${p.head}: no new detections in the last ${p.h} h, no server affected. ${p.counts}.${p.next}`,
    /** The quiet day of a fleet the bot knows nothing of yet. */
    quietEmpty: (p: { head: string; h: number; next: string }) => `${p.head}: no new detections in the last ${p.h} h. ${p.next}`,
    quietNext: (p: { action: string }) => ` Next: ${p.action}`,
    quietLink: (p: { link: string }) => ` ${p.link}`,
  },
  bucketShort: {
    affected: 'affected',
    'needs-sp1': 'RTM (SP1 needed)',
    vulnerable: 'SP1 without verified fix',
    conflict: 'versions conflict',
    unknown: 'version unknown',
    'not-applicable': 'not applicable (SP2, WSUS 4.0+)',
    fixed: 'fixed',
  } satisfies Record<FleetBucket, string>,
  next: {
    'fix-affected': (p: NextParams) =>
      `Fix the ${p.count} affected server${plural(p.count)} (${p.list}): install KB954960${p.rtm > 0 ? ` (${p.rtm} of them WSUS 3.0 RTM: SP1 first)` : ''}, check that the client web service DLL is ${FIXED_DLL_VERSION}, then run ${p.cmd} on a client.`,
    'sp1-then-fix': (p: NextParams) => `Install WSUS 3.0 SP1 on the ${p.count} RTM server${plural(p.count)} (${p.list}), then KB954960 — ${ONLY_ON_SP1}.`,
    'install-fix': (p: NextParams) =>
      `Install KB954960 on the ${p.count} SP1 server${plural(p.count)} without a verified fix (${p.list}), then check that the DLL is ${FIXED_DLL_VERSION}.`,
    'resolve-conflicts': (p: NextParams) =>
      `Check the ${p.count} server${plural(p.count)} whose recorded versions contradict each other (${p.list}): run the verification block there and paste the output to the bot — it does not guess.`,
    'check-versions': (p: NextParams) =>
      `Find out the version of the ${p.count} server${plural(p.count)} of unknown version (${p.list}): run ${p.cmd} and paste the output to the bot.`,
    none: (_: NextParams) => 'Nothing to do: every known server has the fix or is one KB954960 does not apply to.',
    'no-servers': (_: NextParams) =>
      'No servers known yet: paste a WindowsUpdate.log or SoftwareDistribution.log to the bot, or record one with `server NAME wsus VERSION`.',
  } satisfies Record<NextAction['kind'], (p: NextParams) => string>,
  // ── a server, its history (src/render/server.ts, commands/server*.ts, commands/history.ts) ──
  retractedAfterEdit:
    'The message I answered was edited and no longer holds the log: its diagnosis was withdrawn and no longer counts (history, server, status).',
  serverFacts: {
    otherFailures: 'Other failures seen (not KB954960)',
    notKnown: 'not known',
    dll: `client web service DLL (fixed: ${FIXED_DLL_VERSION})`,
    wsusVersion: 'WSUS version',
    fixEvent: 'MsiInstaller event 1022 (KB954960)',
    fixEventSeen: 'seen',
    lastAffected: 'KB954960 failure last seen',
    /** A server fixed since its last failure: the failures are history. */
    lastAffectedBeforeFix: 'Last KB954960 failure (before the fix)',
    nothingKnown: (p: { server: string }) => `Nothing is known of ${p.server} yet.`,
    ambiguous: (p: { server: string; candidates: string }) => `${p.server} could be any of ${p.candidates}: name the server in full.`,
    notAName: (p: { input: string }) => `${p.input} is not a server name (try wsus01, wsus01.corp.example or http://wsus01:8530).`,
    notAVersion: (p: { input: string }) =>
      `usage: server NAME dll|wsus VERSION — ${p.input} is not a version (it looks like 3.1.6001.66). Nothing was recorded.`,
    notABuild: (p: { input: string; builds: string }) => `${p.input} is not a WSUS build: WSUS versions are ${p.builds}. Nothing was recorded.`,
    byUser: (p: { user: string }) => `by ${p.user}`,
    /** A fact with a date of its own (event 1022's), recorded later: when it was recorded. */
    recordedOn: (p: { date: string }) => `recorded ${p.date}`,
    evidenceTitle: 'Evidence',
    dllSeen: (p: { v: string }) => `Client web service DLL ${p.v} (fixed: ${FIXED_DLL_VERSION} or later)`,
    fixEventSeenLine: 'MsiInstaller event 1022 (KB954960) seen',
    noFacts: 'No facts recorded yet.',
    proofNote: 'Proof of the fix is the DLL file version or MsiInstaller event 1022 (the fix is not listed in Add/Remove Programs).',
    listTitle: 'Servers and the proof of their state',
    moreServers: (p: { n: number }) => `and ${p.n} more`,
    noServers: 'No servers known yet.',
    eventShort: 'event 1022',
    noProofYet: 'no proof of the fix yet (DLL version or event 1022)',
  },
  history: {
    title: 'KB954960 diagnoses',
    none: 'No diagnoses yet.',
    newestFirst: 'Newest first',
    also: (p: { list: string }) => `also: ${p.list}`,
    inChannel: (p: { origin: string; channel: string }) => `${p.origin} in ${p.channel}`,
  },

  // ── refusals (src/render/refusals.ts, commands/types.ts, src/render/not-recorded.ts) ──
  refusal: {
    tooLarge: (p: { name: string; limit: string }) =>
      `${p.name}the file is larger than the ${p.limit} limit (MAX_FILE_BYTES). Send the part around the failure.`,
    eventLog: (p: { name: string; command: string }) => `${p.name}I can't read .evtx event logs: on the server run ${p.command} and send MsiInstaller.txt.`,
    /** `detail` is the ingest's own English sentence (what in the archive), used when there is one. */
    badArchive: (p: { name: string; detail?: string }) => `${p.name}${p.detail ?? 'the ZIP archive is damaged or incomplete. Upload the complete file.'}`,
    archiveLimit: (p: { name: string; detail?: string }) =>
      `${p.name}${p.detail ?? 'this ZIP is past what I read (number of files, expanded size or compression ratio). Send the logs (.log / .txt) themselves.'}`,
    /** An archive refused for what it is, not for damage (src/ingest/zip.ts finds out). */
    archive: {
      zip64: (p: { name: string }) =>
        `${p.name}this is a ZIP64 archive (the format for very large archives), which I do not read. Zip the logs again as a usual ZIP, or send the logs themselves.`,
      split: (p: { name: string }) =>
        `${p.name}this ZIP archive is split into several files, which I do not read. Send it as one archive, or the logs themselves.`,
      tooManyEntries: (p: { name: string; count: number; max: number }) =>
        `${p.name}the ZIP archive has ${p.count} entries, more than the ${p.max} I open. Send only the logs.`,
      overlapping: (p: { name: string; first: string; second: string }) =>
        `${p.name}the ZIP archive's entries ${p.first} and ${p.second} overlap (share the same bytes), which only a crafted archive does: refused. Zip the logs again, or send them themselves.`,
    },
    binary: (p: { name: string }) => `${p.name}this does not look like a text log. Send WindowsUpdate.log or SoftwareDistribution.log as it is (or gzip'd).`,
    badGzip: (p: { name: string }) => `${p.name}the gzip file is damaged or cut short. Compress it again and resend.`,
    empty: (p: { name: string }) => `${p.name}the file is empty.`,
    unreadable: (p: { name: string }) => `${p.name}the file could not be read. Please send it again.`,
    download: (p: { name: string; reason: string }) => `${p.name}I could not download the file: ${p.reason}`,
    notALog: "I read text logs (.log, .txt, snippets) and gzip'd ones; this file is not one.",
    unexpected: 'Something went wrong on my side. Please try again.',
    adminsOnly: (p: { admins: string }) => `Sorry — only the admins listed in ADMIN_USER_IDS can change this: ask ${p.admins}. Reading is open to everyone.`,
  },
  downloadProblem: {
    noLink: 'The file has no usable download link.',
    offSlack: (p: { host: string }) => `The file link points outside Slack (${p.host}); I only download from Slack's file host.`,
    redirects: 'Slack kept redirecting the download; please try again.',
    status: (p: { status: number }) => `Slack answered ${p.status} for the file download; please try again later.`,
    signIn: 'Slack returned a sign-in page instead of the file: the app needs the files:read scope and access to this file.',
  },
  notRecorded: {
    listSeparator: ', ',
    sentence: (p: { what: string; server: string; admins: string }) =>
      `Not recorded: ${p.what} for ${p.server}. Only the admins (ADMIN_USER_IDS) can record server versions and fixes — ask ${p.admins}.`,
  },
  // ── which server pasted output is from (src/render/attribution.ts) ──
  attribution: {
    /** The facts a paste reported, as a phrase: "DLL 3.1.6001.66, the fix event (MsiInstaller 1022)". */
    fixEvent: 'the fix event (MsiInstaller 1022)',
    noFixEvent: 'no fix event (MsiInstaller 1022)',
    /** The Server line of a reply that asks; the question right under it says how to answer. */
    serverNotNamed: 'not named yet',
    ask: (p: { what: string; buttons: boolean }) =>
      `:question: *Which server is this output from?* ${p.buttons ? "Press the server's button or reply" : 'Reply'} in this thread with its name to record it — the output names no computer (${p.what}).`,
    askFallback: 'Which server is this output from?',
    recordFor: (p: { server: string }) => `Record for ${p.server}`,
    recorded: (p: { server: string; by: string; what: string; state: string }) =>
      `:white_check_mark: Recorded for *${p.server}*${p.by}: ${p.what}. Now: ${p.state}.`,
    recordedBy: (p: { user: string }) => ` by ${p.user}`,
    onlyAdmins: (p: { admins: string }) => `Nothing was recorded: only the admins (ADMIN_USER_IDS) can record server versions and fixes — ask ${p.admins}.`,
    already: (p: { server: string }) => `This output is already recorded for ${p.server}.`,
    gone: 'This output is no longer on record (past the history window): paste it again to record it.',
    confirms: (p: { where: string; on: string; id: string }) => `:link: Same failure: this confirms ${p.where}${p.on} (fault ID ${p.id}).`,
    earlierReport: 'the earlier report',
    onServer: (p: { server: string }) => ` on ${p.server}`,
    /** One fault ID under two server names: asked, never merged silently. */
    faultConflict: (p: { id: string; where: string; other: string; server: string }) =>
      `:warning: *Conflict:* fault ID ${p.id} was reported on *${p.other}* (${p.where}), but this paste names *${p.server}*. One failure happens on one server, so the two were not joined. If ${p.server} and ${p.other} are one server under two names, an admin can say so with the button; if not, one of the two pastes names the wrong server.`,
    faultConflictFallback: 'Conflict: the same fault ID under two server names.',
    sameServer: (p: { server: string; other: string }) => `${p.server} and ${p.other} are one server`,
    sameServerRecorded: (p: { server: string; other: string; by: string; id: string }) =>
      `:white_check_mark: Recorded${p.by}: ${p.server} is another name of *${p.other}*. Fault ID ${p.id} is one KB954960 failure on ${p.other}, counted once.`,
    onlyAdminsJoin: (p: { admins: string }) =>
      `Nothing was recorded: only the admins (ADMIN_USER_IDS) can say that two names are one server — ask ${p.admins}.`,
  },
  /** `<@U1>, <@U2>, <@U3> and 2 more`. */
  adminMentions: (p: { mentions: string; more: number }) => (p.more > 0 ? `${p.mentions} and ${p.more} more` : p.mentions),
  mentionSeparator: ', ',

  // ── the check form (src/slack/views/check-modal.ts) ──
  modal: {
    title: 'KB954960 check',
    submit: 'Diagnose',
    close: 'Cancel',
    log: 'Log lines (WindowsUpdate.log / SoftwareDistribution.log)',
    server: 'WSUS server name',
    lang: 'Reply language',
    badServer: 'A host name such as wsus01 or wsus01.corp.example',
    noLog: 'Paste at least one log line',
  },

  // ── help, subscriptions, the reader's language (commands/) ──
  help: {
    text: [
      '*/kb954960* — diagnose KB954960 (WSUS 3.0 clients that stop receiving updates)',
      '• `/kb954960` — open a form to paste a log',
      '• `/kb954960 check <log lines>` — diagnose pasted lines',
      '• `/kb954960 code <code>` — what a Windows Update error code means (e.g. `0x80244022`) and the known problem it belongs to',
      '• `/kb954960 server <name>` — what is known of a WSUS server · `/kb954960 server <name> dll|wsus <version>` — record a version',
      '• `/kb954960 history [server]` — recent diagnoses',
      '• `/kb954960 status` — the fleet summary now',
      '• `/kb954960 subscribe [HH:MM] [ja|en]` · `/kb954960 unsubscribe` — daily status post in this channel',
      '• `/kb954960 lang [ja|en]` — the language I answer you in',
      'You can also paste WindowsUpdate.log / SoftwareDistribution.log lines or upload the files (also .gz) in a channel I am in, or in a DM.',
    ].join('\n'),
    unknown: (p: { word: string }) => `There is no \`${p.word}\` subcommand. Here is what I understand:`,
    everyoneIsAdmin:
      ':warning: *Everyone here can change server facts* (versions, fix events, which server a log is from) and subscriptions: `ADMIN_USER_IDS` is not set. To restrict that to admins, set `ADMIN_USER_IDS` to their Slack member IDs (U…, comma-separated) and restart the bot.',
  },
  subscribe: {
    done: (p: { created: boolean; time: string; timeZone: string; lang: string; next: string }) =>
      `${p.created ? 'Subscribed' : 'Subscription updated'}: this channel gets the KB954960 status every day at ${p.time} (${p.timeZone}), in ${p.lang}. Next post: ${p.next}. To stop: \`/kb954960 unsubscribe\`.`,
    removed: 'Unsubscribed: this channel no longer gets the daily KB954960 status.',
    notSubscribed: 'This channel was not subscribed.',
    badTime: (p: { input: string }) =>
      `${p.input} is not a time of day: give it as HH:MM, from 00:00 to 23:59 (e.g. \`/kb954960 subscribe 09:00 ja\`). Nothing was changed.`,
  },
  lang: {
    chosen: (p: { lang: string }) => `From now on I answer you in ${p.lang}: commands, App Home and the form. Text you write in Japanese still gets Japanese.`,
    current: (p: { lang: string }) => `I answer you in ${p.lang}. Change it with \`/kb954960 lang ja|en\`.`,
    currentDefault: (p: { lang: string }) => `I answer you in ${p.lang}, this workspace's default. Choose with \`/kb954960 lang ja|en\`.`,
  },

  // ── a mention or a DM that asks something (src/conversation/intents.ts, commands/ask.ts, src/render/server-lists.ts) ──
  converse: {
    /** The one line for a mention or DM that is neither a log nor a question the bot knows. */
    hint: 'Paste a log (or upload the file) and I diagnose it, or ask me about a server: "is wsus01 fixed?", "which servers are affected?", "help".',
    /** The one line for "thanks" in a DM. */
    welcome: 'Glad to help.',
    /** Under the help: what a mention can ask. */
    helpAsk: 'Or mention me with a question: `status`, "which servers are affected / not fixed / silent?", "is wsus01 fixed?", "what does 0x80244022 mean?".',
    /** `of` is status.servers ("5 servers"). */
    affectedTitle: (p: { n: string; of: string }) => `Affected now: ${p.n} of ${p.of}`,
    noneAffected: (p: { of: string }) => `No server is affected now (${p.of} known).`,
    notFixedTitle: (p: { n: string; of: string }) => `Not fixed (or not known to be): ${p.n} of ${p.of}`,
    silentTitle: (p: { n: string; of: string; h: number }) => `Silent for ${p.h} h or more: ${p.n} of ${p.of}`,
    noneSilent: (p: { of: string; h: number }) => `All ${p.of} were heard of in the last ${p.h} h.`,
    lastHeard: (p: { d: string }) => `last heard of ${p.d}`,
    silentNote: 'Heard of: a log about the server or a fact recorded for it reached me. Silence does not prove it is healthy: paste a recent log to be sure.',
  },

  /** A reporting server's clients (its own reports), in the server view and the status. */
  clientHealth: {
    title: "Clients (from the server's own reports)",
    total: (p: { total: number; at: string }) => `${p.total} client${plural(p.total)}, as of ${p.at}.`,
    failing: (p: { clients: number; code: string; since: string }) => `${p.clients} failing with ${p.code} since ${p.since}.`,
    noneFailing: 'None failing.',
    notSynced: (p: { n: number; days: number; sample: string }) => `${p.n} not synced for ${p.days} days or more (${p.sample}).`,
    silent: (p: { hours: number; last: string }) => `No report for ${p.hours} h or more: the last came ${p.last}.`,
    neverReported: 'Enrolled, no report received yet.',
    revoked: 'Its reporting key was revoked.',
    /** The status: reporting servers silent for a day, and those with many clients failing with one code. */
    statusSilent: (p: { n: string; h: number }) => `Reporting servers silent for ${p.h} h or more: ${p.n}`,
    statusSilentLine: (p: { last: string }) => `last report ${p.last}`,
    statusFailing: (p: { n: string }) => `Reporting servers with many clients failing: ${p.n}`,
    statusFailingLine: (p: { clients: number; total: number; code: string }) => `${p.clients} of ${p.total} client${plural(p.total)} fail with ${p.code}`,
  },

  /** A fleet alert: one post when a reporting WSUS server turns worse, one when it recovers. */
  fleetAlert: {
    worseTitle: (p: { server: string }) => `:warning: ${p.server} turned worse`,
    recoveredTitle: (p: { server: string }) => `:white_check_mark: ${p.server} recovered`,
    affected: 'KB954960: affected — clients fail with the known WSUS 3.0 sync failure.',
    affectedEnded: 'KB954960: no longer affected (the fix is in place since the last failure).',
    problem: (p: { title: string }) => `Needs action: ${p.title}.`,
    problemEnded: (p: { title: string }) => `No longer seen for a week: ${p.title}.`,
    clientsFailing: (p: { clients: number; total: number; code: string; since: string; sample: string }) =>
      `${p.clients} of ${p.total} client${plural(p.total)} fail with ${p.code} since ${p.since} (${p.sample}).`,
    clientsFailingEnded: (p: { clients: number; total: number; code: string }) => `${p.code}: down to ${p.clients} of ${p.total} client${plural(p.total)}.`,
    kbFirstSuspect: (p: { server: string }) =>
      `KB954960 is the first suspect: 0x8024400E on many clients of an SP1 server without the fix. Install KB954960 on ${p.server}, then verify.`,
    silent: (p: { hours: number; last: string }) =>
      `No report for ${p.hours} h (the last came ${p.last}): check the scheduled task KB954960-Report and the route to the bot.`,
    silentEnded: 'Reporting again.',
  },
};

/** The shape every language's catalogue has: en's keys, and en's parameters for every sentence that takes some. */
export type Catalogue = typeof en;
