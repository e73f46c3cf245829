import { localDateOf, parseLocalDate, yearOf, type LocalDate } from '../calendar/local-date.js';
import { caseLinkOf } from '../escalation/case-facts.js';
import { noteEscalation } from '../escalation/case-escalated.js';
import { noteReferral } from '../referral/case-referral.js';
import { cancelDuties, discharge, dutyOpened, parseInstant, requireText, reservedEntry, retainUntil, today, type CaseDecisionContext } from '../shared/case-support.js';
import { CHANNELS_ACCEPTED, type OrganisationUnit } from '../organisation/organisation.js';
import { requireNotBefore } from '../shared/business-time.js';
import { assertNever } from '../shared/decider.js';
import { scopedSubjectId } from '../shared/event-schema.js';
import { ForbiddenError, InvalidInputError, InvalidStateError, NotFoundError, RuleViolation } from '../shared/domain-error.js';
import type { FaultReportCommand } from './fault-report.commands.js';
import type { FaultReportEvent, FaultReportRegisteredData } from './fault-report.events.js';
import type { FaultReportCase, FaultReportState } from './fault-report.state.js';
import { outstandingWorksheet } from './fault-report.state.js';
import { FAULT_KINDS, type ExpectedRepair, type FaultKind, type Reporter } from './fault-report.types.js';

export type FaultReportContext = CaseDecisionContext;
type OpenReport = FaultReportCase & { readonly status: 'open' };
type Cmd<T extends FaultReportCommand['type']> = Extract<FaultReportCommand, { type: T }>;

/** Deterministic duty ids: the first worksheet to issue, and the return of each worksheet. */
export const FAULT_DUTY_ID = {
  worksheetIssue: 'worksheet-issue',
  worksheetReturn: (worksheetNumber: string) => `worksheet-return-${worksheetNumber}`,
} as const;

function requireOpen(state: FaultReportState): OpenReport {
  if (state.status === 'none') throw new NotFoundError('FAULT.NOT_FOUND', 'No such fault report');
  if (state.status === 'closed') {
    throw new InvalidStateError('FAULT.ALREADY_CLOSED', `Fault report ${state.logEntry.entry} is closed`, { details: { closedOn: state.closed?.closedOn } });
  }
  return state;
}

/** R-DSP-03: the dispatchers of the unit (and its supervisor) work the dispatcher log. */
function requireDispatcher(open: OpenReport, context: FaultReportContext): void {
  const { role, unit } = context.actor;
  if ((role !== 'dispatcher' && role !== 'supervisor') || unit !== open.dispatcherUnit) {
    throw new ForbiddenError('FAULT.NOT_A_DISPATCHER', `Only a dispatcher of ${open.dispatcherUnit} handles this fault report`, { rule: 'R-DSP-03', details: { dispatcherUnit: open.dispatcherUnit } });
  }
}

function requireDispatcherService(unit: OrganisationUnit): void {
  if (unit.kind !== 'dispatcher_service') {
    throw new RuleViolation('FAULT.NOT_A_DISPATCHER_SERVICE', 'R-DSP-01', `${unit.name} does not keep a dispatcher log`, { unit: unit.id });
  }
}

/** R-DSP-02: every field of the log entry is filled in completely. */
function requireField(value: string | null | undefined, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuleViolation('FAULT.FIELD_MISSING', 'R-DSP-02', `The dispatcher log entry needs ${field}`, { field });
  }
  return value;
}

function checkReporter(reporter: Reporter): void {
  requireField(reporter.subjectId, 'reporter.subjectId');
  requireField(reporter.name, 'reporter.name');
  requireField(reporter.address, 'reporter.address');
}

function checkKind(kind: FaultKind): void {
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new RuleViolation('FAULT.KIND_NOT_ACCEPTED', 'R-DSP-01', `The dispatcher service takes ${FAULT_KINDS.join(', ')}; not ${String(kind)}`, { field: 'kind' });
  }
}

function expectedRepairOf(input: { readonly date: string; readonly timeOfDay: string | null; readonly method: string }, notBefore: LocalDate, field: string): ExpectedRepair {
  const date = parseLocalDate(input.date, `${field}.date`);
  if (date < notBefore) throw new InvalidInputError('FAULT.REPAIR_BEFORE_REPORT', 'The expected repair cannot come before the report', { field: `${field}.date` });
  return { date, timeOfDay: input.timeOfDay, method: requireField(input.method, `${field}.method`) };
}

