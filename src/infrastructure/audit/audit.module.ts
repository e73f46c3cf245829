import { Module } from '@nestjs/common';
import { AccessLogService } from '../../application/access-log/access-log.service.js';
import { CaseReplayService } from '../../application/audit/case-replay.service.js';
import { AuditController } from './audit.http.controller.js';
import { SealController } from './seal.http.controller.js';
import { VerificationRunsService } from './verification-runs.service.js';

/** What auditors use: replay, time travel, whole-store verification, and the seal's proofs. */
@Module({
  controllers: [AuditController, SealController],
  providers: [CaseReplayService, VerificationRunsService, AccessLogService],
  exports: [VerificationRunsService],
})
export class AuditModule {}
