import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/detect/rule.js';
import { lookalikeFor, RULES } from '../src/detect/rules.js';
import { DETECTION_RULES, scanText } from '../src/detect/scanner.js';
import { KB954960_SIGNATURE, type Signature } from '../src/detect/signature.js';
import { evaluateSignature } from '../src/diagnose/correlate.js';
import { noteText } from '../src/render/i18n.js';

// The signature is data; these tests hold the data to the rules it names and the evaluator to what the data says.

const ROLE = new Map(DETECTION_RULES.map((r) => [r.id, r.role]));
const roleOf = (id: string) => ROLE.get(id as never);

const START = 'PT\t+++++++++++  PT: Synchronizing server updates  +++++++++++';
const ISE5 = 'PT  WARNING:     ErrorCode:InternalServerError(5)';
const SYNC_FAILURE = 'PT  WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200';
const SOAP_FAULT = 'PT\tWARNING: SOAP Fault: 0x000190';
const METHOD = (m: string) => `PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/${m}"`;
const FAULT_ID = 'PT  WARNING:     ID:c0a7445f-b989-43fa-ac20-11f8ca65fa8c';
const THROW =
  '2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?';
const DUPLICATE =
  "2008-06-14 02:59:57.642 UTC Error w3wp.12 ClientImplementation.SyncUpdates System.ArgumentException: Item has already been added. Key in dictionary: '8862'  Key being added: '8862'";

const evaluate = (lines: string[], signature: Signature = KB954960_SIGNATURE) => evaluateSignature(signature, scanText(lines.join('\n')).findings, roleOf);

describe('the KB954960 signature as data', () => {
  it('names only rules that exist, each with the log the correlation reads', () => {
    const byId = new Map(DETECTION_RULES.map((r) => [r.id as string, r]));
    for (const c of KB954960_SIGNATURE.anyOf) {
      for (const id of [...c.all.flat(), ...(c.unless ?? []).map((u) => u.rule), ...(c.evidence.rules ?? [])]) {
        expect(byId.get(id)?.source, `${c.id}: ${id}`).toBe(c.source);
      }
    }
    for (const id of KB954960_SIGNATURE.accompaniedBy) expect(byId.has(id)).toBe(true);
  });

  it('holds on the client for InternalServerError(5) with the SyncUpdates failure or with the SOAP fault, in one attempt', () => {
    const withFailure = evaluate([START, SYNC_FAILURE, ISE5]);
    expect(withFailure.present).toBe(true);
    expect(withFailure.attempts).toEqual([1]);
    expect(evaluate([START, SOAP_FAULT, ISE5]).present).toBe(true);
    expect(evaluate([START, ISE5]).present).toBe(false);
    expect(evaluate([START, SYNC_FAILURE, SOAP_FAULT]).present).toBe(false);
  });

  it('does not join evidence across sync attempts, and names every attempt where it holds', () => {
    expect(evaluate([START, SYNC_FAILURE, START, ISE5]).present).toBe(false);
    expect(evaluate([START, SYNC_FAILURE, ISE5, START, START, SOAP_FAULT, ISE5]).attempts).toEqual([1, 3]);
  });

  it('is excluded by a fault on another method, not by one on SyncUpdates', () => {
    expect(evaluate([START, SYNC_FAILURE, ISE5, METHOD('GetCookie')]).present).toBe(false);
    expect(evaluate([START, SYNC_FAILURE, ISE5, METHOD('SyncUpdates')]).present).toBe(true);
    // The exclusion is per attempt: another attempt's other method does not hide this one.
    expect(evaluate([START, METHOD('GetCookie'), START, SYNC_FAILURE, ISE5]).attempts).toEqual([2]);
  });

  it('holds on the server for the ThrowException alone, with no sync attempt', () => {
    const m = evaluate([THROW]);
    expect(m).toMatchObject({ present: true, attempts: [] });
    expect(m.evidence.map((f) => f.rule)).toEqual(['server-throwexception-internalservererror']);
  });

  it('shows the signature and partial lines of the attempt, then its fault id and method, then the accompanying exception', () => {
    const m = evaluate([START, SYNC_FAILURE, METHOD('SyncUpdates'), FAULT_ID, ISE5, DUPLICATE]);
    expect(m.evidence.map((f) => f.rule)).toEqual([
      'client-syncupdates-0x8024400e',
      'client-internal-server-error-5',
      'client-fault-id',
      'client-fault-method',
      'server-duplicate-key',
    ]);
  });

  it('evaluates another signature written in the same shape (the evaluator knows no KB954960)', () => {
    const officeWithFault: Signature = {
      anyOf: [
        {
          id: 'c',
          source: 'WindowsUpdate.log',
          within: 'input',
          all: [['office-2003'], ['client-soap-fault-0x000190']],
          evidence: { rules: ['client-soap-fault-0x000190'] },
        },
      ],
      accompaniedBy: [],
    };
    const office = 'Agent  * Title = Update for Office 2003 (KB907417)';
    expect(evaluate([START, office, START, SOAP_FAULT], officeWithFault)).toMatchObject({ present: true, attempts: [] });
    expect(evaluate([START, SOAP_FAULT], officeWithFault).present).toBe(false);
  });
});

describe('each rule carries its sources and look-alikes', () => {
  it('every KB954960 rule cites a source; every signature, partial and look-alike rule names a look-alike in both languages', () => {
    for (const rule of RULES as readonly Rule[]) {
      expect(rule.sources?.length, rule.id).toBeGreaterThan(0);
      for (const s of rule.sources ?? []) expect(s.url, rule.id).toMatch(/^https?:\/\//);
      if (['signature', 'partial', 'lookalike'].includes(rule.role)) expect(rule.lookalikes?.length, rule.id).toBeGreaterThan(0);
      for (const l of rule.lookalikes ?? []) {
        expect(l.en.length, rule.id).toBeGreaterThan(0);
        expect(l.ja.length, rule.id).toBeGreaterThan(0);
        expect(l.en).not.toBe(l.ja);
      }
    }
  });

  it('explains every code the look-alike rules report in their examples, from the rule that reports it', () => {
    for (const rule of RULES as readonly Rule[]) {
      if (rule.role !== 'lookalike') continue;
      for (const ex of rule.examples.match) {
        const code = ex.fields?.code;
        if (!code) continue;
        const found = lookalikeFor(code);
        expect(found, `${rule.id}: ${code}`).toBeDefined();
        expect(rule.lookalikes).toContain(found);
      }
    }
    expect(lookalikeFor('0xDEADBEEF')).toBeUndefined();
  });

  it("the look-alike note says what the reporting rule says, in the reader's language", () => {
    const rule = (RULES as readonly Rule[]).find((r) => r.id === 'client-other-wu-error')!;
    const timeout = rule.lookalikes!.find((l) => l.code === '0x8024401C')!;
    expect(noteText({ kind: 'lookalike', code: '0x8024401C' }, 'en')).toBe(timeout.en);
    expect(noteText({ kind: 'lookalike', code: '0x8024401C' }, 'ja')).toBe(timeout.ja);
    // A fault name no rule explains gets the generic note, naming it.
    expect(noteText({ kind: 'lookalike', code: 'InvalidCookie' }, 'en')).toContain('ErrorCode=InvalidCookie');
  });
});
