import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AmendSwappedDaysHandler } from '../../application/calendar/amend-swapped-days/amend-swapped-days.handler.js';
import { DeclareSwappedDaysHandler } from '../../application/calendar/declare-swapped-days/declare-swapped-days.handler.js';
import { GetCalendarYearHandler } from '../../application/calendar/get-calendar-year/get-calendar-year.handler.js';
import { WorkingDayCalendarProvider } from '../../application/calendar/working-day-calendar.provider.js';
import { CloseAsRepeatedHandler } from '../../application/complaint/close-as-repeated/close-as-repeated.handler.js';
import { RecordComplaintStepHandler } from '../../application/complaint/record-complaint-step/record-complaint-step.handler.js';
import { RegisterComplaintHandler } from '../../application/complaint/register-complaint/register-complaint.handler.js';
import { RequestSiteInspectionHandler } from '../../application/complaint/request-site-inspection/request-site-inspection.handler.js';
import { CaseFactsReader } from '../../application/cases/case-facts.reader.js';
import { RecordConsentStepHandler } from '../../application/consent/record-consent-step/record-consent-step.handler.js';
import { RecordConsentHandler } from '../../application/consent/record-consent/record-consent.handler.js';
import { ContractConsequenceRoutes } from '../../application/contract/contract-consequence-routes.js';
import { ContractFollowUps } from '../../application/contract/contract-follow-ups.js';
import { RecordConnectionStepHandler } from '../../application/contract/record-connection-step/record-connection-step.handler.js';
import { RecordContractStepHandler } from '../../application/contract/record-contract-step/record-contract-step.handler.js';
import { RecordCounterOfferStepHandler } from '../../application/contract/record-counter-offer-step/record-counter-offer-step.handler.js';
import { RecordOfferStepHandler } from '../../application/contract/record-offer-step/record-offer-step.handler.js';
import { RequestContractHandler } from '../../application/contract/request-contract/request-contract.handler.js';
import { SubmitConnectionApplicationHandler } from '../../application/contract/submit-connection-application/submit-connection-application.handler.js';
import { RecordFaultReportStepHandler } from '../../application/dispatch/record-fault-report-step/record-fault-report-step.handler.js';
import { RegisterFaultReportHandler } from '../../application/dispatch/register-fault-report/register-fault-report.handler.js';
import { RecordEscalationStepHandler } from '../../application/escalation/record-escalation-step/record-escalation-step.handler.js';
import { RegisterEscalationHandler } from '../../application/escalation/register-escalation/register-escalation.handler.js';
import { RecordReferralStepHandler } from '../../application/referral/record-referral-step/record-referral-step.handler.js';
import { RecordReferralHandler } from '../../application/referral/record-referral/record-referral.handler.js';
import { ReferredCaseNotifier } from '../../application/referral/referred-case.notifier.js';
import { AuthGuard } from '../auth/auth.guard.js';
import { TOKEN_KEYS, TokenVerifier } from '../auth/token-verifier.js';
import { verificationKeysOf } from '../auth/token-keys.js';
import type { AppConfig } from '../config/app-config.js';
import { CalendarController } from './calendar/calendar.http.controller.js';
import { AccessLogService } from '../../application/access-log/access-log.service.js';
import { ComplaintReadsController } from './complaints/complaint-reads.http.controller.js';
import { ComplaintsController } from './complaints/complaints.http.controller.js';
import { RegistersController } from './registers/registers.http.controller.js';
import { CaseFilesController } from './case-files/case-files.http.controller.js';
import { ConnectionApplicationsController } from './contracts/connection-applications.http.controller.js';
import { ContractReadsController } from './contracts/contract-reads.http.controller.js';
import { ContractRequestsController } from './contracts/contract-requests.http.controller.js';
import { ContractsController } from './contracts/contracts.http.controller.js';
import { CounterOffersController } from './contracts/counter-offers.http.controller.js';
import { EscalationReadsController } from './escalations/escalation-reads.http.controller.js';
import { EscalationsController } from './escalations/escalations.http.controller.js';
import { FaultReportReadsController } from './fault-reports/fault-report-reads.http.controller.js';
import { FaultReportsController } from './fault-reports/fault-reports.http.controller.js';
import { ReferralReadsController } from './referrals/referral-reads.http.controller.js';
import { ReferralsController } from './referrals/referrals.http.controller.js';
import { IdempotencyKeyGuard } from './conventions/idempotency-key.guard.js';
import { ProblemDetailsFilter } from './conventions/problem-details.filter.js';
import { createValidationPipe } from './conventions/validation.pipe.js';
import { ProjectionsStatusController } from '../projections/projections-status.http.controller.js';
import { HealthController } from './health/health.http.controller.js';
import { PoliciesController } from './policies/policies.http.controller.js';
import { ClockController } from './admin/clock.http.controller.js';

/** The edge: controllers, the global guards (auth first), validation and problem details. */
@Module({})
export class HttpModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: HttpModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [
        HealthController,
        CalendarController,
        PoliciesController,
        ClockController,
        ComplaintsController,
        ComplaintReadsController,
        FaultReportsController,
        FaultReportReadsController,
        EscalationsController,
        EscalationReadsController,
        ReferralsController,
        ReferralReadsController,
        ConnectionApplicationsController,
        ContractRequestsController,
        CounterOffersController,
        ContractsController,
        ContractReadsController,
        CaseFilesController,
        RegistersController,
        ProjectionsStatusController,
      ],
      providers: [
        { provide: TOKEN_KEYS, useFactory: () => verificationKeysOf(config) },
        TokenVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: IdempotencyKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        WorkingDayCalendarProvider,
        AccessLogService,
        DeclareSwappedDaysHandler,
        AmendSwappedDaysHandler,
        GetCalendarYearHandler,
        RegisterComplaintHandler,
        RecordComplaintStepHandler,
        CloseAsRepeatedHandler,
        RequestSiteInspectionHandler,
        CaseFactsReader,
        ReferredCaseNotifier,
        RegisterFaultReportHandler,
        RecordFaultReportStepHandler,
        RegisterEscalationHandler,
        RecordEscalationStepHandler,
        RecordReferralHandler,
        RecordReferralStepHandler,
        RecordConsentHandler,
        RecordConsentStepHandler,
        ContractFollowUps,
        SubmitConnectionApplicationHandler,
        RecordConnectionStepHandler,
        RequestContractHandler,
        RecordOfferStepHandler,
        RecordCounterOfferStepHandler,
        RecordContractStepHandler,
        // The scheduler sends the contracts' due consequences through these routes.
        ContractConsequenceRoutes,
      ],
    };
  }
}
