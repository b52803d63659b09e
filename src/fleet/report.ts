/**
 * The body a WSUS server's reporting script sends (`kb954960.report/1`), as a zod schema: the one definition the
 * listener, `kb954960 ingest` and the script's test fixtures are all checked against. A refusal names the field
 * (`clients.items[3].lastSync: not an ISO 8601 time`) so an admin fixing a script knows where to look.
 */
import { z } from 'zod';
import { parseCodeArg } from '../detect/result-codes.js';
import { canonicalServerName } from '../diagnose/server-name.js';

export const REPORT_SCHEMA = 'kb954960.report/1';

/** A time as the script writes it: ISO 8601 with `Z` or an offset (PowerShell 2.0's `ToString('o')` gives either). */
const isoTime = z.iso.datetime({ offset: true, message: 'not an ISO 8601 time' });

/** A failure code in any form an admin's tools print it (0x8024400E, 8024400e, -2145107954), kept as 0x + 8 hex. */
const code = z.string().transform((s, ctx) => {
  const c = parseCodeArg(s);
  if (c === null) {
    ctx.addIssue({ code: 'custom', message: 'not a failure code (0x8024400E or a signed decimal HRESULT)' });
    return z.NEVER;
  }
  return c;
});

const serverName = z
  .string()
  .max(253, 'longer than a host name')
  .refine((s) => canonicalServerName(s) !== null, 'not a host name or address');

const clientError = z.object({
  code,
  count: z.number().int('not a whole number').min(1, 'below 1'),
  last: isoTime,
});

const client = z.object({
  name: z.string().min(1, 'empty').max(255, 'longer than a computer name'),
  lastSync: isoTime.nullable().optional(),
  lastSyncResult: z.enum(['Succeeded', 'Failed', 'Unknown'], { message: 'not Succeeded, Failed or Unknown' }).optional(),
  lastReported: isoTime.nullable().optional(),
  errors: z.array(clientError).max(100, 'more than 100 codes for one client').optional(),
});

/** At most this many clients in one report: the largest WSUS 3.0 deployments hold tens of thousands. */
export const MAX_REPORT_CLIENTS = 100_000;

export const reportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA, { message: `not ${REPORT_SCHEMA}` }),
  id: z.guid({ message: 'not a UUID' }),
  generated: isoTime,
  server: z.object({
    name: serverName,
    fqdn: serverName.nullable().optional(),
    wsus: z.string().max(64, 'too long for a version').nullable().optional(),
    dll: z.string().max(64, 'too long for a version').nullable().optional(),
    event1022: z.iso.date({ message: 'not a YYYY-MM-DD date' }).nullable().optional(),
  }),
  log: z
    .object({
      name: z.string().min(1, 'empty').max(255, 'too long for a file name'),
      text: z.string(),
    })
    .optional(),
  clients: z
    .object({
      total: z.number().int('not a whole number').min(0, 'below 0'),
      items: z.array(client).max(MAX_REPORT_CLIENTS, `more than ${MAX_REPORT_CLIENTS} clients`),
    })
    .refine((c) => c.items.length <= c.total, { message: 'fewer in total than listed', path: ['total'] })
    .optional(),
});

export type Report = z.infer<typeof reportSchema>;
export type ReportClient = Report extends { clients?: { items: (infer C)[] } } ? C : never;

export type ParsedReport = { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly error: string };

/** `clients.items[3].lastSync`: the path as an admin reads it in the JSON. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(body)' : out;
}

/** Checks a decoded JSON value against the schema; the first problem, with its field, when it does not fit. */
export function parseReport(value: unknown): ParsedReport {
  const r = reportSchema.safeParse(value);
  if (r.success) return { ok: true, report: r.data };
  const issue = r.error.issues[0]!;
  const why = issue.code === 'invalid_type' || isMissing(value, issue.path) ? invalidType(issue, value) : issue.message;
  return { ok: false, error: `${fieldPath(issue.path)}: ${why}` };
}

/** Whether the field at `path` is absent from the input (a custom message would otherwise hide that). */
function isMissing(value: unknown, path: readonly PropertyKey[]): boolean {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return false;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at === undefined;
}

function invalidType(issue: z.core.$ZodIssue, value: unknown): string {
  const expected = 'expected' in issue ? String(issue.expected) : issue.code === 'invalid_format' ? 'string' : 'a value';
  if (isMissing(value, issue.path)) return `missing (${expected} expected)`;
  const received = /received (\w+)/.exec(issue.message)?.[1];
  return received ? `${expected} expected, ${received} found` : `${expected} expected`;
}

/** Parses the raw body text: JSON first (its own error), then the schema. */
export function parseReportText(text: string): ParsedReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: '(body): not JSON' };
  }
  return parseReport(value);
}
