import { Inject, Injectable } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { WorkingDayCalendarProvider } from '../../../application/calendar/working-day-calendar.provider.js';
import type { CommandEnvelope, CommandOutcome } from '../../../application/command-pipeline/command-pipeline.js';
import { RecordComplaintStepCommand, type ComplaintStep } from '../../../application/complaint/record-complaint-step/record-complaint-step.command.js';
import { RegisterComplaintCommand, type RegisterComplaintRequest } from '../../../application/complaint/register-complaint/register-complaint.command.js';
import { RecordOfferStepCommand, type OfferStep } from '../../../application/contract/record-offer-step/record-offer-step.command.js';
import { RequestContractCommand, type RequestContractRequest } from '../../../application/contract/request-contract/request-contract.command.js';
import { RecordFaultReportStepCommand } from '../../../application/dispatch/record-fault-report-step/record-fault-report-step.command.js';
import { RegisterFaultReportCommand, type RegisterFaultReportRequest } from '../../../application/dispatch/register-fault-report/register-fault-report.command.js';
import { RecordEscalationStepCommand, type EscalationStep } from '../../../application/escalation/record-escalation-step/record-escalation-step.command.js';
import { RegisterEscalationCommand, type RegisterEscalationRequest } from '../../../application/escalation/register-escalation/register-escalation.command.js';
import { CLOCK, type Clock } from '../../../application/ports/clock.port.js';
import { DemoReplayClock } from './demo-replay.clock.js';
import { EXTERNAL_BODIES, POLICY_CATALOG, type PolicyCatalogPort } from '../../../application/ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port.js';
import { RecordReferralCommand, type RecordReferralRequest } from '../../../application/referral/record-referral/record-referral.command.js';
import { RecordReferralStepCommand } from '../../../application/referral/record-referral-step/record-referral-step.command.js';
import { computeDeadline } from '../../../domain/calendar/deadline.js';
import { addDays, addMonths, daysBetween, localDateFromParts, localDateOf, partsOf, type LocalDate } from '../../../domain/calendar/local-date.js';
import type { WorkingDayCalendar } from '../../../domain/calendar/working-day-calendar.js';
import { complaintStreamId } from '../../../domain/complaint/complaint.decider.js';
import type { Redress } from '../../../domain/complaint/complaint.types.js';
import { offerStreamId } from '../../../domain/contract/offer/offer.decide.js';
import type { ContractTerms, ResidentialParty } from '../../../domain/contract/contract.types.js';
import { faultReportStreamId } from '../../../domain/dispatch/fault-report.decider.js';
import { escalationStreamId } from '../../../domain/escalation/case-escalated.js';
import type { ExternalBodyDirectory } from '../../../domain/external-bodies/external-bodies.js';
import { referralStreamId } from '../../../domain/referral/referral.decide.js';
import type { Actor } from '../../../domain/shared/actor.js';
import type { Message } from '../../../domain/shared/decider.js';
import { complainantOf } from '../../http/complaints/complainant.mapping.js';

/** The users the demo acts as; any of them can be given a token with `cli token issue`. */
export const DEMO_USERS = {
  clerk: { userId: 'clerk-1', role: 'clerk', unit: 'cso-budapest' },
  supervisor: { userId: 'supervisor-1', role: 'supervisor', unit: 'cso-budapest' },
  dispatcher: { userId: 'dispatcher-1', role: 'dispatcher', unit: 'dispatch-central' },
  regionalClerk: { userId: 'clerk-rd-1', role: 'clerk', unit: 'rd-central' },
  regionalDirector: { userId: 'supervisor-rd-1', role: 'supervisor', unit: 'rd-central' },
} as const satisfies Record<string, Actor>;

/**
 * Case ids and command ids derive from these names, so a second run sends the very same
 * commands and the pipeline answers each from its stored result. A changed dataset needs a new
 * version here, or its commands would be refused as a reused command id with another payload.
 */
const DATASET = 'demo-seed/v1';
const DEMO_NAMESPACE = '3c9e7a52-1f4d-4b8e-9a6c-5d2e0f7b8a41';
const caseId = (name: string) => uuidv5(`${DATASET}/${name}`, DEMO_NAMESPACE);