/** R-DSP-04: the provider repairs a customer system only under a flat-fee maintenance contract or on a separate paid order. */
export function paidOrderNeededForRepair(kind: FaultKind, maintenanceContract: boolean): boolean {
  return kind === 'customer_system_failure' && !maintenanceContract;
}

function registered(data: Omit<FaultReportRegisteredData, 'worksheetNumber' | 'paidOrderNeededForRepair' | 'logEntry' | 'policyVersion' | 'takenBy'>, unit: OrganisationUnit, context: FaultReportContext): FaultReportEvent[] {
  const logEntry = reservedEntry('dispatcher_log', unit, yearOf(parseLocalDate(data.reportedOn)), context);
  return [
    {
      type: 'FaultReportRegistered',
      data: {
        ...data,
        logEntry,
        takenBy: context.actor.userId,
        worksheetNumber: null,
        paidOrderNeededForRepair: paidOrderNeededForRepair(data.kind, data.maintenanceContract),
        policyVersion: context.policy.version.id,
      },
    },
    dutyOpened(
      FAULT_DUTY_ID.worksheetIssue,
      'worksheet_issue',
      data.expectedRepair.date,
      data.origin === 'site_inspection_request' ? 'R-CPL-10' : 'R-DSP-03',
      data.origin === 'site_inspection_request' ? 'Send a crew for the site inspection on the agreed date' : 'Issue a worksheet to the repair crew',
    ),
  ];
}

function register(command: Cmd<'RegisterFaultReport'>, state: FaultReportState, context: FaultReportContext): FaultReportEvent[] {
  if (state.status !== 'none') throw new InvalidStateError('FAULT.ALREADY_REGISTERED', 'The fault report is already registered');
  const data = command.data;
  const unit = data.dispatcherUnit;
  requireDispatcherService(unit);
  // R-DSP-01: 0-24 h, so no business-hours check; only a dispatcher of the service takes reports.
  if (context.actor.role !== 'dispatcher' || context.actor.unit !== unit.id) {
    throw new ForbiddenError('FAULT.NOT_A_DISPATCHER', 'A fault report is taken by a dispatcher of the dispatcher service', { rule: 'R-DSP-01' });
  }
  if (!CHANNELS_ACCEPTED[unit.kind].includes(data.channel)) {
    throw new RuleViolation('FAULT.CHANNEL_NOT_ACCEPTED', 'R-DSP-01', `The dispatcher service takes reports in person or by phone, not by ${data.channel}`, { field: 'channel', accepted: CHANNELS_ACCEPTED[unit.kind] });
  }
  checkKind(data.kind);
  const reportedAt = parseInstant(data.reportedAt, 'reportedAt', context, 'FAULT', { notInFuture: true });
  const reportedOn = localDateOf(reportedAt);
  checkReporter(data.reporter);
  requireField(data.description, 'description');
  requireField(data.reporterAtHome, 'reporterAtHome');
  if (typeof data.maintenanceContract !== 'boolean') throw new RuleViolation('FAULT.FIELD_MISSING', 'R-DSP-02', 'Record whether a maintenance contract exists (yes/no)', { field: 'maintenanceContract' });
  const expectedRepair = expectedRepairOf(data.expectedRepair, reportedOn, 'expectedRepair');
  return registered(
    {
      faultReportId: data.faultReportId,
      origin: 'customer_report',
      reportedAt: reportedAt.toISOString(),
      reportedOn,
      channel: data.channel as 'in_person' | 'phone',
      reporter: data.reporter,
      placeOfUseId: data.placeOfUseId,
      description: data.description,
      reporterAtHome: data.reporterAtHome,
      dispatcherUnit: unit.id,
      expectedRepair,
      kind: data.kind,
      maintenanceContract: data.maintenanceContract,
      otherInformation: data.otherInformation,
      priority: data.priority,
      linkedComplaint: null,
    },
    unit,
    context,
  );
}

