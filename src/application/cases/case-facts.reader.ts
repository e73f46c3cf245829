import { Inject, Injectable } from '@nestjs/common';
import { complaintDecider, complaintStreamId } from '../../domain/complaint/complaint.decider.js';
import type { ComplaintEvent } from '../../domain/complaint/complaint.events.js';
import { faultReportDecider, faultReportStreamId } from '../../domain/dispatch/fault-report.decider.js';
import type { FaultReportEvent } from '../../domain/dispatch/fault-report.events.js';
import type { CaseFacts, CaseType } from '../../domain/escalation/case-facts.js';
import { complaintCaseFacts, escalationCaseFacts, faultReportCaseFacts } from '../../domain/escalation/case-facts-readers.js';
import { escalationDecider, escalationStreamId } from '../../domain/escalation/escalation.decider.js';
import type { EscalationEvent } from '../../domain/escalation/escalation.events.js';
import { assertNever, fold } from '../../domain/shared/decider.js';
import { ORGANISATION, type OrganisationDirectory } from '../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port.js';

/** A case named by the edge: its type and id. */
export interface CaseReference {
  readonly caseType: CaseType;
  readonly caseId: string;
}

/** The stream a case lives in. */
export function caseStreamIdOf(ref: CaseReference): string {
  switch (ref.caseType) {
    case 'complaint':
      return complaintStreamId(ref.caseId);
    case 'fault_report':
      return faultReportStreamId(ref.caseId);
    case 'escalation':
      return escalationStreamId(ref.caseId);
    default:
      return assertNever(ref.caseType, 'case type');
  }
}

/**
 * Reads another case's stream and folds it with its own decider, so that a command about that
 * case carries the facts `decide` checks (R-ESC-01, R-ESC-02, R-ESC-03, R-CPL-10). A case
 * with no events reads as `{ exists: false }`.
 */
@Injectable()
export class CaseFactsReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ORGANISATION) private readonly organisation: OrganisationDirectory,
  ) {}

  async read(ref: CaseReference): Promise<CaseFacts> {
    const streamId = caseStreamIdOf(ref);
    const events = (await this.store.readStream(streamId)).map((e) => ({ type: e.type, data: e.data }));
    switch (ref.caseType) {
      case 'complaint':
        return complaintCaseFacts(streamId, fold(complaintDecider, events as unknown as ComplaintEvent[]), this.organisation);
      case 'fault_report':
        return faultReportCaseFacts(streamId, fold(faultReportDecider, events as unknown as FaultReportEvent[]), this.organisation);
      case 'escalation':
        return escalationCaseFacts(streamId, fold(escalationDecider, events as unknown as EscalationEvent[]), this.organisation);
      default:
        return assertNever(ref.caseType, 'case type');
    }
  }
}
