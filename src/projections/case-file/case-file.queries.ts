import type { DocumentReadStore } from '../../application/ports/read-model.port.js';
import type { CaseFilePart } from '../../domain/consent/consent.types.js';
import type { CaseType } from '../../domain/escalation/case-facts.js';
import type { CaseStepView } from '../case-views/case-view.js';
import { COMPLAINT_DETAILS, type ComplaintDetails } from '../complaint-details/complaint-details.projection.js';
import { DISPATCHER_LOG, type DispatcherLogEntry } from '../dispatcher-log/dispatcher-log.projection.js';
import { ESCALATION_DETAILS, type EscalationDetails } from '../escalation-details/escalation-details.projection.js';
import { FAULT_REPORT_DETAILS, type FaultReportDetails } from '../fault-report-details/fault-report-details.projection.js';

/** The parts of an individual case file as a consumer representative may see them under the customer's consent (R-ESC-03). */
export interface CaseFile {
  readonly caseType: CaseType;
  readonly caseId: string;
  readonly registerEntry: string;
  readonly status: string;
  readonly parts: Partial<Record<CaseFilePart, unknown>>;
}

const COMPLAINT_CORRESPONDENCE = new Set(['ComplaintRecordDrawnUp', 'ComplaintAcknowledged', 'DocumentsRequested', 'ReplyDeadlineExtended', 'ReplySent', 'WrittenReplyDutyLapsed', 'InformationDisclosed', 'PhoneInformationConfirmed']);
const COMPLAINT_BILLING = new Set(['MeterExaminationOrdered', 'MeterExaminationResultRecorded', 'ConsumptionEstimated', 'HotWaterMeasured', 'QualityCostsAllocated', 'CorrectionRecorded', 'RefundScheduled', 'RefundCredited', 'InstalmentPlanAgreed']);

const only = (steps: readonly CaseStepView[], types: ReadonlySet<string>) => steps.filter((s) => types.has(s.type));
const except = (steps: readonly CaseStepView[], ...sets: ReadonlySet<string>[]) => steps.filter((s) => !sets.some((types) => types.has(s.type)));

function pick(parts: readonly CaseFilePart[], all: Record<CaseFilePart, () => unknown>): Partial<Record<CaseFilePart, unknown>> {
  return Object.fromEntries([...new Set(parts)].map((part) => [part, all[part]()]));
}

async function complaintFile(store: DocumentReadStore, caseId: string, parts: readonly CaseFilePart[]): Promise<CaseFile | undefined> {
  const doc = await store.get<ComplaintDetails>(COMPLAINT_DETAILS, caseId);
  if (!doc) return undefined;
  const r = doc.registration;
  // The worksheets of the complaint's site inspections are in the dispatcher log (R-CPL-10).
  const requests = parts.includes('worksheets') ? (await store.find<DispatcherLogEntry>(DISPATCHER_LOG, { where: { 'linkedComplaint.complaintId': caseId }, limit: 100 })).items : [];
  return {
    caseType: 'complaint',
    caseId,
    registerEntry: r.registerEntry.entry,
    status: doc.status,
    parts: pick(parts, {
      case_record: () => ({
        receivedOn: r.receivedOn, channel: r.channel, kind: r.kind, complainant: r.complainant, placeOfUseId: r.placeOfUseId, description: r.description, remedySought: r.remedySought,
        designatedClerk: doc.designatedClerk, handlingClerk: doc.handlingClerk, finding: doc.finding, closed: doc.closed, steps: except(doc.steps, COMPLAINT_CORRESPONDENCE, COMPLAINT_BILLING),
      }),
      correspondence: () => ({ reply: doc.reply, items: only(doc.steps, COMPLAINT_CORRESPONDENCE) }),
      attached_documents: () => ({ submitted: r.documents, received: doc.steps.filter((s) => s.type === 'DocumentsReceived').flatMap((s) => (s.data.documents as string[] | undefined) ?? []) }),
      worksheets: () => requests.map((e) => ({ logEntry: e.entry, agreedDate: e.linkedComplaint?.agreedDate ?? null, worksheets: e.worksheets })),
      billing_data: () => ({ items: only(doc.steps, COMPLAINT_BILLING) }),
    }),
  };
}

async function faultReportFile(store: DocumentReadStore, caseId: string, parts: readonly CaseFilePart[]): Promise<CaseFile | undefined> {
  const doc = await store.get<FaultReportDetails>(FAULT_REPORT_DETAILS, caseId);
  if (!doc) return undefined;
  const r = doc.registration;
  return {
    caseType: 'fault_report',
    caseId,
    registerEntry: r.logEntry.entry,
    status: doc.status,
    parts: pick(parts, {
      case_record: () => ({
        reportedAt: r.reportedAt, channel: r.channel, kind: r.kind, reporter: r.reporter, placeOfUseId: r.placeOfUseId, description: r.description, reporterAtHome: r.reporterAtHome,
        priority: doc.priority, expectedRepair: doc.expectedRepair, linkedComplaint: r.linkedComplaint, closed: doc.closed, steps: doc.steps.filter((s) => !s.type.startsWith('Worksheet') && s.type !== 'RepairRecorded'),
      }),
      correspondence: () => ({ items: [] }),
      attached_documents: () => ({ submitted: [] }),
      worksheets: () => doc.worksheets,
      billing_data: () => ({
        paidOrderNeededForRepair: r.paidOrderNeededForRepair,
        paidRepairs: doc.worksheets.filter((w) => w.repair?.paid).map((w) => ({ worksheetNumber: w.worksheetNumber, paidOrderReference: w.paidOrderReference, forwardedToAccounting: w.forwardedToAccounting })),
      }),
    }),
  };
}

async function escalationFile(store: DocumentReadStore, caseId: string, parts: readonly CaseFilePart[]): Promise<CaseFile | undefined> {
  const doc = await store.get<EscalationDetails>(ESCALATION_DETAILS, caseId);
  if (!doc) return undefined;
  const r = doc.registration;
  const replies = new Set(['EscalationReplySent']);
  return {
    caseType: 'escalation',
    caseId,
    registerEntry: doc.registerEntry.entry,
    status: doc.status,
    parts: pick(parts, {
      case_record: () => ({
        level: doc.level, receivedOn: r.receivedOn, channel: r.channel, complainant: r.complainant, description: r.description, remedySought: r.remedySought, about: r.about,
        designatedClerk: doc.designatedClerk, handlingClerk: doc.handlingClerk, takeovers: doc.takeovers, finding: doc.finding, closed: doc.closed, steps: except(doc.steps, replies),
      }),
      correspondence: () => ({ reply: doc.reply, items: only(doc.steps, replies) }),
      attached_documents: () => ({ submitted: r.documents }),
      worksheets: () => [],
      billing_data: () => ({ items: [] }),
    }),
  };
}

/** The requested parts of a case file from the case's read model; undefined when the case is not (yet) projected. */
export function readCaseFile(store: DocumentReadStore, caseType: CaseType, caseId: string, parts: readonly CaseFilePart[]): Promise<CaseFile | undefined> {
  switch (caseType) {
    case 'complaint':
      return complaintFile(store, caseId, parts);
    case 'fault_report':
      return faultReportFile(store, caseId, parts);
    case 'escalation':
      return escalationFile(store, caseId, parts);
  }
}