export const DEMO_CASE_IDS = {
  meterDispute: caseId('complaint/meter-dispute'),
  billObjection: caseId('complaint/bill-objection'),
  qualityComplaint: caseId('complaint/quality-complaint'),
  openComplaint: caseId('complaint/handling-conduct'),
  faultReport: caseId('fault-report/no-heating'),
  escalation: caseId('escalation/late-crew'),
  referral: caseId('referral/meter-dispute'),
  contractRequest: caseId('contract-request/new-flat'),
} as const;

/** Every stream the demo's cases live in. */
export const DEMO_CASE_STREAMS: readonly string[] = [
  complaintStreamId(DEMO_CASE_IDS.meterDispute),
  complaintStreamId(DEMO_CASE_IDS.billObjection),
  complaintStreamId(DEMO_CASE_IDS.qualityComplaint),
  complaintStreamId(DEMO_CASE_IDS.openComplaint),
  faultReportStreamId(DEMO_CASE_IDS.faultReport),
  escalationStreamId(DEMO_CASE_IDS.escalation),
  referralStreamId(DEMO_CASE_IDS.referral),
  offerStreamId(DEMO_CASE_IDS.contractRequest),
];

/** One case as the seed left it, for the printout. */
export interface SeededCase {
  readonly caseType: 'complaint' | 'fault_report' | 'escalation' | 'referral' | 'contract_request';
  readonly caseId: string;
  readonly streamId: string;
  /** The register entry (filing register, dispatcher log, incoming register, referral register); null for a contract request. */
  readonly registerEntry: string | null;
  readonly summary: string;
  /** Further entries and dates worth showing: takeover numbers, due dates, the legal hold. */
  readonly notes: readonly string[];
  /** Where the API shows it. */
  readonly path: string;
}

export interface DemoSeedResult {
  /** The Budapest day the dataset's dates count back from: the day of the first run. */
  readonly anchorDay: LocalDate;
  /** True when the first case was there already: this run only replayed stored answers (and finished an interrupted run). */
  readonly seededBefore: boolean;
  readonly commandsSent: number;
  /** Commands answered from an earlier run's stored result. */
  readonly commandsRepeated: number;
  /** Events appended to the demo cases' streams by this run. */
  readonly eventsAppended: number;
  readonly cases: readonly SeededCase[];
}

interface Clocked {
  /** The `n`-th working day before the anchor day (after it for a negative `n`); the anchor day itself for 0. */
  day(n: number): LocalDate;
  /** A business instant on `day(n)` at `hhmm` UTC (office hours in Budapest, summer and winter). */
  at(n: number, hhmm: string): string;
  /** `preferred`, or when that is after `due` the latest earlier working day on or before it, never before the day after the receipt on `day(receivedN)`. */
  onOrBefore(preferred: number, due: unknown, receivedN: number): number;
}

/**
 * Fills the store with a small, lawful demo dataset by sending the same commands on the
 * CommandBus the HTTP controllers send, as the demo users: every event goes through the
 * deciders, is hash-chained and encrypted and carries its actor; the projections build the
 * registers from them. Dates count back in working days from the day of the first run.
 */
@Injectable()
export class DemoSeeder {
  private sent = 0;
  private repeated = 0;

  constructor(
    private readonly commands: CommandBus,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
    @Inject(EXTERNAL_BODIES) private readonly bodies: ExternalBodyDirectory,
    private readonly replay: DemoReplayClock,
  ) {}

  /** Whether the dataset's first command ran already (in this database). */
  async seededBefore(): Promise<boolean> {
    return (await this.store.findCommand(commandIdOf(DEMO_USERS.clerk, 'meter-dispute/register'))) !== undefined;
  }

  async seed(): Promise<DemoSeedResult> {
    this.sent = 0;
    this.repeated = 0;
    const before = await this.eventsOnDemoStreams();
    const { anchorDay, seededBefore } = await this.anchor();
    const { calendar } = await this.calendars.current();
    const clocked = timeline(anchorDay, calendar);
    const cases = await this.replayed(async () => [
      await this.meterDispute(clocked),
      await this.billObjection(clocked),
      await this.openComplaint(clocked, calendar),
      await this.qualityComplaint(clocked),
      await this.faultReport(clocked),
      await this.escalation(clocked),
      await this.referral(clocked),
      await this.contractRequest(clocked),
    ]);
    const after = await this.eventsOnDemoStreams();
    return { anchorDay, seededBefore, commandsSent: this.sent, commandsRepeated: this.repeated, eventsAppended: after - before, cases };
  }