/** R-CPL-10: a complaint's site inspection, requested via the dispatcher with the agreed date. */
function openSiteInspectionRequest(command: Cmd<'OpenSiteInspectionRequest'>, state: FaultReportState, context: FaultReportContext): FaultReportEvent[] {
  if (state.status !== 'none') throw new InvalidStateError('FAULT.ALREADY_REGISTERED', 'The fault report is already registered');
  const data = command.data;
  const unit = data.dispatcherUnit;
  requireDispatcherService(unit);
  const complaint = data.linkedComplaint;
  if (!complaint.exists) throw new NotFoundError('FAULT.LINKED_COMPLAINT_NOT_FOUND', `The complaint ${complaint.streamId} does not exist`, { streamId: complaint.streamId, rule: 'R-CPL-10' });
  if (complaint.caseType !== 'complaint' || complaint.unit.kind !== 'customer_service_office') {
    throw new InvalidInputError('FAULT.NOT_A_COMPLAINT', 'A site-inspection request is opened for a complaint of a customer service office', { field: 'linkedComplaint', rule: 'R-CPL-10' });
  }
  if (complaint.status !== 'open') throw new InvalidStateError('FAULT.LINKED_COMPLAINT_CLOSED', `The complaint ${complaint.registerEntry} is closed`, { rule: 'R-CPL-10' });
  const { role, unit: actorUnit } = context.actor;
  const clerkOfComplaint = (role === 'clerk' || role === 'supervisor') && actorUnit === complaint.unit.id;
  const dispatcher = role === 'dispatcher' && actorUnit === unit.id;
  if (!clerkOfComplaint && !dispatcher) {
    throw new ForbiddenError('FAULT.NOT_COMPLAINT_UNIT', `A site inspection for ${complaint.registerEntry} is requested by its customer service office`, { rule: 'R-CPL-10' });
  }
  checkKind(data.kind);
  checkReporter(data.reporter);
  requireField(data.description, 'description');
  const on = today(context);
  const agreedDate = parseLocalDate(data.agreedDate, 'agreedDate');
  if (agreedDate < on) throw new InvalidInputError('FAULT.DATE_IN_PAST', 'The agreed inspection date has passed', { field: 'agreedDate', rule: 'R-CPL-10' });
  return registered(
    {
      faultReportId: data.faultReportId,
      origin: 'site_inspection_request',
      reportedAt: context.now.toISOString(),
      reportedOn: on,
      channel: null,
      reporter: data.reporter,
      placeOfUseId: data.placeOfUseId,
      description: data.description,
      reporterAtHome: `${agreedDate}${data.timeOfDay ? ` ${data.timeOfDay}` : ''} (agreed with the complainant)`,
      dispatcherUnit: unit.id,
      expectedRepair: { date: agreedDate, timeOfDay: data.timeOfDay, method: 'site inspection' },
      kind: data.kind,
      maintenanceContract: data.maintenanceContract,
      otherInformation: data.otherInformation,
      priority: 'scheduled',
      linkedComplaint: { ...caseLinkOf(complaint), agreedDate },
    },
    unit,
    context,
  );
}

function reprioritise(command: Cmd<'ReprioritiseFaultReport'>, state: FaultReportState, context: FaultReportContext): FaultReportEvent[] {
  const open = requireOpen(state);
  requireDispatcher(open, context);
  requireText(command.data.reason, 'reason', 'FAULT.REASON_MISSING');
  const expectedRepair = command.data.expectedRepair ? expectedRepairOf(command.data.expectedRepair, today(context), 'expectedRepair') : null;
  if (command.data.priority === open.priority && !expectedRepair) throw new InvalidInputError('FAULT.NOTHING_CHANGED', 'Neither the priority nor the expected repair changes', { field: 'priority' });
  const events: FaultReportEvent[] = [{ type: 'FaultReportReprioritised', data: { previousPriority: open.priority, priority: command.data.priority, reason: command.data.reason, expectedRepair, by: context.actor.userId } }];
  if (expectedRepair && expectedRepair.date !== open.expectedRepair.date) {
    // The open worksheet duties follow the new expected repair date, keeping their history (R-DL-03).
    for (const duty of Object.values(open.duties)) {
      if (duty.kind === 'worksheet_issue' || duty.kind === 'worksheet_return') {
        events.push({ type: 'DutyRescheduled', data: { dutyId: duty.dutyId, previousDueDate: duty.dueDate, dueDate: expectedRepair.date, reason: command.data.reason, rule: 'R-DSP-03' } });
      }
    }
  }
  return events;
}

function repairWithoutPaidOrder(open: OpenReport, field: string): RuleViolation {
  return new RuleViolation(
    'FAULT.REPAIR_WITHOUT_PAID_ORDER',
    'R-DSP-04',
    'A customer system without a flat-fee maintenance contract gets only damage prevention; its repair needs a separate paid order',
    { field, kind: open.kind, maintenanceContract: open.maintenanceContract },
  );
}

