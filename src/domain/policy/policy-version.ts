import { InvalidInputError } from '../shared/domain-error.js';
import { isDuration, validateDuration, type Duration } from '../calendar/duration.js';
import { isLocalDate, type LocalDate } from '../calendar/local-date.js';

/** The only grounds on which a reply deadline may be extended where extension exists (R-LAW-02). */
export type ReplyExtensionReason = 'site_inspection' | 'authority_query';

/** Whether and how the complaint reply deadline may be extended. */
export type ReplyExtensionPolicy =
  | { readonly kind: 'not_allowed' }
  | {
      readonly kind: 'allowed';
      /** How many times one case's deadline may be extended. */
      readonly maxTimes: number;
      /** The longest single extension, counted from the original due date. */
      readonly maxLength: Duration;
      readonly permittedReasons: readonly ReplyExtensionReason[];
      /** The customer must be told in writing, with the reason, before the original deadline passes. */
      readonly writtenNoticeWithReasonBeforeOriginalDeadline: boolean;
    };

/** External bodies whose handling times are tracked, not enforced (R-ESC-02). */
export type ExternalBody = 'energy_regulator' | 'consumer_protection_authority' | 'town_clerk';

/** Record types with their own retention period (R-RET-01, R-LAW-09). */
export type RetentionRecordType =
  | 'complaint_record'
  | 'complaint_reply'
  | 'case_document'
  | 'call_recording'
  | 'accounting_document'
  /** Contract applications, offers, counter-offers and contracts, from the day the case ends. */
  | 'contract_document';

/** Where a policy value comes from: a provision of an act, a section of the regulation, or the provider's own rule. */
export interface LegalSource {
  /** The provision, e.g. `Fgytv. 17/B(5)`, `Üzletszabályzat 4.5.2`. */
  readonly citation: string;
  /** The act or document it is in, e.g. `1997. évi CLV. törvény a fogyasztóvédelemről`. */
  readonly title: string;
}

/** Why one period of a version has its value: since when the catalog applies it, the source, and the rule it serves. */
export interface PeriodSource {
  /** The first day the value applies in this catalog (for a value carried over, the day of the version it comes from). */
  readonly effectiveFrom: LocalDate;
  readonly source: LegalSource;
  readonly rule: string;
}

/** Contract-process durations (R-CON-02 .. R-CON-14). */
export interface ContractDurations {
  /** R-CON-02: information in answer to a connection application. */
  readonly applicationInformation: Duration;
  /** R-CON-03: contract sent for signature after the applicant accepts. */
  readonly contractAfterAcceptance: Duration;
  /** R-CON-04: offer (draft contract) handed over after a written request. */
  readonly offerAfterRequest: Duration;
  /** R-CON-05: request for missing data or documents. */
  readonly deficiencyNotice: Duration;
  /** R-CON-06: customer's signed copy must arrive within this after the draft's handover. */
  readonly signedReturn: Duration;
  /** R-CON-07: start of reconciliation after a counter-offer. */
  readonly reconciliationStart: Duration;
  /** R-CON-08: the offer lapses when nothing comes back within this. */
  readonly offerLapse: Duration;
  /** R-CON-10: notice for amending a general contract. */
  readonly amendmentNotice: Duration;
  /** R-CON-11: reporting a change of payer. */
  readonly payerChangeReport: Duration;
  /** R-CON-13: customer's notice of termination. */
  readonly customerTerminationNotice: Duration;
  /** R-CON-14: days past due (after a written demand) before the provider may terminate for non-payment. */
  readonly nonPaymentBeforeTermination: Duration;
}

/**
 * One effective-dated set of policy values: every duration the domain uses. A case is
 * judged by the version in force on the day it was received.
 */
export interface PolicyVersion {
  readonly id: string;
  /** First day (inclusive) the version applies to newly received cases. */
  readonly effectiveFrom: LocalDate;
  readonly title: string;
  /** The document the version as a whole reproduces (the 2013 regulation, the consolidated law). */
  readonly source: LegalSource;
  /** Every period of the version by its path (`complaint.replyLimit`), with its effective date and legal source. */
  readonly periodSources: Readonly<Record<string, PeriodSource>>;
  readonly complaint: {
    /** The binding limit for the written reply, from receipt. */
    readonly replyLimit: Duration;
    /** R-CPL-05: internal handling target for written and phone complaints; never later than `replyLimit`. */
    readonly handlingTarget: Duration;
    readonly replyExtension: ReplyExtensionPolicy;
    /** R-LAW-03: a phone or electronic complaint gets a unique identifier told to the customer. */
    readonly uniqueIdentifierForPhoneAndElectronic: boolean;
    /** R-LAW-08: a web-form complaint is acknowledged to the customer's e-mail without delay. */
    readonly webFormAcknowledgement: boolean;
    /** R-LAW-10: free copy of a call recording on request; null where the version has no such duty. */
    readonly callRecordingCopy: Duration | null;
    /** R-LAW-11: personal appointment offered after the booking request; null where the version has no such duty. */
    readonly personalAppointment: Duration | null;
    /**
     * R-CHN-04: important information given by phone is confirmed by fax or letter within this.
     * Neither source fixes a period; this is the provider's own policy value.
     */
    readonly phoneInformationConfirmation: Duration;
  };
  readonly billing: {
    /** R-BIL-02: written notice of the outcome of a bill objection, from receipt. */
    readonly billObjectionWrittenNotice: Duration;
  };
  readonly escalation: {
    /** R-CPL-06, R-ESC-02: the provider's reply to a request from a consumer-protection body or representative. */
    readonly bodyRequestReply: Duration;
    /** R-ESC-02: the bodies' own handling times, for tracking only. */
    readonly externalBodyHandling: Readonly<Record<ExternalBody, Duration>>;
  };
  readonly contract: ContractDurations;
  /** Retention per record type, running from the day the case closes (R-RET-01). */
  readonly retention: Readonly<Record<RetentionRecordType, Duration>>;
}

