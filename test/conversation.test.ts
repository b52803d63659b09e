import { describe, expect, it } from 'vitest';
import {
  afterCheck,
  afterRecording,
  afterTable,
  beforeScan,
  delivery,
  keepsDiagnosis,
  nothingOpened,
  onDeletion,
  onRefusedInput,
  saysRefusal,
  unreadFile,
  type BeforeScanView,
  type CheckedView,
  type Decision,
  type Incoming,
  type ThreadQuestion,
} from '../src/conversation/reply.js';
import type { Diagnosis } from '../src/diagnose/diagnose.js';

// The reply policy, without HTTP: each row a message and what the store knows → what the bot does.

const LOG =
  '2026-03-02 10:00:00:000  912  a10 PT WARNING: SyncUpdates failure, error = 0x8024400E\n2026-03-02 10:00:01:000  912  a10 PT WARNING: SOAP Fault: 0x000190';

/** A message: a channel paste unless a row says otherwise. */
function message(over: Partial<Incoming> = {}): Incoming {
  return {
    ts: '1700000000.000100',
    lang: 'en',
    text: LOG,
    files: [],
    inThread: false,
    alwaysAnswer: false,
    mentioned: false,
    direct: false,
    edit: false,
    ...over,
  };
}
const dm = (over: Partial<Incoming> = {}) => message({ alwaysAnswer: true, direct: true, ...over });
const mention = (over: Partial<Incoming> = {}) => message({ alwaysAnswer: true, mentioned: true, ...over });

const noView: BeforeScanView = { deleted: false, admin: false, threadQuestion: null };
const question = (over: Partial<ThreadQuestion> = {}): ThreadQuestion => ({ diagnosisId: 7, replyTs: '1700000000.000200', report: { server: null }, ...over });

type Diag = CheckedView['diagnosis'];
/** A diagnosis with nothing in it; rows add what they need. */
function diag(over: Record<string, unknown> = {}): Diag {
  return {
    verdict: 'clean',
    hasEvidence: false,
    errors: [],
    problems: [],
    notes: [],
    server: null,
    serverState: 'unknown',
    learned: {},
    ...over,
  } as unknown as Diag;
}
const anError = [{ code: '0x8024400E' }] as unknown as Diag['errors'];
function checked(d: Diag, over: Partial<CheckedView> = {}): CheckedView {
  return { admin: false, threadQuestion: null, diagnosis: d, diagnosisId: 42, withheld: false, refusals: 0, earlierInThread: [], ...over };
}

const silent: Decision = { do: 'silent' };
const replied = (reply: object, more: object = {}) => ({ do: 'reply', outcome: 'replied', reply, ...more });

