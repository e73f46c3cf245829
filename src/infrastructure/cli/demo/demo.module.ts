import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { WorkingDayCalendarProvider } from '../../../application/calendar/working-day-calendar.provider.js';
import { CaseFactsReader } from '../../../application/cases/case-facts.reader.js';
import { RecordComplaintStepHandler } from '../../../application/complaint/record-complaint-step/record-complaint-step.handler.js';
import { RegisterComplaintHandler } from '../../../application/complaint/register-complaint/register-complaint.handler.js';
import { ContractFollowUps } from '../../../application/contract/contract-follow-ups.js';
import { RecordOfferStepHandler } from '../../../application/contract/record-offer-step/record-offer-step.handler.js';
import { RequestContractHandler } from '../../../application/contract/request-contract/request-contract.handler.js';
import { RecordFaultReportStepHandler } from '../../../application/dispatch/record-fault-report-step/record-fault-report-step.handler.js';
import { RegisterFaultReportHandler } from '../../../application/dispatch/register-fault-report/register-fault-report.handler.js';
import { RecordEscalationStepHandler } from '../../../application/escalation/record-escalation-step/record-escalation-step.handler.js';
import { RegisterEscalationHandler } from '../../../application/escalation/register-escalation/register-escalation.handler.js';
import { RecordReferralStepHandler } from '../../../application/referral/record-referral-step/record-referral-step.handler.js';
import { RecordReferralHandler } from '../../../application/referral/record-referral/record-referral.handler.js';
import { ReferredCaseNotifier } from '../../../application/referral/referred-case.notifier.js';
import { DemoCommand, DemoSeedCommand } from '../demo.command.js';
import { DemoSeeder } from './demo-seeder.js';
import { DemoReplayClock } from './demo-replay.clock.js';
import { CommandPipeline } from '../../../application/command-pipeline/command-pipeline.js';
import { CLOCK, type Clock } from '../../../application/ports/clock.port.js';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port.js';
import { ID_GENERATOR, type IdGenerator } from '../../../application/ports/id-generator.port.js';

/**
 * `demo seed`: the command handlers the HTTP module registers for the case types the demo
 * fills, on their own CommandBus. Needs the global persistence, directories and projections modules.
 */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    WorkingDayCalendarProvider,
    CaseFactsReader,
    ReferredCaseNotifier,
    ContractFollowUps,
    RegisterComplaintHandler,
    RecordComplaintStepHandler,
    RegisterFaultReportHandler,
    RecordFaultReportStepHandler,
    RegisterEscalationHandler,
    RecordEscalationStepHandler,
    RecordReferralHandler,
    RecordReferralStepHandler,
    RequestContractHandler,
    RecordOfferStepHandler,
    // The demo's commands are decided on the demo's own days (DemoReplayClock), not on the day of the seed.
    { provide: DemoReplayClock, inject: [CLOCK], useFactory: (clock: Clock) => new DemoReplayClock(clock) },
    { provide: CommandPipeline, inject: [EVENT_STORE, DemoReplayClock, ID_GENERATOR], useFactory: (store: EventStore, clock: DemoReplayClock, ids: IdGenerator) => new CommandPipeline(store, clock, ids) },
    DemoSeeder,
    DemoCommand,
    DemoSeedCommand,
  ],
})
export class DemoModule {}