function issueWorksheet(command: Cmd<'IssueWorksheet'>, state: FaultReportState, context: FaultReportContext): FaultReportEvent[] {
  const open = requireOpen(state);
  requireDispatcher(open, context);
  const data = command.data;
  const worksheetNumber = requireText(data.worksheetNumber, 'worksheetNumber', 'FAULT.WORKSHEET_NUMBER_MISSING').trim();
  requireText(data.crew, 'crew', 'FAULT.CREW_MISSING');
  if (open.worksheets[worksheetNumber]) throw new InvalidStateError('FAULT.WORKSHEET_NUMBER_USED', `Worksheet ${worksheetNumber} is already on this report`, { details: { field: 'worksheetNumber' } });
  const out = outstandingWorksheet(open);
  if (out) throw new InvalidStateError('FAULT.WORKSHEET_OUT', `Worksheet ${out.worksheetNumber} has not come back yet`, { rule: 'R-DSP-03' });
  const paidOrderReference = data.paidOrderReference?.trim() || null;
  if (data.scope === 'repair' && open.paidOrderNeededForRepair && !paidOrderReference) throw repairWithoutPaidOrder(open, 'paidOrderReference');
  const on = today(context);
  const returnDue = open.expectedRepair.date > on ? open.expectedRepair.date : on;
  return [
    { type: 'WorksheetIssued', data: { worksheetNumber, crew: data.crew, scope: data.scope, paidOrderReference, issuedAt: context.now.toISOString(), issuedBy: context.actor.userId, returnDue } },
    ...discharge(open.duties, FAULT_DUTY_ID.worksheetIssue, on),
    dutyOpened(FAULT_DUTY_ID.worksheetReturn(worksheetNumber), 'worksheet_return', returnDue, 'R-DSP-03', `Record the repair when worksheet ${worksheetNumber} comes back from ${data.crew}`),
  ];
}

function recordRepair(command: Cmd<'RecordRepair'>, state: FaultReportState, context: FaultReportContext): FaultReportEvent[] {
  const open = requireOpen(state);
  requireDispatcher(open, context);
  const data = command.data;
  const worksheet = open.worksheets[data.worksheetNumber];
  if (!worksheet) throw new NotFoundError('FAULT.NO_SUCH_WORKSHEET', `No worksheet ${data.worksheetNumber} was issued on this report`, { worksheetNumber: data.worksheetNumber });
  if (worksheet.returned) throw new InvalidStateError('FAULT.WORKSHEET_ALREADY_RETURNED', `Worksheet ${data.worksheetNumber} has already come back`);
  requireText(data.workDone, 'workDone', 'FAULT.WORK_DONE_MISSING');
  const paidOrderReference = worksheet.paidOrderReference ?? (data.paidOrderReference?.trim() || null);
  if (data.outcome === 'repaired' && open.paidOrderNeededForRepair && !paidOrderReference) throw repairWithoutPaidOrder(open, 'paidOrderReference');
  const returnedAt = parseInstant(data.returnedAt, 'returnedAt', context, 'FAULT', { notInFuture: true });
  // R-DSP-03: the worksheet comes back after the report was made and after it went out.
  requireNotBefore(returnedAt.toISOString(), 'returnedAt', [{ fact: 'FaultReportRegistered.reportedAt', at: open.reportedAt }, { fact: 'WorksheetIssued.issuedAt', at: worksheet.issuedAt }], 'FAULT');
  return [
    {
      type: 'RepairRecorded',
      data: { worksheetNumber: worksheet.worksheetNumber, returnedAt: returnedAt.toISOString(), outcome: data.outcome, workDone: data.workDone, paidOrderReference, paid: paidOrderReference !== null, recordedBy: context.actor.userId },
    },
    ...discharge(open.duties, FAULT_DUTY_ID.worksheetReturn(worksheet.worksheetNumber), localDateOf(returnedAt)),
  ];
}

