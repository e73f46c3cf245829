import fc from 'fast-check';
import { isBefore } from '../../../src/domain/shared/business-time.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { counterOfferSourceOfOffer } from '../../../src/domain/contract/offer/offer.decider.js';
import { ComplaintScenario, handler, receptionist, redress, registration, supervisor } from '../../support/complaint-scenario.js';
import { application, clerk, connectionScenario, contractRequest, contractScenario, counterOfferScenario, CSO_BUDAPEST, formation, generalTerms, information, offerScenario } from '../../support/contract-scenario.js';
import type { DeciderScenario, Message } from '../../support/decider-scenario.js';
import { faultReport, faultReportScenario } from '../../support/dispatch-scenario.js';
import { complaintFacts, dispatcher, escalation, escalationScenario, regionalDirector, rikClerk, rikReception } from '../../support/escalation-scenario.js';
import { consent, consentScenario, referral, referralScenario } from '../../support/referral-scenario.js';

/**
 * Business time keeps its order (issue 11, item 8): for every case type, command sequences with
 * arbitrary business times (dates far before, around and after the facts they depend on; a clock
 * that moves forward by arbitrary steps) never leave a stored history with a fact dated before a
 * fact it depends on. Refused commands store nothing; the oracle below states the dependencies
 * independently of the deciders.
 */

/** An event as stored, with the clock's reading when it was decided (what a fact without its own date is dated by). */
interface Stored {
  readonly type: string;
  readonly data: Record<string, any>;
  readonly recordedAt: string;
}

/** A case type's dependencies: the date of each fact, and which earlier facts it may not precede. */
interface Oracle {
  readonly dateOf: Readonly<Record<string, (data: Record<string, any>) => string | null>>;
  readonly dependsOn: (later: Stored, earlier: Stored) => boolean;
}

function violations(history: readonly Stored[], oracle: Oracle): string[] {
  const dated = history.map((e) => ({ e, at: oracle.dateOf[e.type]?.(e.data) ?? null }));
  const found: string[] = [];
  dated.forEach((later, i) => {
    if (later.at === null) return;
    for (const earlier of dated.slice(0, i)) {
      if (earlier.at === null || !oracle.dependsOn(later.e, earlier.e)) continue;
      if (isBefore(later.at, earlier.at)) found.push(`${later.e.type} (${later.at}) before ${earlier.e.type} (${earlier.at})`);
    }
  });
  return found;
}

/** One step: the clock moves, and a command of the case type is sent with business times offset from the clock. */
interface Step {
  readonly advanceMinutes: number;
  readonly offsetMinutes: number;
  readonly pick: number;
}
const step: fc.Arbitrary<Step> = fc.record({
  advanceMinutes: fc.integer({ min: 0, max: 5 * 24 * 60 }),
  // From 40 days before the clock to a little after it: before, at and after what came earlier.
  offsetMinutes: fc.integer({ min: -40 * 24 * 60, max: 10 }),
  pick: fc.nat(),
});

type Command = { readonly command: Message; readonly actor?: Actor };
/** Builds a command from the clock and a business time; null when the case type has nothing to send. */
type CommandOf = (at: (offsetMinutes: number) => string, day: (offsetMinutes: number) => string, index: number) => Command | null;

