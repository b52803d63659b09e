/**
 * A report's server facts as the lines the verification commands print (docs/verification.md): a report is recorded
 * through the same rules and the same recording as an admin pasting that output, so there is one way a server's
 * version, DLL and fix event become known. The log text never speaks for the server: its own verification lines are
 * dropped (a report is about its enrolled server only).
 */
import type { Report } from './report.js';

const VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;

/** `KB954960-CHECK computer=NAME wsus=…|dll=…|event1022=…` for what the report says; null values say "absent". */
export function verificationLines(report: Report, server: string): string[] {
  const out: string[] = [];
  const version = (kind: 'wsus' | 'dll', v: string | null | undefined) => {
    if (v === undefined) return;
    if (v === null) out.push(`KB954960-CHECK computer=${server} ${kind}=absent`);
    else if (VERSION.test(v.trim())) out.push(`KB954960-CHECK computer=${server} ${kind}=${v.trim()}`);
  };
  version('wsus', report.server.wsus);
  version('dll', report.server.dll);
  const e = report.server.event1022;
  if (e === null) out.push(`KB954960-CHECK computer=${server} event1022=absent`);
  else if (e !== undefined) out.push(`KB954960-CHECK computer=${server} event1022=present ${e}`);
  return out;
}

/** The log text without verification lines (which would name a server of their own). */
export function withoutVerificationLines(text: string): string {
  if (!text.includes('KB954960-CHECK')) return text;
  return text
    .split('\n')
    .filter((l) => !l.includes('KB954960-CHECK'))
    .join('\n');
}
