/** `kb954960 help`: the CLI's usage, one line (or two) per subcommand row of commands/table.ts. */
import { write } from './io.js';

const HEAD = 'kb954960 — diagnose Microsoft KB954960 (WSUS 3.0 clients that stop receiving updates)';

const FOOT = `FILE: a log (plain, UTF-16, Shift_JIS, gzip'd) or a .zip of logs, of any size; --max-bytes N refuses an input over
N bytes (raw or decompressed). scan exits 0 when clean or fixed and no other problem needs action, 1 when action is
needed (affected, possible, vulnerable, or another known problem such as an HTTP 503 from the WSUS app pool), 2 on
bad usage or input.`;

/** The rows of commands/table.ts, as far as help reads them (it is given them: the table's help row prints this). */
type Rows = readonly { readonly cli?: { readonly usage?: string } }[];

export function cliUsage(rows: Rows): string {
  const lines = rows.flatMap((s) => {
    const usage = s.cli?.usage;
    // A line that starts blank continues the one above it.
    return usage ? usage.split('\n').map((l) => (l.startsWith(' ') ? l : `  kb954960 ${l}`)) : [];
  });
  return [HEAD, '', 'usage:', ...lines, '', FOOT].join('\n');
}

/** The usage on stdout; `exitCode` 0 when asked for, 2 when no subcommand was given. */
export function printUsage(rows: Rows, exitCode: number): number {
  write(cliUsage(rows));
  return exitCode;
}