describe('before the scan', () => {
  const rows: [string, Incoming, BeforeScanView, unknown][] = [
    ['a message deleted before its turn: silence', dm({ text: 'status' }), { ...noView, deleted: true }, silent],
    ['a channel paste: scanned', message(), noView, { do: 'scan' }],
    [
      'a channel line in a thread naming a server (no mention): scanned first',
      message({ text: 'wsus02', inThread: true }),
      { ...noView, admin: true, threadQuestion: question() },
      { do: 'scan' },
    ],
    [
      'an admin names the server in the thread: recorded, the question becomes the answer and keeps its link',
      mention({ text: 'wsus02', inThread: true }),
      { ...noView, admin: true, threadQuestion: question() },
      replied(
        { kind: 'thread-recorded', server: 'wsus02', diagnosisId: 7, questionTs: '1700000000.000200' },
        {
          writes: [
            { kind: 'record-for', diagnosisId: 7, server: 'wsus02' },
            { kind: 'thread-link', diagnosisId: 7, ts: '1700000000.000200' },
          ],
        },
      ),
    ],
    [
      'the question was never posted: recorded, no link to keep',
      dm({ text: 'wsus02', inThread: true }),
      { ...noView, admin: true, threadQuestion: question({ replyTs: null }) },
      replied(
        { kind: 'thread-recorded', server: 'wsus02', diagnosisId: 7, questionTs: null },
        { writes: [{ kind: 'record-for', diagnosisId: 7, server: 'wsus02' }] },
      ),
    ],
    [
      'a non-admin names the server: only admins record',
      mention({ text: 'wsus02', inThread: true }),
      { ...noView, threadQuestion: question() },
      replied({ kind: 'thread-not-admin' }),
    ],
    [
      'already recorded for a server: says which',
      mention({ text: 'wsus02', inThread: true }),
      { ...noView, admin: true, threadQuestion: question({ report: { server: 'wsus01' } }) },
      replied({ kind: 'thread-already', server: 'wsus01' }),
    ],
    [
      'the question was purged: the name is a question of the table',
      mention({ text: 'wsus02', inThread: true }),
      { ...noView, admin: true, threadQuestion: question({ report: 'gone' }) },
      { do: 'ask-table', intent: { kind: 'server', name: 'wsus02' } },
    ],
    [
      'a server name outside a thread: a question of the table',
      mention({ text: 'wsus02' }),
      { ...noView, admin: true, threadQuestion: question() },
      { do: 'ask-table', intent: { kind: 'server', name: 'wsus02' } },
    ],
    ['"status" in a DM: a question of the table', dm({ text: 'status' }), noView, { do: 'ask-table', intent: { kind: 'status' } }],
    ['a bare mention: one line on what the bot does', mention({ text: undefined }), noView, replied({ kind: 'hint' })],
    ['a log in a mention: scanned', mention(), noView, { do: 'scan' }],
    ['a mention with a file: scanned, not read as a question', mention({ text: 'status', files: [{ name: 'WindowsUpdate.log' }] }), noView, { do: 'scan' }],
  ];
  it.each(rows)('%s', (_name, m, view, expected) => {
    expect(beforeScan(m, view)).toEqual(expected);
  });
});

describe('after the table', () => {
  const rows: [string, Incoming, Parameters<typeof afterTable>[1], boolean, unknown][] = [
    ['the table answered: its answer', dm({ text: 'status' }), { kind: 'status' }, true, replied({ kind: 'table' })],
    ['an edit the table cannot answer: silence', dm({ text: 'thanks', edit: true }), { kind: 'thanks' }, false, silent],
    ['thanks in a DM: welcome', dm({ text: 'thanks' }), { kind: 'thanks' }, false, replied({ kind: 'welcome' })],
    ['thanks in a channel mention: silence', mention({ text: 'thanks' }), { kind: 'thanks' }, false, silent],
    ['a greeting: one line on what the bot does', mention({ text: 'hello' }), { kind: 'greeting' }, false, replied({ kind: 'hint' })],
  ];
  it.each(rows)('%s', (_name, m, intent, answered, expected) => {
    expect(afterTable(m, intent, answered)).toEqual(expected);
  });
});

describe('what recording a thread answer came to', () => {
  const decided = replied(
    { kind: 'thread-recorded', server: 'wsus02', diagnosisId: 7, questionTs: '1.2' },
    { writes: [{ kind: 'record-for', diagnosisId: 7, server: 'wsus02' }] },
  ) as Decision;
  it.each([
    ['recorded: as decided', { kind: 'recorded' }, decided],
    ['the sender is no admin after all: only admins record', { kind: 'not-admin' }, replied({ kind: 'thread-not-admin' })],
    ['recorded meanwhile for another server: says which', { kind: 'already', server: 'wsus01' }, replied({ kind: 'thread-already', server: 'wsus01' })],
    ['purged meanwhile: silence', { kind: 'gone' }, silent],
  ] as const)('%s', (_name, r, expected) => {
    expect(afterRecording(decided, r)).toEqual(expected);
  });
});

