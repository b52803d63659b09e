/**
 * ingest/slack-text — Slack message text (mrkdwn as the API delivers it) → the plain text a user pasted.
 *
 * Slack escapes `&`, `<`, `>` as `&amp;` `&lt;` `&gt;`, wraps links and mentions in `<…>`, and users wrap
 * pasted logs in code fences and quotes. This undoes all of that; it never throws.
 */

/** Opening-fence "language tags" that are dropped (anything else glued to a fence is content). */
const FENCE_LANGS = new Set([
  'text',
  'txt',
  'plain',
  'plaintext',
  'log',
  'logs',
  'output',
  'console',
  'code',
  'none',
  'nohighlight',
  'shell',
  'sh',
  'bash',
  'cmd',
  'bat',
  'batch',
  'powershell',
  'ps',
  'ps1',
  'pwsh',
  'xml',
  'json',
  'csv',
  'ini',
  'diff',
  'yaml',
  'yml',
]);

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&' };

/** `&lt;` `&gt;` `&amp;` only, in one pass (so `&amp;lt;` → `&lt;`). */
function unescapeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp);/g, (_m, name: string) => ENTITY[name] ?? _m);
}

/** Slack quote markers at line starts: `&gt; `, a bare `&gt;` line, `&gt;&gt;&gt;` (block quote). */
function stripQuotes(s: string): string {
  return s.replace(/^(?:&gt;&gt;&gt; ?|&gt; |&gt;(?=\r?$))/gm, '');
}

/** Inline code: `code` → code (single backticks, same line). */
function stripInlineCode(s: string): string {
  return s.replace(/`([^`\n]+)`/g, '$1');
}

/** Index of the last character that is not a space or tab, or -1. */
function lastNonBlank(s: string): number {
  let i = s.length - 1;
  while (i >= 0 && (s[i] === ' ' || s[i] === '\t')) i--;
  return i;
}

function trimEndBlanks(s: string): string {
  const i = lastNonBlank(s) + 1;
  return i === s.length ? s : s.slice(0, i);
}

/** Drops ``` fence markers (and a language tag after an opening one), keeping content and line breaks. */
function stripFences(s: string): string {
  if (!s.includes('```')) return stripInlineCode(s);
  const parts = s.split(/`{3,}/);
  let acc = stripInlineCode(parts[0] ?? '');
  // Whether `acc` is empty or ends a line (blanks aside), kept up to date incrementally (linear time).
  const k0 = lastNonBlank(acc);
  let accEndsLine = k0 < 0 || acc[k0] === '\n';
  for (let i = 1; i < parts.length; i++) {
    const opening = i % 2 === 1;
    let next = parts[i] ?? '';
    if (!opening) next = stripInlineCode(next); // back outside a code block
    if (opening) {
      const tag = /^([A-Za-z][\w+#.-]*)[ \t]*(?=\r?\n)/.exec(next);
      if (tag && FENCE_LANGS.has(tag[1]!.toLowerCase())) next = next.slice(tag[0].length);
    }
    const nextStartsLine = next === '' || /^[ \t]*\r?\n/.test(next);
    if (accEndsLine && nextStartsLine) {
      // The fence had a line to itself: drop that line entirely.
      next = next.replace(/^[ \t]*\r?\n/, '');
      acc = trimEndBlanks(acc);
    } else if (!accEndsLine && !nextStartsLine) {
      // A fence in the middle of a line (`see:```2008-08-12 …`): Slack shows the block on its own line.
      acc += '\n';
      accEndsLine = true;
    }
    acc += next;
    const k = lastNonBlank(next);
    if (k >= 0) accEndsLine = next[k] === '\n';
  }
  return acc;
}

function labelOrUrl(url: string, label: string | undefined): string {
  if (label === undefined || label === '') return url.replace(/^mailto:/i, '');
  const bare = url.replace(/^(?:https?:\/\/|mailto:)/i, '');
  const l = label.toLowerCase();
  // Slack auto-linked what the user typed: the label is the user's own text.
  if (l === url.toLowerCase() || l === bare.toLowerCase()) return label;
  return url;
}

/** One `<…>` token (its content, still escaped) → readable text. */
function renderToken(content: string): string {
  const bar = content.indexOf('|');
  const target = bar >= 0 ? content.slice(0, bar) : content;
  const label = bar >= 0 ? content.slice(bar + 1) : undefined;
  const first = target[0];
  if (first === '@') {
    // <@U123> or <@U123|name>
    return `@${label || target.slice(1)}`;
  }
  if (first === '#') {
    // <#C123|general> or <#C123>
    return `#${label || target.slice(1)}`;
  }
  if (first === '!') {
    // <!here>, <!channel>, <!everyone>, <!subteam^S123|@team>, <!date^…|fallback>
    if (label) return label;
    const name = target.slice(1).split('^')[0] ?? '';
    return `@${name}`;
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\S/.test(target) && !/\s/.test(target)) {
    return labelOrUrl(target, label);
  }
  // Not a Slack token (Slack escapes literal brackets, so this is unusual): keep it as it is.
  return `<${content}>`;
}

/** Slack message text → the plain text a user pasted. Never throws. */
export function normalizeSlackText(text: string): string {
  let s: string;
  try {
    s = typeof text === 'string' ? text : String(text ?? '');
  } catch {
    return '';
  }
  try {
    s = stripQuotes(s);
    s = stripFences(s);
    // Tokens and entities in one pass, so that unescaped text is never re-read as a token.
    return s.replace(/<([^<>\n]*)>|&(lt|gt|amp);/g, (m, token: string | undefined, entity: string | undefined) => {
      if (token !== undefined) return unescapeEntities(renderToken(token));
      return (entity && ENTITY[entity]) ?? m;
    });
  } catch {
    return s;
  }
}