/** Runs `opening` then the steps through the decider as the pipeline does; refusals store nothing. */
function play<C extends Message, E extends Message, S>(scenario: DeciderScenario<C, E, S>, opening: readonly Command[], commands: readonly CommandOf[], steps: readonly Step[], pre: readonly Stored[] = []): Stored[] {
  const stored: Stored[] = [...pre];
  const send = (c: Command) => {
    const recordedAt = scenario.now.toISOString();
    try {
      const decided = c.actor ? scenario.run(c.command as C, c.actor) : scenario.run(c.command as C);
      stored.push(...decided.map((e) => ({ type: e.type, data: e.data as Record<string, any>, recordedAt })));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  };
  for (const c of opening) send(c);
  steps.forEach((s, index) => {
    scenario.now = new Date(scenario.now.getTime() + s.advanceMinutes * 60_000);
    const base = scenario.now.getTime() + s.offsetMinutes * 60_000;
    const at = (extra: number) => new Date(base + extra * 60_000).toISOString();
    const day = (extra: number) => at(extra).slice(0, 10);
    const c = commands[s.pick % commands.length]!(at, day, index);
    if (c) send(c);
  });
  return stored;
}

const steps = fc.array(step, { minLength: 1, maxLength: 14 });
const opening = fc.integer({ min: -30 * 24 * 60, max: 0 });
const RUNS = { numRuns: 150 };
const instantAt = (base: string, minutes: number) => new Date(Date.parse(base) + minutes * 60_000).toISOString();
const sameKey = (key: string) => (a: Stored, b: Stored) => a.data[key] === undefined || b.data[key] === undefined || a.data[key] === b.data[key];

describe('business time keeps its order in every case type (property-based)', () => {
  it('R-LAW-01: complaints: replies, findings, corrections, steps, notices, confirmations and recording copies never precede what they depend on', () => {
    const oracle: Oracle = {
      dateOf: {
        ComplaintRegistered: (d) => d.receivedAt,
        ComplaintTakenOver: (d) => d.takenOverOn,
        FindingRecorded: (d) => d.recordedOn,
        CorrectionRecorded: (d) => d.recordedOn,
        SiteInspectionCarriedOut: (d) => d.inspectedOn,
        HotWaterMeasured: (d) => d.measuredAt,
        ReplyDeadlineExtended: (d) => d.customerNotifiedAt,
        ReplySent: (d) => d.sentAt,
        InformationDisclosed: (d) => d.disclosedAt,
        PhoneInformationConfirmed: (d) => d.sentAt,
        CallRecordingReferenced: (d) => d.calledAt,
        CallRecordingCopyRequested: (d) => d.requestedAt,
        CallRecordingCopyHandedOver: (d) => d.handedOverAt,
        DutyDischarged: (d) => d.dischargedOn,
        ComplaintClosed: (d) => d.closedOn,
      },
      dependsOn: (later, earlier) => {
        if (earlier.type === 'ComplaintRegistered') return true;
        if (later.type === 'ReplySent') return earlier.type === 'FindingRecorded' || earlier.type === 'CorrectionRecorded' || earlier.type === 'ComplaintTakenOver';
        if (later.type === 'PhoneInformationConfirmed') return earlier.type === 'InformationDisclosed' && earlier.data.disclosureId === later.data.disclosureId;
        if (later.type === 'CallRecordingCopyRequested') return earlier.type === 'CallRecordingReferenced' && earlier.data.callRecordingId === later.data.callRecordingId;
        if (later.type === 'CallRecordingCopyHandedOver') return earlier.type === 'CallRecordingCopyRequested' && earlier.data.requestId === later.data.requestId;
        if (later.type === 'FindingRecorded') return earlier.type === 'ComplaintTakenOver';
        return false;
      },
    };
    fc.assert(
      fc.property(opening, steps, (receivedOffset, plan) => {
        const s = ComplaintScenario.at('2026-03-20T09:00:00.000Z');
        const stored: Stored[] = [];
        const run = (command: any, actor = handler) => {
          const recordedAt = s.now.toISOString();
          try {
            stored.push(...s.run(command, actor).map((e) => ({ type: e.type, data: e.data as Record<string, any>, recordedAt })));
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        };
        run(registration({ receivedAt: instantAt('2026-03-20T09:00:00.000Z', receivedOffset), channel: 'phone', recordPlace: 'call centre', callRecordingId: 'TEL-1' }), receptionist);
        run({ type: 'DesignateClerk', data: { clerkId: handler.userId } }, supervisor);
        // The clock-dated handling first, so the dated acts that depend on it are exercised often.
        for (const opening of [{ type: 'TakeOverComplaint', data: {} }, { type: 'RecordRecordsChecked', data: { records: 'billing history', findings: 'checked' } }, { type: 'RecordFinding', data: { finding: 'justified', reasoning: 'double reading' } }]) {
          if (plan[0]!.pick % 4 !== 0) run(opening);
        }
        let disclosure = '';
        let copy = '';
        const pool: ((at: (m: number) => string, day: (m: number) => string) => any)[] = [
          () => ({ type: 'TakeOverComplaint', data: {} }),
          () => ({ type: 'RecordRecordsChecked', data: { records: 'billing history', findings: 'checked' } }),
          (_, day) => ({ type: 'RecordSiteInspection', data: { inspectedOn: day(0), findings: 'radiators cold' } }),
          () => ({ type: 'RecordFinding', data: { finding: 'justified', reasoning: 'double reading' } }),
          () => ({ type: 'RecordCorrection', data: { area: 'invoice', description: 'corrected', amount: -100 } }),
          (at) => ({ type: 'ExtendReplyDeadline', data: { reason: 'site_inspection', extendByDays: 10, customerNotifiedAt: at(0), noticeChannel: 'letter' } }),
          (at) => ({ type: 'SendReply', data: { channel: 'letter', sentAt: at(0), summary: 's', reasons: 'r', redress, recordCopyEnclosed: true } }),
          () => ({ type: 'RecordDisclosure', data: { channel: 'phone', information: 'case_status', callId: null, callRecordingId: null, recipient: 'debtor', authorisationChecked: false, important: true, summary: 'visit on Tuesday' } }),
          (at) => (disclosure ? { type: 'ConfirmPhoneInformation', data: { disclosureId: disclosure, channel: 'letter', sentAt: at(0) } } : null),
          (at) => ({ type: 'RequestCallRecordingCopy', data: { callRecordingId: 'TEL-1', requestedAt: at(0), channel: 'letter' } }),
          (at) => (copy ? { type: 'HandOverCallRecordingCopy', data: { requestId: copy, handedOverAt: at(0), channel: 'email', feeHuf: 0 } } : null),
        ];
        for (const p of plan) {
          s.now = new Date(s.now.getTime() + p.advanceMinutes * 60_000);
          const base = s.now.getTime() + p.offsetMinutes * 60_000;
          const command = pool[p.pick % pool.length]!((m) => new Date(base + m * 60_000).toISOString(), (m) => new Date(base + m * 60_000).toISOString().slice(0, 10));
          if (command) run(command);
          disclosure = stored.filter((e) => e.type === 'InformationDisclosed').at(-1)?.data.disclosureId ?? '';
          copy = stored.filter((e) => e.type === 'CallRecordingCopyRequested').at(-1)?.data.requestId ?? '';
        }
        expect(violations(stored, oracle)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('R-DSP-03: fault reports: a worksheet comes back after its issue and after the report', () => {
    const oracle: Oracle = {
      dateOf: { FaultReportRegistered: (d) => d.reportedAt, WorksheetIssued: (d) => d.issuedAt, RepairRecorded: (d) => d.returnedAt, WorksheetForwardedToAccounting: (d) => d.forwardedAt, FaultReportClosed: (d) => d.closedOn },
      dependsOn: (later, earlier) =>
        earlier.type === 'FaultReportRegistered' ||
        (later.type === 'RepairRecorded' && earlier.type === 'WorksheetIssued' && earlier.data.worksheetNumber === later.data.worksheetNumber) ||
        (later.type === 'WorksheetForwardedToAccounting' && earlier.type === 'RepairRecorded' && earlier.data.worksheetNumber === later.data.worksheetNumber),
    };
    fc.assert(
      fc.property(opening, steps, (reportedOffset, plan) => {
        const s = faultReportScenario('2026-03-20T09:00:00.000Z');
        const reportedAt = instantAt('2026-03-20T09:00:00.000Z', reportedOffset);
        const commands: CommandOf[] = [
          (_at, _day, i) => ({ command: { type: 'IssueWorksheet', data: { worksheetNumber: `W-${i}`, crew: 'crew 1', scope: 'repair', paidOrderReference: 'ORD-1' } }, actor: dispatcher }),
          (at) => {
            const out = s.of('WorksheetIssued' as never).map((e: any) => e.data.worksheetNumber).filter((n: string) => !s.of('RepairRecorded' as never).some((r: any) => r.data.worksheetNumber === n));
            return out[0] ? { command: { type: 'RecordRepair', data: { worksheetNumber: out[0], returnedAt: at(0), outcome: 'repaired', workDone: 'fixed', paidOrderReference: null } }, actor: dispatcher } : null;
          },
          () => {
            const returned = s.of('RepairRecorded' as never).map((e: any) => e.data.worksheetNumber)[0];
            return returned ? { command: { type: 'ForwardWorksheetToAccounting', data: { worksheetNumber: returned } }, actor: dispatcher } : null;
          },
          () => ({ command: { type: 'CloseFaultReport', data: {} }, actor: dispatcher }),
        ];
        const stored = play(s, [{ command: faultReport({ reportedAt, expectedRepair: { date: reportedAt.slice(0, 10) > '2026-03-20' ? reportedAt.slice(0, 10) : '2026-03-20', timeOfDay: null, method: 'crew' } }), actor: dispatcher }], commands, plan);
        expect(violations(stored, oracle)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('R-ESC-01: escalations: registered after the escalated case, answered after their receipt and finding', () => {
    const oracle: Oracle = {
      dateOf: { EscalatedCaseReceived: (d) => d.receivedAt, EscalationRegistered: (d) => d.receivedAt, EscalationTakenOver: (d) => d.takenOverOn, EscalationFindingRecorded: (d) => d.recordedOn, EscalationReplySent: (d) => d.sentAt, EscalationClosed: (d) => d.closedOn },
      dependsOn: (later, earlier) =>
        earlier.type === 'EscalatedCaseReceived' || earlier.type === 'EscalationRegistered' || (later.type === 'EscalationReplySent' && earlier.type === 'EscalationFindingRecorded'),
    };
    fc.assert(
      fc.property(opening, opening, steps, (caseOffset, receivedOffset, plan) => {
        const s = escalationScenario('2026-03-20T09:00:00.000Z');
        const caseReceived = instantAt('2026-03-20T09:00:00.000Z', caseOffset);
        const handling: Command[] = [
          { command: { type: 'DesignateEscalationClerk', data: { clerkId: rikClerk.userId } }, actor: regionalDirector },
          { command: { type: 'TakeOverEscalation', data: {} }, actor: rikClerk },
          { command: { type: 'RecordEscalationStep', data: { step: 'records_checked', description: 'checked' } }, actor: rikClerk },
        ];
        const commands: CommandOf[] = [
          () => ({ command: { type: 'RecordEscalationFinding', data: { finding: 'justified', reasoning: 'late' } }, actor: rikClerk }),
          (at) => ({ command: { type: 'SendEscalationReply', data: { channel: 'letter', sentAt: at(0), summary: 's', reasons: 'r', redress: null, recordCopyEnclosed: false } }, actor: rikClerk }),
        ];
        const registerCommand = escalation({ receivedAt: instantAt('2026-03-20T09:00:00.000Z', receivedOffset), about: complaintFacts({ receivedAt: caseReceived }) });
        const stored = play(s, [{ command: registerCommand, actor: rikReception }, ...handling], commands, plan, [{ type: 'EscalatedCaseReceived', data: { receivedAt: caseReceived }, recordedAt: caseReceived }]);
        expect(violations(stored, oracle)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('R-ESC-02: referrals: referred after the case, the body’s requests after the referral, answers after the requests, the decision after both', () => {
    const oracle: Oracle = {
      dateOf: { ReferredCaseReceived: (d) => d.receivedAt, ReferralRecorded: (d) => d.referredOn, BodyRequestReceived: (d) => d.receivedAt, BodyRequestAnswered: (d) => d.sentAt, ReferralOutcomeRecorded: (d) => d.decidedOn },
      dependsOn: (later, earlier) =>
        earlier.type === 'ReferredCaseReceived' ||
        earlier.type === 'ReferralRecorded' ||
        (later.type === 'BodyRequestAnswered' && earlier.type === 'BodyRequestReceived' && earlier.data.requestId === later.data.requestId) ||
        (later.type === 'ReferralOutcomeRecorded' && earlier.type === 'BodyRequestReceived'),
    };
    fc.assert(
      fc.property(opening, opening, steps, (caseOffset, referredOffset, plan) => {
        const s = referralScenario('2026-03-20T09:00:00.000Z');
        const caseReceived = instantAt('2026-03-20T09:00:00.000Z', caseOffset);
        const commands: CommandOf[] = [
          (at) => ({ command: { type: 'ReceiveBodyRequest', data: { receivedAt: at(0), bodyReference: null, request: 'send the file' } } }),
          (at) => {
            const open = s.of('BodyRequestReceived' as never).map((e: any) => e.data.requestId).find((id: string) => !s.of('BodyRequestAnswered' as never).some((a: any) => a.data.requestId === id));
            return open ? { command: { type: 'AnswerBodyRequest', data: { requestId: open, sentAt: at(0), channel: 'letter', summary: 'sent' } } } : null;
          },
          (_at, day) => ({ command: { type: 'RecordBodyOutcome', data: { decidedOn: day(0), outcome: 'rejected', decisionReference: null, summary: 'lawful', appealPending: true } } }),
        ];
        const stored = play(s, [{ command: referral({ referredOn: instantAt('2026-03-20T09:00:00.000Z', referredOffset).slice(0, 10), about: complaintFacts({ receivedAt: caseReceived }) }) }], commands, plan, [
          { type: 'ReferredCaseReceived', data: { receivedAt: caseReceived }, recordedAt: caseReceived },
        ]);
        expect(violations(stored, oracle)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('R-ESC-03: consents: given after the case, withdrawn after being given', () => {
    const oracle: Oracle = {
      dateOf: { CaseReceived: (d) => d.receivedAt, RepresentativeConsentRecorded: (d) => d.givenOn, RepresentativeConsentWithdrawn: (d) => d.withdrawnOn },
      dependsOn: (later, earlier) => earlier.type === 'CaseReceived' || (later.type === 'RepresentativeConsentWithdrawn' && earlier.type === 'RepresentativeConsentRecorded' && earlier.data.consentId === later.data.consentId),
    };
    fc.assert(
      fc.property(opening, steps, (caseOffset, plan) => {
        const s = consentScenario('2026-03-20T09:00:00.000Z');
        const caseReceived = instantAt('2026-03-20T09:00:00.000Z', caseOffset);
        const commands: CommandOf[] = [
          (_at, day, i) => ({ command: consent({ consentId: `consent-${i}`, givenOn: day(0), validUntil: null, case: complaintFacts({ receivedAt: caseReceived }) }) }),
          (_at, day) => {
            const given = s.of('RepresentativeConsentRecorded' as never).map((e: any) => e.data.consentId).find((id: string) => !s.of('RepresentativeConsentWithdrawn' as never).some((w: any) => w.data.consentId === id));
            return given ? { command: { type: 'WithdrawRepresentativeConsent', data: { consentId: given, withdrawnOn: day(0), reason: null } } } : null;
          },
        ];
        const stored = play(s, [], commands, plan, [{ type: 'CaseReceived', data: { receivedAt: caseReceived }, recordedAt: caseReceived }]);
        expect(violations(stored, oracle)).toEqual([]);
      }),
      RUNS,
    );
  });

  /** The application, offer and counter-offer streams run in one line: every dated fact follows every earlier one. */
  const LINE: Readonly<Record<string, (d: Record<string, any>) => string | null>> = {
    ConnectionApplicationSubmitted: (d) => d.receivedAt,
    ConnectionInformationProvided: (d) => d.sentAt,
    ConnectionInformationAccepted: (d) => d.receivedAt,
    InformationChangesRequested: (d) => d.receivedAt,
    ContractSentForSignature: (d) => d.handedOverAt,
    ConnectionApplicationWithdrawn: (d) => d.receivedAt,
    ContractRequested: (d) => d.receivedAt,
    DeficiencyNoticeIssued: (d) => d.sentAt,
    MissingItemsReceived: (d) => d.receivedAt,
    OfferHandedOver: (d) => d.handedOverAt,
    ContractRequestWithdrawn: (d) => d.receivedAt,
    CounterOfferRegistered: (d) => d.receivedAt,
    ReconciliationStarted: (d) => d.startedAt,
    PositionsAgreed: (d) => d.agreedAt,
    ReconciliationFailed: (d) => d.endedAt,
    ContractFormed: (d) => d.formedAt,
    CounterOfferReceived: (d) => d.receivedAt,
    ContractRefused: (d) => d.sentAt,
  };
  const line: Oracle = { dateOf: LINE, dependsOn: () => true };

  it('R-CON-02: connection applications: information after the application, statements after the information, the contract after the acceptance, the signed copy after it', () => {
    fc.assert(
      fc.property(opening, steps, (receivedOffset, plan) => {
        const s = connectionScenario('2026-03-20T09:00:00.000Z');
        const commands: CommandOf[] = [
          (at) => ({ command: { type: 'ProvideConnectionInformation', data: { sentAt: at(0), channel: 'letter', information: information({ validUntil: '2027-12-31' }) } } }),
          (at) => ({ command: { type: 'AcceptConnectionInformation', data: { receivedAt: at(0), channel: 'letter', bookAppointment: false, ordersInstallationWork: false } } }),
          (at) => ({ command: { type: 'RequestInformationChanges', data: { receivedAt: at(0), channel: 'letter', changes: ['later start'] } } }),
          (at) => ({ command: { type: 'SendContractForSignature', data: { sentAt: at(0), channel: 'letter', terms: generalTerms({ supplyStartsOn: '2027-10-01' }) } } }),
          (at) => ({ command: { type: 'ReceiveSignedDraft', data: { receivedAt: at(0), channel: 'letter', bookAppointment: false, differences: [] } } }),
          (at) => ({ command: { type: 'WithdrawConnectionApplication', data: { receivedAt: at(0), channel: 'letter', reason: 'moved' } } }),
        ];
        const stored = play(s, [{ command: application({ receivedAt: instantAt('2026-03-20T09:00:00.000Z', receivedOffset) }) }], commands, plan);
        expect(violations(stored, line)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('R-CON-04: contract requests: deficiency notices, missing items, the offer and the signed copy follow each other and the request', () => {
    fc.assert(
      fc.property(opening, steps, (receivedOffset, plan) => {
        const s = offerScenario('2026-03-20T09:00:00.000Z');
        const commands: CommandOf[] = [
          (at, day) => ({ command: { type: 'IssueDeficiencyNotice', data: { sentAt: at(0), channel: 'letter', missing: ['deed'], respondBy: day(20 * 24 * 60) } } }),
          (at) => ({ command: { type: 'ReceiveMissingItems', data: { receivedAt: at(0), items: ['deed'], complete: true } } }),
          (at) => ({ command: { type: 'HandOverOffer', data: { handedOverAt: at(0), channel: 'letter', terms: generalTerms({ supplyStartsOn: '2027-10-01' }) } } }),
          (at) => ({ command: { type: 'ReceiveSignedDraft', data: { receivedAt: at(0), channel: 'letter', bookAppointment: false, differences: [] } } }),
          (at) => ({ command: { type: 'RefuseContract', data: { unmetConditions: ['no capacity'], explanation: 'x', sentAt: at(0), channel: 'letter' } } }),
          (at) => ({ command: { type: 'WithdrawContractRequest', data: { receivedAt: at(0), channel: 'letter', reason: 'moved' } } }),
        ];
        const stored = play(s, [{ command: contractRequest({ receivedAt: instantAt('2026-03-20T09:00:00.000Z', receivedOffset) }) }], commands, plan);
        expect(violations(stored, line)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('R-CON-07: counter-offers: the reconciliation starts, agrees or ends after the counter-offer arrived, in order', () => {
    const offer = offerScenario('2026-03-02T09:00:00.000Z');
    offer.run(contractRequest());
    offer.at('2026-03-10T10:00:00.000Z').run({ type: 'HandOverOffer', data: { handedOverAt: '2026-03-10T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
    offer.at('2026-03-25T12:00:00.000Z').run({ type: 'ReceiveSignedDraft', data: { receivedAt: '2026-03-25T10:00:00.000Z', channel: 'letter', bookAppointment: false, differences: [{ clause: '5.2 billing', customerPosition: 'quarterly' }] } });
    const counterOfferId = (offer.last('CounterOfferReceived' as never) as any).counterOfferId as string;
    const source = counterOfferSourceOfOffer(offer.state(), counterOfferId)!;
    fc.assert(
      fc.property(steps, (plan) => {
        const s = counterOfferScenario('2026-03-25T13:00:00.000Z');
        const commands: CommandOf[] = [
          (at) => ({ command: { type: 'StartReconciliation', data: { startedAt: at(0), method: 'meeting', note: 'invited' } } }),
          (at) => ({ command: { type: 'AgreePositions', data: { agreedAt: at(0), channel: 'in_person', bookAppointment: false, resolutions: [{ clause: '5.2 billing', agreedText: 'monthly' }], terms: generalTerms() } } }),
          (at) => ({ command: { type: 'EndReconciliation', data: { endedAt: at(0), reason: 'no agreement' } } }),
        ];
        const stored = play(s, [{ command: { type: 'RegisterCounterOffer', data: { counterOfferId, source } } }], commands, plan);
        expect(violations(stored, line)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('R-CON-11: contracts: acts follow the formation; arrears statements and the payer agreement the payer change; the termination conditions the notice', () => {
    const oracle: Oracle = {
      dateOf: {
        ContractEstablished: (d) => d.formedAt,
        AmendmentAgreed: (d) => d.agreedAt,
        PayerChangeReported: (d) => d.reportedAt,
        ArrearsStatementRecorded: (d) => d.statedAt,
        PayerAgreementConcluded: (d) => d.concludedAt,
        CustomerTerminationNoticeReceived: (d) => d.receivedAt,
        TerminationConditionsReported: (d) => d.reportedAt,
        ProviderTerminationNoticeSent: (d) => d.sentAt,
        CustomerRequestRecorded: (d) => d.receivedAt,
      },
      dependsOn: (later, earlier) =>
        earlier.type === 'ContractEstablished' ||
        ((later.type === 'ArrearsStatementRecorded' || later.type === 'PayerAgreementConcluded') && earlier.type === 'PayerChangeReported' && sameKey('payerChangeId')(later, earlier)) ||
        (later.type === 'TerminationConditionsReported' && earlier.type === 'CustomerTerminationNoticeReceived'),
    };
    fc.assert(
      fc.property(opening, steps, (formedOffset, plan) => {
        const formedAt = instantAt('2026-03-20T10:00:00.000Z', formedOffset);
        const s = contractScenario('2026-03-20T10:00:00.000Z');
        const newPayer = { ...formation().customer, subjectId: 'subject-new', name: 'Új Fizető' };
        const commands: CommandOf[] = [
          (at) => ({ command: { type: 'AgreeAmendment', data: { agreedAt: at(0), channel: 'in_person', bookAppointment: false, changes: { tariff: 'A2' }, effectiveFrom: null, description: 'tariff' } } }),
          (at, day) => ({ command: { type: 'ReportPayerChange', data: { reportedAt: at(0), channel: 'in_person', bookAppointment: false, changedOn: day(0), reason: 'sale', reportedBy: ['old_payer', 'new_payer'], newPayer, oldPayerArrearsHuf: 5000 } } }),
          (at) => ({ command: { type: 'RecordArrearsStatement', data: { by: 'old_payer', statedAt: at(0), channel: 'letter', settlement: 'pays at once' } } }),
          (at) => ({ command: { type: 'RecordArrearsStatement', data: { by: 'new_payer', statedAt: at(0), channel: 'letter', settlement: 'takes it over' } } }),
          (at) => ({ command: { type: 'ConcludePayerAgreement', data: { concludedAt: at(0), channel: 'in_person', bookAppointment: false } } }),
          (at) => ({ command: { type: 'GiveTerminationNotice', data: { receivedAt: at(0), channel: 'letter', conditionsMetAndReported: false } } }),
          (at) => ({ command: { type: 'ReportTerminationConditions', data: { reportedAt: at(0), channel: 'letter' } } }),
          (at) => ({ command: { type: 'RecordCustomerRequest', data: { matter: 'bill_information', channel: 'phone', receivedAt: at(0), bookAppointment: false, note: 'asked' } } }),
        ];
        const stored = play(s, [{ command: { type: 'EstablishContract', data: { formation: formation({ formedAt, formedOn: formedAt.slice(0, 10), effectiveFrom: formedAt.slice(0, 10) }), unit: CSO_BUDAPEST } }, actor: clerk }], commands, plan);
        expect(violations(stored, oracle)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the oracle itself finds a reply dated before the receipt', () => {
    const history: Stored[] = [
      { type: 'ComplaintRegistered', data: { receivedAt: '2026-03-16T08:00:00.000Z' }, recordedAt: '2026-03-16T08:00:00.000Z' },
      { type: 'ReplySent', data: { sentAt: '2026-02-23T08:00:00.000Z' }, recordedAt: '2026-03-20T08:00:00.000Z' },
    ];
    const oracle: Oracle = { dateOf: { ComplaintRegistered: (d) => d.receivedAt, ReplySent: (d) => d.sentAt }, dependsOn: () => true };
    expect(violations(history, oracle)).toEqual(['ReplySent (2026-02-23T08:00:00.000Z) before ComplaintRegistered (2026-03-16T08:00:00.000Z)']);
  });
});
