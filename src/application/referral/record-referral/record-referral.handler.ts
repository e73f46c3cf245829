import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ExternalBodyDirectory } from '../../../domain/external-bodies/external-bodies.js';
import { ForbiddenError, InvalidInputError } from '../../../domain/shared/domain-error.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CaseFactsReader } from '../../cases/case-facts.reader.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { EXTERNAL_BODIES, ORGANISATION, POLICY_CATALOG, type OrganisationDirectory, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { referralCommandSpec } from '../referral.command-spec.js';
import { ReferredCaseNotifier } from '../referred-case.notifier.js';
import { RecordReferralCommand } from './record-referral.command.js';

/**
 * R-ESC-02, R-LAW-12: the body comes from the directory (data), the referred case's facts from
 * its stream. The referral's personal fields go under the customer's key of the case, so the
 * case's retention shreds them too (R-RET-03).
 */
@CommandHandler(RecordReferralCommand)
export class RecordReferralHandler implements ICommandHandler<RecordReferralCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    private readonly cases: CaseFactsReader,
    private readonly referredCase: ReferredCaseNotifier,
    @Inject(ORGANISATION) private readonly organisation: OrganisationDirectory,
    @Inject(EXTERNAL_BODIES) private readonly bodies: ExternalBodyDirectory,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ envelope }: RecordReferralCommand): Promise<CommandOutcome> {
    const recordingUnit = this.organisation.find(envelope.actor.unit);
    if (!recordingUnit) {
      throw new ForbiddenError('REFERRAL.NOT_RECORDING_UNIT', `The token's unit ${envelope.actor.unit ?? '(none)'} is not an organisational unit that keeps a referral register`, { rule: 'R-ESC-02' });
    }
    const { about: reference, bodyId, customerName, ...data } = envelope.command.data;
    const body = this.bodies.find(bodyId);
    if (!body) {
      throw new InvalidInputError('REFERRAL.UNKNOWN_BODY', `The directory of external bodies has no body ${bodyId}`, { field: 'bodyId', rule: 'R-LAW-12', details: { known: this.bodies.bodies.map((b) => b.id) } });
    }
    const about = await this.cases.read(reference);
    const subjectId = about.exists && about.customerSubjectId ? about.customerSubjectId : `${data.referralId}/customer`;
    const { calendar } = await this.calendars.current();
    const command = { type: 'RecordReferral' as const, data: { ...data, about, body, customer: { subjectId, name: customerName }, recordingUnit } };
    const outcome = await this.pipeline.execute(referralCommandSpec(data.referralId, this.catalog, calendar), { ...envelope, command, request: envelope.command });
    await this.referredCase.notify(data.referralId, envelope);
    return outcome;
  }
}
