import type { RegisterComplaintData } from '../../src/domain/complaint/complaint.commands.js';
import type { ComplaintCommand } from '../../src/domain/complaint/complaint.commands.js';
import { decideComplaint, type ComplaintContext } from '../../src/domain/complaint/complaint.decide.js';
import type { ComplaintEvent } from '../../src/domain/complaint/complaint.events.js';
import { evolveComplaint, initialComplaintState, type ComplaintState } from '../../src/domain/complaint/complaint.state.js';
import { hungarianWorkingDayCalendar } from '../../src/domain/calendar/working-day-calendar.js';
import { DEFAULT_ORGANISATION_UNITS } from '../../src/domain/organisation/default-organisation.data.js';
import { registerStreamId } from '../../src/domain/organisation/organisation.js';
import { defaultPolicyCatalog } from '../../src/domain/policy/policy-catalog.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { DomainError } from '../../src/domain/shared/domain-error.js';

export const CSO_BUDAPEST = DEFAULT_ORGANISATION_UNITS.find((u) => u.id === 'cso-budapest')!;
export const receptionist: Actor = { userId: 'clerk-reception', role: 'clerk', unit: 'cso-budapest' };
export const supervisor: Actor = { userId: 'group-leader', role: 'supervisor', unit: 'cso-budapest' };
export const handler: Actor = { userId: 'clerk-kiss', role: 'clerk', unit: 'cso-budapest' };

export function registration(overrides: Partial<RegisterComplaintData> = {}): Extract<ComplaintCommand, { type: 'RegisterComplaint' }> {
  return {
    type: 'RegisterComplaint',
    data: {
      complaintId: 'c-1',
      receivedAt: '2026-03-02T08:30:00.000Z',
      channel: 'letter',
      kind: 'bill_objection',
      complainant: { subjectId: 'subject-1', name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', email: 'eva@example.hu', phone: null, customerNumber: 'U-1001', representative: null },
      anonymous: false,
      placeOfUseId: 'POU-77',
      description: 'The January bill charges twice the usual heating.',
      documents: ['January invoice'],
      remedySought: 'Correct the bill',
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
      receivingUnit: CSO_BUDAPEST,
      ...overrides,
    },
  };
}

/** Runs commands through the complaint decider the way the pipeline does, keeping the history. */
export class ComplaintScenario {
  readonly events: ComplaintEvent[] = [];
  now = new Date('2026-03-02T09:00:00.000Z');
  policyId = 'hu-2026';
  private ids = 0;
  private number = 7;

  static at(now: string, policyId = 'hu-2026'): ComplaintScenario {
    const scenario = new ComplaintScenario();
    scenario.now = new Date(now);
    scenario.policyId = policyId;
    return scenario;
  }

  state(): ComplaintState {
    return this.events.reduce(evolveComplaint, initialComplaintState);
  }

  context(actor: Actor): ComplaintContext {
    const year = this.now.getUTCFullYear();
    return {
      now: this.now,
      newId: () => `id-${++this.ids}`,
      policy: { version: defaultPolicyCatalog.byId(this.policyId), calendar: hungarianWorkingDayCalendar },
      actor,
      sequences: new Map([
        [registerStreamId('filing_register', 'cso-budapest', year), this.number],
        [registerStreamId('filing_register', 'cso-budapest', year - 1), this.number],
      ]),
    };
  }

  /** `when`: decides, appends what was decided, and returns it. */
  run(command: ComplaintCommand, actor: Actor = handler): ComplaintEvent[] {
    const decided = decideComplaint(command, this.state(), this.context(actor));
    this.events.push(...decided);
    return decided;
  }

  /** Expects a refusal; nothing is added to the history. */
  refuse(command: ComplaintCommand, actor: Actor = handler): DomainError {
    const before = this.events.length;
    try {
      decideComplaint(command, this.state(), this.context(actor));
    } catch (error) {
      expect(this.events.length).toBe(before);
      return error as DomainError;
    }
    throw new Error(`Expected ${command.type} to be refused`);
  }

  advanceDays(days: number): this {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
    return this;
  }

  /** Registered, designated by the supervisor and taken over by the handling clerk. */
  registeredAndTakenOver(overrides: Partial<RegisterComplaintData> = {}): this {
    this.run(registration(overrides), receptionist);
    this.run({ type: 'DesignateClerk', data: { clerkId: handler.userId } }, supervisor);
    this.run({ type: 'TakeOverComplaint', data: {} }, handler);
    return this;
  }

  investigated(): this {
    this.run({ type: 'RecordRecordsChecked', data: { records: 'billing history 2025-2026', findings: 'January reading entered twice' } });
    return this;
  }

  of<T extends ComplaintEvent['type']>(type: T): Extract<ComplaintEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<ComplaintEvent, { type: T }> => e.type === type);
  }
}

export const redress = {
  consumerProtectionAuthority: { name: 'Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály', address: '1051 Budapest, Sas u. 19.', phone: '+36 1 450 2598', email: 'fogyasztovedelem@bfkh.gov.hu' },
  conciliationBoard: { name: 'Budapesti Békéltető Testület', address: '1016 Budapest, Krisztina krt. 99.', phone: '+36 1 488 2131', email: 'bekelteto.testulet@bkik.hu' },
};
