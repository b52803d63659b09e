import { isLang, type Lang } from '../src/lang.js';
import { msg } from '../src/render/messages/index.js';
import { usageError, type CommandContext, type Reply } from './types.js';

/**
 * `/kb954960 lang ja|en` stores the language this user is answered in (status, server, history, help, App Home,
 * the form); `/kb954960 lang` says which it is. Anyone may choose their own: it changes nothing others see.
 */
export async function langCommand(args: readonly string[], ctx: CommandContext & { readonly defaultLang: Lang }): Promise<Reply> {
  const [choice, ...extra] = args.map((a) => a.toLowerCase());
  if (ctx.userId === undefined || extra.length > 0 || (choice !== undefined && !isLang(choice)))
    return usageError(msg(ctx.lang).usage({ syntax: '/kb954960 lang [ja|en]' }));
  const langs = ctx.store.readers;
  if (choice !== undefined) {
    await langs.choose(ctx.userId, choice, ctx.now.toISOString());
    const m = msg(choice); // answered in the language just chosen
    return { text: m.lang.chosen({ lang: m.langName[choice] }), json: { lang: choice, chosen: true }, exitCode: 0 };
  }
  const chosen = await langs.chosenLang(ctx.userId);
  const lang = chosen ?? ctx.defaultLang;
  const m = msg(lang);
  return {
    text: chosen ? m.lang.current({ lang: m.langName[lang] }) : m.lang.currentDefault({ lang: m.langName[lang] }),
    json: { lang, chosen: chosen !== null },
    exitCode: 0,
  };
}
