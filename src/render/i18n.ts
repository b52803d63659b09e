import type { Action, Note, Verdict } from '../diagnose/diagnose.js';
import type { ServerState } from '../diagnose/server-state.js';
import { lookalikeFor } from '../detect/rules.js';
import type { Lang } from '../lang.js';
import { msg } from './messages/index.js';

export { msg } from './messages/index.js';

/** Kana or CJK ideographs in what the user wrote: a Japanese speaker gets Japanese replies. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;
export function langOf(text: string, fallback: Lang): Lang {
  return JAPANESE.test(text) ? 'ja' : fallback;
}

export const VERDICT_EMOJI: Readonly<Record<Verdict, string>> = {
  affected: ':red_circle:',
  possible: ':large_orange_circle:',
  vulnerable: ':large_yellow_circle:',
  conflict: ':large_purple_circle:',
  fixed: ':large_green_circle:',
  clean: ':white_circle:',
};

/** Steps whose means is the download ("download below"): only these come with the download links. */
export const DOWNLOADING_STEPS: ReadonlySet<Action> = new Set<Action>(['install-fix', 'install-sp1-then-fix']);

export function actionText(action: Action, lang: Lang): string {
  return msg(lang).action[action];
}

/**
 * A step in words. Installing where the version is unknown carries the one caveat that matters: WSUS 3.0 RTM needs SP1
 * first (the fix installs only on SP1). The diagnosis reply and `/kb954960 server` say it the same way.
 */
export function stepText(step: Action, state: ServerState, lang: Lang): string {
  return step === 'install-fix' && state === 'unknown' ? msg(lang).installFixUnknownVersion : actionText(step, lang);
}

/** How a note shows times and the values it quotes: Slack wants `<!date^…>` tokens and mrkdwn-escaped values. */
export interface NoteFormat {
  readonly date?: (iso: string) => string;
  /** Applied to what came from the input (server names, codes, IDs); the catalogue's own words need no escaping. */
  readonly value?: (text: string) => string;
}

/** A note in words: the catalogue holds the sentences, this picks one for the note's kind and fills it in. */
export function noteText(note: Note, lang: Lang, format: NoteFormat = {}): string {
  const date = format.date ?? ((iso: string) => iso);
  const v = format.value ?? ((text: string) => text);
  const m = msg(lang).note;
  switch (note.kind) {
    case 'intermittent':
      return m.intermittent;
    case 'office-2003':
      return m.office2003;
    case 'failures-predate-fix':
      return m.failuresPredateFix({ since: date(note.since) });
    case 'fixed-but-failing':
      return m.fixedButFailing({ since: date(note.since) });
    case 'lookalike': {
      // The look-alike texts live on the rules that report the codes (detect/rules-*.ts).
      const known = lookalikeFor(note.code);
      return known ? known[lang] : m.otherLookalike({ code: v(note.code) });
    }
    case 'not-applicable':
      return note.reason === 'sp2' ? m.notApplicableSp2 : m.notApplicableWsus4;
    case 'conflict':
      return note.dllVersion
        ? m.conflictWithDll({ wsusVersion: note.wsusVersion, dllVersion: note.dllVersion })
        : m.conflictWithFixEvent({ wsusVersion: note.wsusVersion });
    case 'other-servers':
      return m.otherServers({ servers: v(note.servers.join(', ')) });
    case 'fault-id-joins':
      return m.faultIdJoins({ id: v(note.id) });
    case 'dll-absent':
      return m.dllAbsent;
  }
}
