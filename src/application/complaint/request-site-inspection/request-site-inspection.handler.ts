import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { complaintDecider, complaintStreamId } from '../../../domain/complaint/complaint.decider.js';
import type { ComplaintEvent, ComplaintRegisteredData } from '../../../domain/complaint/complaint.events.js';
import type { ComplaintKind } from '../../../domain/complaint/complaint.types.js';
import { faultReportStreamId } from '../../../domain/dispatch/fault-report.decider.js';
import type { FaultReportCommand } from '../../../domain/dispatch/fault-report.commands.js';
import type { FaultKind } from '../../../domain/dispatch/fault-report.types.js';
import type { WorkingDayCalendar } from '../../../domain/calendar/working-day-calendar.js';
import { complaintCaseFacts } from '../../../domain/escalation/case-facts-readers.js';
import type { OrganisationUnit } from '../../../domain/organisation/organisation.js';
import { fold } from '../../../domain/shared/decider.js';
import { InvalidInputError } from '../../../domain/shared/domain-error.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { faultReportCommandSpec } from '../../dispatch/fault-report.command-spec.js';
import { ORGANISATION, POLICY_CATALOG, type OrganisationDirectory, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { complaintCommandSpec } from '../complaint.command-spec.js';
import { RequestSiteInspectionCommand } from './request-site-inspection.command.js';

/** Namespace of the dispatcher requests derived from a complaint's site inspection (R-CPL-10). */
const SITE_INSPECTION_NAMESPACE = '0b6f1c8e-5a4d-4e2b-9c7a-3f1e2d4c5b6a';

/** The dispatcher request of the site inspection recorded at `complaintVersion`: a retry names the same one. */
export function siteInspectionRequestId(complaintId: string, complaintVersion: number): string {
  return uuidv5(`${complaintId}/${complaintVersion}`, SITE_INSPECTION_NAMESPACE);
}

const FAULT_KIND_OF: Readonly<Record<ComplaintKind, FaultKind>> = {
  bill_objection: 'billing_meter_failure',
  meter_dispute: 'billing_meter_failure',
  quality_complaint: 'service_quality_complaint',
  contract_relationship: 'service_quality_complaint',
  arrears_handling: 'billing_meter_failure',
  handling_conduct: 'service_quality_complaint',
  other: 'service_quality_complaint',
};

/**
 * R-CPL-10: the complaint records the site inspection requested via the dispatcher, and the
 * dispatcher service gets a linked request in its log with the agreed date. The request's id
 * and command id derive from the complaint and the version of the step, so a retry of the
 * same request re-creates exactly that dispatcher request and never a second one.
 */
@CommandHandler(RequestSiteInspectionCommand)
export class RequestSiteInspectionHandler implements ICommandHandler<RequestSiteInspectionCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ORGANISATION) private readonly organisation: OrganisationDirectory,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ complaintId, envelope }: RequestSiteInspectionCommand): Promise<CommandOutcome> {
    const streamId = complaintStreamId(complaintId);
    const { calendar } = await this.calendars.current();
    const { agreedDate, note, timeOfDay, faultKind, maintenanceContract } = envelope.command.data;

    // What the dispatcher needs is checked before the complaint records anything.
    const before = await this.store.readStream(streamId);
    const registered = before[0]?.type === 'ComplaintRegistered' ? (before[0].data as unknown as ComplaintRegisteredData) : undefined;
    const dispatcherUnit = registered ? this.dispatcherServiceFor(registered.responsibleUnit) : undefined;
    if (registered && (!registered.complainant.name || !registered.complainant.address)) {
      throw new InvalidInputError('COMPLAINT.SITE_INSPECTION_WITHOUT_ADDRESS', 'A site inspection through the dispatcher needs the complainant’s name and address for the dispatcher log (R-DSP-02)', {
        field: 'complainant.address',
        rule: 'R-CPL-10',
      });
    }

    const step = { type: 'RequestSiteInspection' as const, data: { agreedDate, note } };
    const outcome = await this.pipeline.execute(complaintCommandSpec(complaintId, this.catalog, calendar), { ...envelope, command: step });
    if (!registered || !dispatcherUnit) return outcome;

    const history = await this.store.readStream(streamId);
    const requested = history.find((e) => e.type === 'SiteInspectionRequested' && e.metadata.commandId === envelope.commandId);
    if (!requested) throw new Error(`Complaint ${complaintId} has no site inspection recorded by command ${envelope.commandId}`);
    const faultReportId = siteInspectionRequestId(complaintId, requested.streamVersion);
    // The complaint as it stood when the inspection was requested, so a retry sends the same request.
    const asRequested = history.filter((e) => e.streamVersion <= requested.streamVersion);
    const state = fold(complaintDecider, asRequested.map((e) => ({ type: e.type, data: e.data }) as unknown as ComplaintEvent));
    const complainant = registered.complainant;
    const command = {
      type: 'OpenSiteInspectionRequest' as const,
      data: {
        faultReportId,
        linkedComplaint: complaintCaseFacts(streamId, state, this.organisation),
        agreedDate: (requested.data as { agreedDate: string }).agreedDate,
        timeOfDay,
        description: `Site inspection for complaint ${registered.registerEntry.entry}${note ? `: ${note}` : ''}`,
        kind: faultKind ?? FAULT_KIND_OF[registered.kind],
        reporter: { subjectId: complainant.subjectId, name: complainant.name ?? '', address: complainant.address ?? '', phone: complainant.phone, customerNumber: complainant.customerNumber },
        placeOfUseId: registered.placeOfUseId,
        maintenanceContract,
        otherInformation: null,
        dispatcherUnit,
      },
    };
    const opened = await this.openOnce(faultReportId, command, envelope, calendar);
    return { ...outcome, result: { ...outcome.result, siteInspectionRequest: opened } };
  }

  /** Opens the dispatcher request unless an earlier run of the same request did. */
  private async openOnce(
    faultReportId: string,
    command: Extract<FaultReportCommand, { type: 'OpenSiteInspectionRequest' }>,
    envelope: RequestSiteInspectionCommand['envelope'],
    calendar: WorkingDayCalendar,
  ): Promise<{ faultReportId: string; logEntry: string | null }> {
    const commandId = `site-inspection-request:${faultReportId}`;
    const earlier = await this.store.findCommand(commandId);
    if (earlier) return { faultReportId, logEntry: typeof earlier.result.logEntry === 'string' ? earlier.result.logEntry : null };
    if ((await this.store.streamHead(faultReportStreamId(faultReportId))).version > 0) return { faultReportId, logEntry: null };
    const outcome = await this.pipeline.execute(faultReportCommandSpec(faultReportId, this.catalog, calendar), { ...envelope, command, commandId, causationId: envelope.commandId, expectedVersion: undefined });
    return { faultReportId, logEntry: typeof outcome.result.logEntry === 'string' ? outcome.result.logEntry : null };
  }

  /** The dispatcher service of the complaint office's region, or the first one the organisation has. */
  private dispatcherServiceFor(unitId: string): OrganisationUnit {
    const office = this.organisation.find(unitId);
    const services = this.organisation.units.filter((u) => u.kind === 'dispatcher_service');
    const service = services.find((u) => office && u.escalatesTo === office.escalatesTo) ?? services[0];
    if (!service) throw new InvalidInputError('COMPLAINT.NO_DISPATCHER_SERVICE', 'The organisation has no dispatcher service to send the site inspection to', { rule: 'R-CPL-10' });
    return service;
  }
}