describe('inputs that were not read', () => {
  it.each([
    ['nothing opened, nothing to say: silence', 0, silent],
    [
      'nothing opened, files refused: the refusals',
      2,
      { do: 'reply', outcome: 'refused', reply: { kind: 'refusals', nothingFoundFirst: false, thrown: false } },
    ],
  ] as const)('%s', (_name, n, expected) => {
    expect(nothingOpened(n)).toEqual(expected);
  });

  const refused = { do: 'reply', outcome: 'refused', reply: { kind: 'refusals', nothingFoundFirst: false, thrown: true } };
  const rows: [string, Incoming, Parameters<typeof onRefusedInput>[1], unknown][] = [
    ['binary chatter in a channel: silence', message({ text: '\u0000\u0001' }), { download: false, problem: 'binary' }, silent],
    [
      'a binary upload named like a log, in a channel: refused',
      message({ files: [{ name: 'WindowsUpdate.log' }] }),
      { download: false, problem: 'binary' },
      refused,
    ],
    ['a binary upload not named like a log, in a channel: silence', message({ files: [{ name: 'dump.bin' }] }), { download: false, problem: 'binary' }, silent],
    ['a failed download in a channel: refused', message({ files: [{ name: 'dump.bin' }] }), { download: true }, refused],
    [
      'an upload too large once decompressed, in a channel: refused',
      message({ files: [{ name: 'dump.bin' }] }),
      { download: false, problem: 'too-large' },
      refused,
    ],
    ['binary text in a DM: refused', dm({ text: '\u0000' }), { download: false, problem: 'binary' }, refused],
  ];
  it.each(rows)('%s', (_name, m, e, expected) => {
    expect(onRefusedInput(m, e)).toEqual(expected);
  });

  it.each([
    ['a screenshot', { name: 'shot.png', mimetype: 'image/png', size: 10 }, 'not-a-log'],
    ['a PDF', { name: 'a.pdf', mimetype: 'application/pdf' }, 'not-a-log'],
    ['an event log export', { name: 'System.EVTX' }, 'event-log'],
    ['a file over what is read', { name: 'big.log', size: 101 }, 'too-large'],
    ['a log', { name: 'WindowsUpdate.log', mimetype: 'text/plain', size: 100 }, null],
  ] as const)('%s: %s', (_name, f, expected) => {
    expect(unreadFile(f, 100)).toBe(expected);
  });

  it.each([
    ['a screenshot in a channel: not said', message(), { name: 'shot.png' }, false, false],
    ['a screenshot in a DM: said', dm(), { name: 'shot.png' }, false, true],
    ['a file named like a log in a channel: said', message(), { name: 'SoftwareDistribution.txt' }, false, true],
    ['a failed download in a channel: said', message(), { name: 'shot.png' }, true, true],
  ] as const)('%s', (_name, m, f, download, expected) => {
    expect(saysRefusal(m, f, download)).toBe(expected);
  });
});