const RETENTION_RECORD_TYPES: readonly RetentionRecordType[] = [
  'complaint_record',
  'complaint_reply',
  'case_document',
  'call_recording',
  'accounting_document',
  'contract_document',
];

/**
 * Checks a policy version (it may come from storage): id, effective date, every duration
 * and every retention record type.
 * @throws InvalidInputError `POLICY.INVALID_VERSION` naming the first bad field.
 */
export function validatePolicyVersion(version: PolicyVersion): PolicyVersion {
  const refuse = (field: string, problem: string): never => {
    throw new InvalidInputError('POLICY.INVALID_VERSION', `Policy version ${String(version?.id)}: ${field} ${problem}`, {
      field,
    });
  };
  if (typeof version !== 'object' || version === null) refuse('version', 'is not an object');
  if (typeof version.id !== 'string' || version.id.trim() === '') refuse('id', 'must be a non-empty string');
  if (!isLocalDate(version.effectiveFrom)) refuse('effectiveFrom', 'must be a YYYY-MM-DD date');
  for (const type of RETENTION_RECORD_TYPES) {
    if (!isDuration(version.retention?.[type])) refuse(`retention.${type}`, 'is missing or not a duration');
  }
  checkSource(version.source, 'source', refuse);
  const paths: string[] = [];
  visitDurations({ complaint: version.complaint, billing: version.billing, escalation: version.escalation, contract: version.contract, retention: version.retention }, '', (value, path) => {
    try {
      validateDuration(value, path);
    } catch {
      refuse(path, `is not a valid duration: ${JSON.stringify(value)}`);
    }
    paths.push(path);
  });
  // Every period states since when and on what legal source it applies; no source names a period the version lacks.
  const sources = version.periodSources ?? {};
  for (const path of paths) {
    const basis = sources[path];
    if (!basis) refuse(`periodSources.${path}`, 'is missing: every period names its effective date and legal source');
    if (!isLocalDate(basis!.effectiveFrom)) refuse(`periodSources.${path}.effectiveFrom`, 'must be a YYYY-MM-DD date');
    if (basis!.effectiveFrom > version.effectiveFrom) refuse(`periodSources.${path}.effectiveFrom`, `must not be after the version takes effect (${version.effectiveFrom})`);
    checkSource(basis!.source, `periodSources.${path}.source`, refuse);
    if (typeof basis!.rule !== 'string' || !/^R-[A-Z]+-\d{2}$/.test(basis!.rule)) refuse(`periodSources.${path}.rule`, 'must name a rule ID');
  }
  for (const path of Object.keys(sources)) if (!paths.includes(path)) refuse(`periodSources.${path}`, 'names no period of the version');
  return version;
}

function checkSource(source: LegalSource | undefined, field: string, refuse: (field: string, problem: string) => never): void {
  if (typeof source?.citation !== 'string' || source.citation.trim() === '') refuse(`${field}.citation`, 'must be a non-empty string');
  if (typeof source?.title !== 'string' || source.title.trim() === '') refuse(`${field}.title`, 'must be a non-empty string');
}

/** Every period of a version by its path, in the order the version lists them. */
export function periodsOf(version: PolicyVersion): readonly { readonly path: string; readonly duration: Duration }[] {
  const found: { path: string; duration: Duration }[] = [];
  visitDurations({ complaint: version.complaint, billing: version.billing, escalation: version.escalation, contract: version.contract, retention: version.retention }, '', (value, path) => found.push({ path, duration: value as Duration }));
  return found;
}

/**
 * Validates a version and freezes it deeply, so the values cannot drift at run time.
 * @throws InvalidInputError `POLICY.INVALID_VERSION` as {@link validatePolicyVersion}.
 */
export function definePolicyVersion<T extends PolicyVersion>(version: T): T {
  validatePolicyVersion(version);
  return deepFreeze(version);
}

// Anything shaped like a duration (has `unit`) must be a valid one, wherever it sits.
function visitDurations(value: unknown, path: string, visit: (value: unknown, path: string) => void): void {
  if (typeof value !== 'object' || value === null) return;
  if ('unit' in value || 'amount' in value) {
    visit(value, path);
    return;
  }
  for (const [key, child] of Object.entries(value)) visitDurations(child, path ? `${path}.${key}` : key, visit);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
