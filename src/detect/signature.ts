import type { LogSource, RuleRole } from './rule.js';
import type { RuleId } from './types.js';

/*
 * The KB954960 signature as data beside the rules (a Sigma-style correlation): which rules must be seen together,
 * grouped by what, and what rules it out. src/diagnose/correlate.ts evaluates it; diagnose.ts only reads the result.
 */

/** A finding of `rule` whose `field` is not `is`: a group holding one does not count (the exclusion). */
export interface FieldIsNot {
  readonly rule: RuleId;
  readonly field: string;
  readonly isNot: string;
}

/** Which findings of a matched group are shown as its evidence, in this order: the roles first, then the rules. */
export interface EvidenceSelector {
  readonly roles?: readonly RuleRole[];
  readonly rules?: readonly RuleId[];
}

export interface Correlation {
  readonly id: string;
  /** The findings considered: those of this log. */
  readonly source: LogSource;
  /** How they are grouped: by sync attempt (the signature must be complete within one) or the whole input as one. */
  readonly within: 'sync-attempt' | 'input';
  /** Every entry must hold in one group; an entry holds when any of its rules has a finding there. */
  readonly all: readonly (readonly RuleId[])[];
  /** The group does not count when one of its findings matches one of these. */
  readonly unless?: readonly FieldIsNot[];
  readonly evidence: EvidenceSelector;
}

export interface Signature {
  /** The signature is present when any of these correlations holds. */
  readonly anyOf: readonly Correlation[];
  /** Findings shown with the signature wherever it holds (the server exception that precedes the failure). */
  readonly accompaniedBy: readonly RuleId[];
}

/**
 * docs/kb954960.md: on the client, InternalServerError(5) with the SyncUpdates failure or the SOAP fault, within one
 * sync attempt, not on another method (GetAuthorizationCookie & co. are other problems); on the server, the client
 * web service's ThrowException with InternalServerError.
 */
export const KB954960_SIGNATURE: Signature = {
  anyOf: [
    {
      id: 'client',
      source: 'WindowsUpdate.log',
      within: 'sync-attempt',
      all: [['client-internal-server-error-5'], ['client-syncupdates-0x8024400e', 'client-soap-fault-0x000190']],
      unless: [{ rule: 'client-fault-method', field: 'method', isNot: 'SyncUpdates' }],
      evidence: { roles: ['signature', 'partial'], rules: ['client-fault-id', 'client-fault-method'] },
    },
    {
      id: 'server',
      source: 'SoftwareDistribution.log',
      within: 'input',
      all: [['server-throwexception-internalservererror']],
      evidence: { rules: ['server-throwexception-internalservererror'] },
    },
  ],
  accompaniedBy: ['server-duplicate-key'],
};