  /** The day of the first run, read back from the first case when it exists, so a rerun sends identical commands. */
  private async anchor(): Promise<{ anchorDay: LocalDate; seededBefore: boolean }> {
    if (!(await this.seededBefore())) return { anchorDay: localDateOf(this.clock.now()), seededBefore: false };
    const [first] = await this.store.readStream(complaintStreamId(DEMO_CASE_IDS.meterDispute), { maxCount: 1 });
    if (!first) throw new Error('The demo seed ran before, but its first case has no events');
    return { anchorDay: localDateOf(first.recordedAt), seededBefore: true };
  }

  private async eventsOnDemoStreams(): Promise<number> {
    const heads = await Promise.all(DEMO_CASE_STREAMS.map((id) => this.store.streamHead(id)));
    return heads.reduce((sum, head) => sum + head.version, 0);
  }

  /** Plays the dataset on its own demo days, then gives the real time back. */
  private async replayed<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } finally {
      this.replay.stop();
    }
  }

  private async sendOutcome(command: Command<CommandOutcome>): Promise<CommandOutcome> {
    this.replay.play((command as unknown as { envelope: CommandEnvelope<Message> }).envelope.command);
    return this.counted(await this.commands.execute(command));
  }

  private async offerStep(offerId: string, envelope: CommandEnvelope<OfferStep>): Promise<CommandOutcome> {
    this.replay.play(envelope.command);
    const { outcome } = await this.commands.execute(new RecordOfferStepCommand(offerId, envelope));
    return this.counted(outcome);
  }

  private counted(outcome: CommandOutcome): CommandOutcome {
    this.sent++;
    if (outcome.repeated) this.repeated++;
    return outcome;
  }

  private redress(county: string): Redress {
    const { consumerProtectionAuthority: authority, conciliationBoard: board } = this.bodies.redressFor(county);
    return {
      consumerProtectionAuthority: { name: authority.name, address: authority.address, phone: authority.phone, email: authority.email },
      conciliationBoard: { name: board.name, address: board.address, phone: board.phone, email: board.email },
    };
  }

  /** A complaint step by the given user, the way the complaints controller sends it. */
  private complaintStep(complaintId: string, name: string, actor: Actor, key: string, command: ComplaintStep, channel?: string) {
    return this.sendOutcome(new RecordComplaintStepCommand(complaintId, envelope(actor, `${name}/${key}`, command, { ...(channel ? { channel } : {}) })));
  }

  /** Registered by clerk-1, designated by the supervisor, taken over by clerk-1 (R-CPL-03, R-CPL-04). */
  private async registeredAndTakenOver(name: string, data: RegisterComplaintRequest['data']): Promise<CommandOutcome> {
    const { clerk, supervisor } = DEMO_USERS;
    const registered = await this.sendOutcome(
      new RegisterComplaintCommand(envelope(clerk, `${name}/register`, { type: 'RegisterComplaint', data }, { channel: data.channel, businessTime: data.receivedAt })),
    );
    await this.complaintStep(data.complaintId, name, supervisor, 'designation', { type: 'DesignateClerk', data: { clerkId: clerk.userId } });
    await this.complaintStep(data.complaintId, name, clerk, 'takeover', { type: 'TakeOverComplaint', data: {} });
    return registered;
  }

  /** R-MTR-01, R-MTR-02, R-LAW-07: a meter dispute by phone, the meter examined within limits, rejected naming the bodies. */
  private async meterDispute(t: Clocked): Promise<SeededCase> {
    const id = DEMO_CASE_IDS.meterDispute;
    const name = 'meter-dispute';
    const { clerk } = DEMO_USERS;
    const received = 24;
    const registered = await this.registeredAndTakenOver(name, {
      ...complaintDefaults,
      complaintId: id,
      receivedAt: t.at(received, '08:40'),
      channel: 'phone',
      kind: 'meter_dispute',
      complainant: complainantOf({ name: 'Tóth László', address: '1117 Budapest, Irinyi József utca 14. 3/8', phone: '+36 30 418 2277', customerNumber: 'U-204518' }, id),
      placeOfUseId: 'POU-BP-11702',
      description: 'The heat meter of the flat shows almost twice the consumption of last winter although nothing changed; the customer thinks the meter runs fast.',
      documents: ['heat-cost statement of the last heating season'],
      remedySought: 'Have the meter examined and the bill corrected',
      recordPlace: 'Telefonos ügyfélszolgálat, Budapest',
    });
    await this.complaintStep(id, name, clerk, 'meter-examination', { type: 'OrderMeterExamination', data: { meterId: 'HM-2019-44817', meterOwner: 'provider', requestedBy: 'customer' } });
    await this.complaintStep(id, name, clerk, 'meter-examination-result', {
      type: 'RecordMeterExaminationResult',
      data: { withinLimits: true, meterFit: true, deviationPercent: 1.2, laboratory: 'Accredited metrology laboratory, Budapest', costs: 21_500, chargeRequester: true },
    });
    await this.complaintStep(id, name, clerk, 'finding', { type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'The examination found a deviation of 1.2%, within the permitted limit; the meter is fit. The colder winter explains the higher consumption.' } });
    await this.complaintStep(
      id,
      name,
      clerk,
      'reply',
      {
        type: 'SendReply',
        data: {
          channel: 'letter',
          sentAt: t.at(t.onOrBefore(14, registered.result.replyDue, received), '10:15'),
          summary: 'Your objection is unjustified.',
          reasons: 'The accredited laboratory found the meter fit, with a deviation of 1.2%. The examination fee of 21 500 HUF is charged to you as the requester.',
          redress: this.redress('budapest'),
          recordCopyEnclosed: true,
        },
      },
      'letter',
    );
    await this.complaintStep(id, name, clerk, 'closing', { type: 'CloseComplaint', data: {} });
    const r = registered.result;
    return {
      caseType: 'complaint',
      caseId: id,
      streamId: complaintStreamId(id),
      registerEntry: str(r.registerEntry),
      summary: 'meter dispute by phone: meter examined (within limits), found unjustified, the rejection names the authority and the conciliation board, closed',
      notes: [`unique identifier ${str(r.uniqueIdentifier)}`],
      path: `/api/v1/complaints/${id}`,
    };
  }

  /** R-CPL-11, R-BIL-03: a bill objection by letter, found justified, the invoice corrected and a refund due in the next billing. */
  private async billObjection(t: Clocked): Promise<SeededCase> {
    const id = DEMO_CASE_IDS.billObjection;
    const name = 'bill-objection';
    const { clerk } = DEMO_USERS;
    const received = 15;
    const registered = await this.registeredAndTakenOver(name, {
      ...complaintDefaults,
      complaintId: id,
      receivedAt: t.at(received, '07:50'),
      channel: 'letter',
      kind: 'bill_objection',
      complainant: complainantOf({ name: 'Kovács Éva', address: '1111 Budapest, Bartók Béla út 23. II/5', email: 'kovacs.eva@example.hu', customerNumber: 'U-100231' }, id),
      placeOfUseId: 'POU-BP-04150',
      description: 'The latest heating bill charges the meter reading of the previous month a second time.',
      documents: ['heating bill', 'photo of the meter reading'],
      remedySought: 'Correct the bill and refund the overpayment',
    });
    await this.complaintStep(id, name, clerk, 'records-check', { type: 'RecordRecordsChecked', data: { records: 'billing history and meter readings of the last 12 months', findings: 'The reading of the previous month was entered twice when the bill was made.' } });
    await this.complaintStep(id, name, clerk, 'finding', { type: 'RecordFinding', data: { finding: 'justified', reasoning: 'The reading was entered twice; the customer was charged 18 450 HUF too much.' } });
    await this.complaintStep(id, name, clerk, 'correction', { type: 'RecordCorrection', data: { area: 'invoice', description: 'credit note for the doubly charged reading', amount: -18_450 } });
    await this.complaintStep(id, name, clerk, 'refund', { type: 'ScheduleRefund', data: { amount: 18_450 } });
    const sentAt = t.at(t.onOrBefore(8, registered.result.replyDue, received), '09:30');
    await this.complaintStep(
      id,
      name,
      clerk,
      'reply',
      { type: 'SendReply', data: { channel: 'letter', sentAt, summary: 'Your objection is justified.', reasons: 'The reading was entered twice; a credit note is issued and 18 450 HUF is credited in your next bill.', redress: null, recordCopyEnclosed: false } },
      'letter',
    );
    await this.complaintStep(id, name, clerk, 'closing', { type: 'CloseComplaint', data: {} });
    return {
      caseType: 'complaint',
      caseId: id,
      streamId: complaintStreamId(id),
      registerEntry: str(registered.result.registerEntry),
      summary: 'bill objection by letter: found justified, invoice corrected, answered, closed; the refund is due in the next billing',
      notes: ['refund of 18 450 HUF due in the next billing (deadline register)'],
      path: `/api/v1/complaints/${id}`,
    };
  }

  /** R-LAW-01, R-DL-02: a complaint through the web form still being handled, its written reply due within days. */
  private async openComplaint(t: Clocked, calendar: WorkingDayCalendar): Promise<SeededCase> {
    const id = DEMO_CASE_IDS.openComplaint;
    const name = 'handling-conduct';
    const { clerk } = DEMO_USERS;
    const received = this.receiptWithReplyDueSoon(t, calendar);
    const registered = await this.registeredAndTakenOver(name, {
      ...complaintDefaults,
      complaintId: id,
      receivedAt: t.at(received, '15:10'),
      channel: 'web_form',
      kind: 'handling_conduct',
      complainant: complainantOf({ name: 'Horváth Gábor', address: '1114 Budapest, Bocskai út 31. 1/3', email: 'horvath.gabor@example.hu', phone: '+36 20 377 9120', customerNumber: 'U-412096' }, id),
      placeOfUseId: 'POU-BP-30311',
      description: 'I waited 50 minutes at the Budapest office with a ticket and was sent away at closing time without being served.',
      documents: ['queue ticket'],
      remedySought: 'An explanation and an appointment',
    });
    await this.complaintStep(id, name, clerk, 'records-check', { type: 'RecordRecordsChecked', data: { records: 'queue-management log and staff roster of the day', findings: 'Two of the five desks were closed that afternoon; the statement of the office manager is requested.' } });
    const r = registered.result;
    return {
      caseType: 'complaint',
      caseId: id,
      streamId: complaintStreamId(id),
      registerEntry: str(r.registerEntry),
      summary: 'complaint about the office’s conduct through the web form: acknowledged by e-mail, taken over, records checked, still open',
      notes: [`written reply due ${str(r.replyDue)} (deadline register)`],
      path: `/api/v1/complaints/${id}`,
    };
  }

  /**
   * How many working days before the anchor the open complaint arrived, so that its reply
   * (the limit of the policy in force at receipt) falls due one to four days after the anchor.
   */
  private receiptWithReplyDueSoon(t: Clocked, calendar: WorkingDayCalendar): number {
    for (let n = 2; n <= 40; n++) {
      const receivedOn = t.day(n);
      const due = computeDeadline(receivedOn, this.catalog.inForceAt(receivedOn).complaint.replyLimit, calendar).due;
      const ahead = daysBetween(t.day(0), due);
      if (ahead <= 4) return ahead >= 1 ? n : n - 1;
    }
    return 8;
  }

  /** R-QLT-01: lukewarm hot water reported by e-mail; the investigation is agreed with the customer for a day ahead. */
  private async qualityComplaint(t: Clocked): Promise<SeededCase> {
    const id = DEMO_CASE_IDS.qualityComplaint;
    const name = 'quality-complaint';
    const registered = await this.registeredAndTakenOver(name, {
      ...complaintDefaults,
      complaintId: id,
      receivedAt: t.at(1, '06:55'),
      channel: 'email',
      kind: 'quality_complaint',
      complainant: complainantOf({ name: 'Szabó Katalin', address: '1119 Budapest, Fehérvári út 88. 7/42', email: 'szabo.katalin@example.hu', customerNumber: 'U-318804' }, id),
      placeOfUseId: 'POU-BP-21877',
      description: 'The hot water has been lukewarm for a week; it does not get hot even after running for minutes.',
      documents: [],
      remedySought: 'Repair and a reduced hot-water fee',
      qualityInvestigation: { mode: 'agreed_time', agreedAt: t.at(-2, '08:00') },
    });
    const r = registered.result;
    return {
      caseType: 'complaint',
      caseId: id,
      streamId: complaintStreamId(id),
      registerEntry: str(r.registerEntry),
      summary: 'quality complaint by e-mail: lukewarm hot water, taken over, the measurement at the tap agreed with the customer',
      notes: [`investigation on ${t.day(-2)}, written reply due ${str(r.replyDue)} (deadline register)`],
      path: `/api/v1/complaints/${id}`,
    };
  }

  /** R-DSP-01..03: an evening call about cold radiators: in the dispatcher log, a worksheet out with the crew for the next working day. */
  private async faultReport(t: Clocked): Promise<SeededCase> {
    const id = DEMO_CASE_IDS.faultReport;
    const name = 'fault-report';
    const { dispatcher } = DEMO_USERS;
    const repairOn = t.day(-1);
    const data: RegisterFaultReportRequest['data'] = {
      faultReportId: id,
      reportedAt: t.at(2, '17:45'),
      channel: 'phone',
      kind: 'provider_system_failure',
      reporter: { subjectId: `${id}/reporter`, name: 'Balogh Zsuzsanna', address: '1118 Budapest, Budaörsi út 40. fsz. 2', phone: '+36 30 555 1234', customerNumber: 'U-275530' },
      placeOfUseId: 'POU-BP-22904',
      description: 'The radiators of the flat stay cold; the neighbours have heating',
      reporterAtHome: 'weekdays after 7:30',
      expectedRepair: { date: repairOn, timeOfDay: '08:00-12:00', method: 'crew checks the riser valve in the stairwell' },
      priority: 'normal',
      maintenanceContract: false,
      otherInformation: 'gate code 2417',
    };
    const registered = await this.sendOutcome(new RegisterFaultReportCommand(envelope(dispatcher, `${name}/register`, { type: 'RegisterFaultReport', data }, { channel: 'phone', businessTime: data.reportedAt })));
    const worksheet = `MLAP-${repairOn.slice(0, 4)}-004127`;
    await this.sendOutcome(
      new RecordFaultReportStepCommand(id, envelope(dispatcher, `${name}/worksheet`, { type: 'IssueWorksheet', data: { worksheetNumber: worksheet, crew: 'crew 2 (Farkas, Molnár)', scope: 'repair', paidOrderReference: null } })),
    );
    return {
      caseType: 'fault_report',
      caseId: id,
      streamId: faultReportStreamId(id),
      registerEntry: str(registered.result.logEntry),
      summary: 'fault report by phone in the evening: cold radiators, worksheet issued to the crew for the next working day',
      notes: [`worksheet ${worksheet} due back ${repairOn} (deadline register of dispatch-central)`],
      path: `/api/v1/fault-reports/${id}`,
    };
  }

  /** R-ESC-01: the reporter complains to the regional directorate that the repair was put off; the escalation is being handled. */
  private async escalation(t: Clocked): Promise<SeededCase> {
    const id = DEMO_CASE_IDS.escalation;
    const name = 'escalation';
    const { regionalClerk, regionalDirector } = DEMO_USERS;
    const data: RegisterEscalationRequest['data'] = {
      escalationId: id,
      receivedAt: t.at(1, '08:30'),
      channel: 'email',
      complainant: complainantOf({ name: 'Balogh Zsuzsanna', address: '1118 Budapest, Budaörsi út 40. fsz. 2', email: 'balogh.zsuzsa@example.hu', customerNumber: 'U-275530' }, id),
      description: `The dispatcher service put the repair of my heating off to ${t.day(-1)}, although the flat has been cold for days and I have a small child.`,
      documents: [],
      remedySought: 'A crew at once and an explanation',
      record: { recordPlace: null, positionIfExamined: null, customerSignedRecord: null, recordCopyHandedOver: false },
      about: { caseType: 'fault_report', caseId: DEMO_CASE_IDS.faultReport },
    };
    const registered = await this.sendOutcome(new RegisterEscalationCommand(envelope(regionalClerk, `${name}/register`, { type: 'RegisterEscalation', data }, { channel: 'email', businessTime: data.receivedAt })));
    const step = (actor: Actor, key: string, command: EscalationStep) => this.sendOutcome(new RecordEscalationStepCommand(id, envelope(actor, `${name}/${key}`, command)));
    await step(regionalDirector, 'designation', { type: 'DesignateEscalationClerk', data: { clerkId: regionalClerk.userId } });
    const takenOver = await step(regionalClerk, 'takeover', { type: 'TakeOverEscalation', data: {} });
    await step(regionalClerk, 'statement-request', { type: 'RecordEscalationStep', data: { step: 'statement_requested_from_unit', description: 'asked the central dispatcher service why the repair was scheduled for a later day' } });
    const r = registered.result;
    return {
      caseType: 'escalation',
      caseId: id,
      streamId: escalationStreamId(id),
      registerEntry: str(r.registerEntry),
      summary: 'escalation of the fault report to the regional directorate secretariat: designated, taken over, the dispatcher service’s statement requested',
      notes: [`serial register ${str(takenOver.result.takeoverEntry)}`, `reply due ${str(r.replyDue)}`],
      path: `/api/v1/escalations/${id}`,
    };
  }

  /** R-ESC-02, R-RET-02, R-CPL-06: the rejected meter dispute goes to the consumer-protection authority; a legal hold, and its request to answer. */
  private async referral(t: Clocked): Promise<SeededCase> {
    const id = DEMO_CASE_IDS.referral;
    const name = 'referral';
    const { clerk } = DEMO_USERS;
    const reference = `BP/FVF/${t.day(7).slice(0, 4)}-04471`;
    const data: RecordReferralRequest['data'] = {
      referralId: id,
      about: { caseType: 'complaint', caseId: DEMO_CASE_IDS.meterDispute },
      bodyId: 'bfkh-fogyasztovedelem',
      initiatedBy: 'customer',
      referredOn: t.day(7),
      customerName: 'Tóth László',
      bodyCaseReference: `${reference}-2`,
      subject: 'The customer disputes the meter examination and the examination fee charged to him',
    };
    const recorded = await this.sendOutcome(new RecordReferralCommand(envelope(clerk, `${name}/record`, { type: 'RecordReferral', data })));
    const request = await this.sendOutcome(
      new RecordReferralStepCommand(
        id,
        envelope(clerk, `${name}/body-request`, { type: 'ReceiveBodyRequest', data: { receivedAt: t.at(3, '09:45'), bodyReference: `${reference}-3`, request: 'Send the meter examination report, the billing data of the place of use and your statement.' } }),
      ),
    );
    const r = recorded.result;
    return {
      caseType: 'referral',
      caseId: id,
      streamId: referralStreamId(id),
      registerEntry: str(r.registerEntry),
      summary: 'referral of the meter dispute to the Budapest consumer-protection authority: a legal hold on the complaint, the authority’s request to answer',
      notes: [`legal hold ${str(r.legalHold)}`, `decision expected by ${str(r.expectedDecisionBy)}`, `answer to the request due ${str(request.result.replyDue)}`],
      path: `/api/v1/referrals/${id}`,
    };
  }

  /** R-CON-04, R-CON-08: a written request for a contract, the draft handed over; the open offer lapses unless signed in 30 days. */
  private async contractRequest(t: Clocked): Promise<SeededCase> {
    const id = DEMO_CASE_IDS.contractRequest;
    const name = 'contract-request';
    const { clerk } = DEMO_USERS;
    const requester: ResidentialParty = {
      subjectId: `${id}/requester`,
      category: 'residential',
      name: 'Fekete Andrea',
      address: '1116 Budapest, Fehérvári út 120. 5/17',
      legalTitle: 'owner',
      email: 'fekete.andrea@example.hu',
      phone: '+36 70 219 6634',
      bankDetails: null,
      birthPlace: 'Kecskemét',
      birthDate: '1986-09-14',
      mothersName: 'Varga Ildikó',
    };
    const data: RequestContractRequest['data'] = {
      offerId: id,
      receivedAt: t.at(6, '12:30'),
      channel: 'letter',
      bookAppointment: false,
      requester,
      placeOfUse: { placeOfUseId: 'POU-BP-33180', address: '1116 Budapest, Fehérvári út 120. 5/17', purpose: 'flat' },
      basis: 'information_conditions_met',
      connectionApplicationId: null,
      documents: ['title deed', 'handover record of the flat'],
    };
    await this.sendOutcome(new RequestContractCommand(envelope(clerk, `${name}/request`, { type: 'RequestContract', data }, { channel: 'letter', businessTime: data.receivedAt })));
    const { year, month } = partsOf(addMonths(t.day(0), 1));
    const terms: ContractTerms = {
      kind: 'general',
      placeOfUseId: 'POU-BP-33180',
      tariff: 'A1 residential',
      paymentMethod: 'postal_cheque',
      contractedHeatKw: 9,
      supplyStartsOn: localDateFromParts(year, month, 1),
      term: { kind: 'indefinite', agreedOtherwise: false },
      customerNoticeDays: null,
    };
    // Handing the draft over shows the request was complete: no separate completeness check (R-CON-05).
    const offered = await this.offerStep(id, envelope(clerk, `${name}/offer`, { type: 'HandOverOffer', data: { handedOverAt: t.at(2, '10:00'), channel: 'letter', terms } }, { channel: 'letter' }));
    const draft = (offered.result.draft ?? {}) as { signedReturnDue?: string; lapsesOn?: string };
    return {
      caseType: 'contract_request',
      caseId: id,
      streamId: offerStreamId(id),
      registerEntry: null,
      summary: 'written request for a general contract for a flat: the draft handed over by letter, waiting for the signed copy',
      notes: [`signed copy due ${draft.signedReturnDue ?? '-'}, the offer lapses on ${draft.lapsesOn ?? '-'} (open offers in the deadline register)`],
      path: `/api/v1/contract-requests/${id}`,
    };
  }
}