describe('after the check', () => {
  const kb = diag({ verdict: 'affected', hasEvidence: true, server: 'wsus01', serverState: 'vulnerable', learned: { affected: true } });
  const versionOnly = diag({ verdict: 'possible', hasEvidence: true, learned: { affected: false, dllVersion: '3.0.6000.374' } });
  const rows: [string, Incoming, CheckedView, unknown][] = [
    [
      'a chat line that only mentions a KB code, in a channel: silence',
      message({ text: 'is 0x80244022 KB954960?' }),
      checked(diag({ verdict: 'possible', hasEvidence: true }), { diagnosisId: null }),
      silent,
    ],
    [
      'the same in a DM: the pointer to what to paste',
      dm({ text: 'is 0x80244022 KB954960?' }),
      checked(diag({ verdict: 'possible', hasEvidence: true }), { diagnosisId: null }),
      replied({ kind: 'chat-pointer' }),
    ],
    [
      'KB954960 evidence: the diagnosis',
      message(),
      checked(kb),
      replied({ kind: 'diagnosis', askServer: false, notRecorded: false }, { diagnosisId: 42, writes: [] }),
    ],
    [
      'the same answer already in this thread: same as above',
      message({ inThread: true }),
      checked(kb, { earlierInThread: [{ server: 'wsus01', verdict: 'affected', serverState: 'vulnerable' }] }),
      replied({ kind: 'same-as-above' }, { diagnosisId: 42 }),
    ],
    [
      'an earlier answer in the thread with another state: the diagnosis in full',
      message({ inThread: true }),
      checked(kb, { earlierInThread: [{ server: 'wsus01', verdict: 'affected', serverState: 'fixed' }] }),
      replied({ kind: 'diagnosis', askServer: false, notRecorded: false }, { diagnosisId: 42, writes: [] }),
    ],
    [
      'the same answer, but the DLL was found missing: news, in full',
      message({ inThread: true }),
      checked(diag({ ...kb, notes: [{ kind: 'dll-absent' }] as unknown as Diag['notes'] }), {
        earlierInThread: [{ server: 'wsus01', verdict: 'affected', serverState: 'vulnerable' }],
      }),
      replied({ kind: 'diagnosis', askServer: false, notRecorded: false }, { diagnosisId: 42, writes: [] }),
    ],
    [
      'the same answer outside a thread: in full',
      message(),
      checked(kb, { earlierInThread: [{ server: 'wsus01', verdict: 'affected', serverState: 'vulnerable' }] }),
      replied({ kind: 'diagnosis', askServer: false, notRecorded: false }, { diagnosisId: 42, writes: [] }),
    ],
    [
      'facts for no server, recorded: asks which server',
      message(),
      checked(versionOnly),
      replied({ kind: 'diagnosis', askServer: true, notRecorded: false }, { diagnosisId: 42, writes: [] }),
    ],
    [
      'facts for no server, not recorded: does not ask',
      message(),
      checked(versionOnly, { diagnosisId: null }),
      replied({ kind: 'diagnosis', askServer: false, notRecorded: false }, { diagnosisId: null, writes: [] }),
    ],
    [
      "a named server's facts, recorded: the reply keeps the link to the message",
      message(),
      checked(diag({ ...versionOnly, server: 'wsus01' })),
      replied(
        { kind: 'diagnosis', askServer: false, notRecorded: false },
        { diagnosisId: 42, writes: [{ kind: 'thread-link', diagnosisId: 42, ts: '1700000000.000100' }] },
      ),
    ],
    [
      "a named server's facts from a non-admin: what was not recorded is said, no link",
      message(),
      checked(diag({ ...versionOnly, server: 'wsus01' }), { withheld: true }),
      replied({ kind: 'diagnosis', askServer: false, notRecorded: true }, { diagnosisId: 42, writes: [] }),
    ],
    [
      'a channel reply in a thread naming the server, by an admin: recorded',
      message({ text: 'wsus02', inThread: true }),
      checked(diag(), { admin: true, threadQuestion: question(), diagnosisId: null }),
      replied(
        { kind: 'thread-recorded', server: 'wsus02', diagnosisId: 7, questionTs: '1700000000.000200' },
        {
          writes: [
            { kind: 'record-for', diagnosisId: 7, server: 'wsus02' },
            { kind: 'thread-link', diagnosisId: 7, ts: '1700000000.000200' },
          ],
        },
      ),
    ],
    [
      'a mention in a thread naming the server was answered before the scan: not again',
      mention({ text: 'wsus02', inThread: true }),
      checked(diag(), { admin: true, threadQuestion: question(), diagnosisId: null }),
      replied({ kind: 'hint' }),
    ],
    ['a log that fails (not KB954960): the problem reply', message(), checked(diag({ errors: anError })), replied({ kind: 'problem' }, { diagnosisId: 42 })],
    [
      'a chat line naming a failure code, in a channel: silence',
      message({ text: 'anyone seen 0x8024400E?' }),
      checked(diag({ errors: anError }), { diagnosisId: null }),
      silent,
    ],
    [
      'the same in a DM: the pointer to the code',
      dm({ text: 'anyone seen 0x8024400E?' }),
      checked(diag({ errors: anError }), { diagnosisId: null }),
      replied({ kind: 'code-pointer' }),
    ],
    [
      'nothing found, files refused, in a channel: the refusals',
      message({ files: [{ name: 'a.log' }] }),
      checked(diag(), { refusals: 1 }),
      { do: 'reply', outcome: 'refused', reply: { kind: 'refusals', nothingFoundFirst: false, thrown: false } },
    ],
    [
      'nothing found, files refused, in a DM: nothing found, then the refusals',
      dm({ files: [{ name: 'a.log' }] }),
      checked(diag(), { refusals: 1 }),
      { do: 'reply', outcome: 'refused', reply: { kind: 'refusals', nothingFoundFirst: true, thrown: false } },
    ],
    ['nothing found in a channel: silence', message(), checked(diag()), silent],
    ['nothing found after an edit in a DM: silence', dm({ edit: true }), checked(diag()), silent],
    [
      'a chat line in a mention that is no question: one line on what the bot does',
      mention({ text: 'can you look at this' }),
      checked(diag()),
      replied({ kind: 'hint' }),
    ],
    ['a log in a DM with nothing in it: nothing found', dm(), checked(diag()), replied({ kind: 'nothing-found' })],
    [
      'a chat line in a shortcut (not talking): nothing found',
      message({ alwaysAnswer: true, text: 'hello there' }),
      checked(diag()),
      replied({ kind: 'nothing-found' }),
    ],
  ];
  it.each(rows)('%s', (_name, m, view, expected) => {
    expect(afterCheck(m, view)).toEqual(expected);
  });
});