function forwardToAccounting(command: Cmd<'ForwardWorksheetToAccounting'>, state: FaultReportState, context: FaultReportContext): FaultReportEvent[] {
  const open = requireOpen(state);
  requireDispatcher(open, context);
  const worksheet = open.worksheets[command.data.worksheetNumber];
  if (!worksheet) throw new NotFoundError('FAULT.NO_SUCH_WORKSHEET', `No worksheet ${command.data.worksheetNumber} was issued on this report`, { worksheetNumber: command.data.worksheetNumber });
  if (!worksheet.returned) throw new InvalidStateError('FAULT.WORKSHEET_NOT_RETURNED', 'The worksheet goes to accounting after it comes back and the repair is recorded', { rule: 'R-DSP-03' });
  if (!worksheet.paid || !worksheet.paidOrderReference) throw new RuleViolation('FAULT.NOT_A_PAID_REPAIR', 'R-DSP-03', 'Only the worksheet of a repair done on a paid order goes to accounting', { field: 'worksheetNumber' });
  if (worksheet.forwardedToAccounting) throw new InvalidStateError('FAULT.ALREADY_FORWARDED', 'The worksheet is already with accounting');
  // R-LAW-09: the paid worksheet is an accounting document: the billed customer goes under its own key, kept 8 years.
  const billedCustomer = { subjectId: scopedSubjectId(open.reporterSubjectId, 'accounting_document'), ...open.reporter };
  return [{ type: 'WorksheetForwardedToAccounting', data: { worksheetNumber: worksheet.worksheetNumber, paidOrderReference: worksheet.paidOrderReference, forwardedAt: context.now.toISOString(), forwardedBy: context.actor.userId, billedCustomer } }];
}

function closing(open: OpenReport, context: FaultReportContext, outcome: NonNullable<FaultReportCase['closed']>['outcome'], reason: string | null): FaultReportEvent {
  const closedOn = today(context);
  const paid = Object.values(open.worksheets).some((w) => w.paid);
  const retain = retainUntil(closedOn, paid ? ['complaint_record', 'case_document', 'accounting_document'] : ['complaint_record', 'case_document'], context.policy);
  return { type: 'FaultReportClosed', data: { outcome, closedOn, reason, retainUntil: retain } };
}

/** R-DSP-03: no worksheet is out with a crew, and every paid repair's worksheet is with accounting. */
function requireWorksheetsSettled(open: OpenReport): void {
  const out = outstandingWorksheet(open);
  if (out) throw new InvalidStateError('FAULT.WORKSHEET_OUT', `Worksheet ${out.worksheetNumber} has not come back yet`, { rule: 'R-DSP-03' });
  const notForwarded = Object.values(open.worksheets).filter((w) => w.paid && !w.forwardedToAccounting);
  if (notForwarded.length > 0) {
    throw new RuleViolation('FAULT.ACCOUNTING_OUTSTANDING', 'R-DSP-03', 'The worksheet of a paid repair goes to accounting before the report is closed', { worksheets: notForwarded.map((w) => w.worksheetNumber) });
  }
}

function close(state: FaultReportState, context: FaultReportContext): FaultReportEvent[] {
  const open = requireOpen(state);
  requireDispatcher(open, context);
  requireWorksheetsSettled(open);
  if (!open.lastOutcome) throw new RuleViolation('FAULT.NO_REPAIR_RECORDED', 'R-DSP-03', 'A fault report is closed after the repair is recorded from the returned worksheet');
  return [closing(open, context, open.lastOutcome, null), ...cancelDuties(open.duties, 'fault report closed', null)];
}

/** The fault report decider's command handling; `evolve` is in fault-report.state.ts. */
export function decideFaultReport(command: FaultReportCommand, state: FaultReportState, context: FaultReportContext): FaultReportEvent[] {
  switch (command.type) {
    case 'RegisterFaultReport':
      return register(command, state, context);
    case 'OpenSiteInspectionRequest':
      return openSiteInspectionRequest(command, state, context);
    case 'ReprioritiseFaultReport':
      return reprioritise(command, state, context);
    case 'IssueWorksheet':
      return issueWorksheet(command, state, context);
    case 'RecordRepair':
      return recordRepair(command, state, context);
    case 'ForwardWorksheetToAccounting':
      return forwardToAccounting(command, state, context);
    case 'WithdrawFaultReport': {
      const open = requireOpen(state);
      requireDispatcher(open, context);
      requireText(command.data.reason, 'reason', 'FAULT.REASON_MISSING');
      requireWorksheetsSettled(open);
      return [{ type: 'FaultReportWithdrawn', data: { reason: command.data.reason } }, closing(open, context, 'withdrawn', command.data.reason), ...cancelDuties(open.duties, 'fault report withdrawn', null)];
    }
    case 'CloseFaultReport':
      return close(state, context);
    case 'RecordCaseEscalated':
      return noteEscalation(state.status === 'none' ? null : state.escalations, command.data);
    case 'RecordCaseReferral':
      return noteReferral(state.status === 'none' ? null : state.referrals, command.data);
    default:
      return assertNever(command, 'fault report command');
  }
}