/** The fields of a registration the demo complaints leave at their defaults, as the HTTP edge does. */
const complaintDefaults = {
  anonymous: false,
  requestedMatters: [],
  bookAppointment: false,
  appointmentRequestedAt: null,
  callRecordingId: null,
  settledOnTheSpot: null,
  positionIfExamined: null,
  recordPlace: null,
  customerSignedRecord: null,
  recordCopyHandedOver: false,
  qualityInvestigation: null,
} as const;

function commandIdOf(actor: Actor, key: string): string {
  return `${actor.userId}:${DATASET}/${key}`;
}

/** The envelope a controller would build for this user, with a command id fixed by the dataset. */
function envelope<TCommand extends Message>(actor: Actor, key: string, command: TCommand, options: { channel?: string; businessTime?: string } = {}): CommandEnvelope<TCommand> {
  return {
    command,
    commandId: commandIdOf(actor, key),
    actor,
    channel: options.channel ?? 'internal_api',
    correlationId: `${DATASET}/${key.split('/')[0]}`,
    ...(options.businessTime ? { businessTime: new Date(options.businessTime) } : {}),
  };
}

/** Working days counted from the anchor day (back for n > 0, ahead for n < 0); times in UTC, inside Budapest office hours all year. */
function timeline(anchorDay: LocalDate, calendar: WorkingDayCalendar): Clocked {
  const days = new Map<number, LocalDate>([[0, anchorDay]]);
  const day = (n: number): LocalDate => {
    let found = days.get(n);
    if (found) return found;
    const step = n > 0 ? -1 : 1;
    found = day(n + step);
    do found = addDays(found, step);
    while (!calendar.isWorkingDay(found));
    days.set(n, found);
    return found;
  };
  const onOrBefore = (preferred: number, due: unknown, receivedN: number): number => {
    let n = preferred;
    while (typeof due === 'string' && day(n) > due && n < receivedN - 1) n++;
    return n;
  };
  return { day, at: (n, hhmm) => `${day(n)}T${hhmm}:00.000Z`, onOrBefore };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '-');