describe('what goes into the history', () => {
  const full = (d: Record<string, unknown>) => diag(d) as Diagnosis;
  it.each([
    [
      'a chat line that only mentions a KB code: not kept',
      message({ text: 'is 0x80244022 KB954960?' }),
      full({ verdict: 'possible', hasEvidence: true }),
      false,
    ],
    ['a chat line that only names a failure code: not kept', message({ text: 'anyone seen 0x8024400E?' }), full({ errors: anError }), false],
    ['a log with a failure code: kept', message(), full({ errors: anError }), true],
    ['the same line in a file: kept', message({ text: 'anyone seen 0x8024400E?', files: [{ name: 'a.log' }] }), full({ errors: anError }), true],
    ['a log with KB954960 evidence: kept', message(), full({ verdict: 'affected', hasEvidence: true }), true],
    ['chatter: not kept', message({ text: 'good morning' }), full({}), false],
  ] as const)('%s', (_name, m, d, expected) => {
    expect(keepsDiagnosis(m, d)).toBe(expected);
  });
});

describe('edits and deletions', () => {
  const reply = replied({ kind: 'hint' }) as Decision;
  it.each([
    ['a new message answered: posted', reply, { earlierReply: null, retracted: 0 }, 'post'],
    ['an edited message answered before: its answer updated', reply, { earlierReply: '1.2', retracted: 1 }, 'update'],
    ['edited to no log, its diagnosis withdrawn: the answer says so', silent, { earlierReply: '1.2', retracted: 1 }, 'withdraw'],
    ['edited to chatter that had no diagnosis: left alone', silent, { earlierReply: '1.2', retracted: 0 }, 'none'],
    ['silence for a new message: nothing', silent, { earlierReply: null, retracted: 0 }, 'none'],
  ] as const)('%s', (_name, decision, edit, expected) => {
    expect(delivery(decision, edit)).toBe(expected);
  });

  it.each([
    ['a deleted message that was answered: the answer is deleted', { earlierReply: '1.2' }, { deleteReply: '1.2', outcome: 'replied' }],
    ['a deleted message that was not: nothing to delete', { earlierReply: null }, { deleteReply: null, outcome: 'silent' }],
  ] as const)('%s', (_name, view, expected) => {
    expect(onDeletion(view)).toEqual(expected);
  });
});
