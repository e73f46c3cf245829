import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Min } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { AccessLogService } from '../../application/access-log/access-log.service.js';
import { CaseReplayService, type PointInTime } from '../../application/audit/case-replay.service.js';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port.js';
import type { Actor } from '../../domain/shared/actor.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { EmptyBodyPipe } from '../http/conventions/empty-body.pipe.js';
import { AccessPurpose } from '../http/conventions/access-purpose.js';
import { SealReader } from '../sealing/seal-reader.service.js';
import { VerificationRunsService } from './verification-runs.service.js';

class PointInTimeQuery {
  @ApiPropertyOptional({ description: 'State as of this instant (recorded time)', example: '2026-03-05T12:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ description: 'State as of this global position', example: 120 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  position?: number;
}

class DiffQuery {
  @ApiPropertyOptional({ example: '2026-03-02T10:00:00.000Z' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-03-20T10:00:00.000Z' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ example: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) fromPosition?: number;
  @ApiPropertyOptional({ example: 250 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) toPosition?: number;
}

const point = (asOf: string | undefined, position: number | undefined): PointInTime => ({ ...(asOf ? { asOfTime: new Date(asOf) } : {}), ...(position !== undefined ? { asOfPosition: position } : {}) });

/** Auditors replay any case as it stood at any moment and verify the whole store; they change nothing. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly replay: CaseReplayService,
    private readonly runs: VerificationRunsService,
    private readonly seals: SealReader,
    private readonly accessLog: AccessLogService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('streams/:streamId/history')
  @Roles('auditor')
  @ApiHeader({ name: 'X-Access-Purpose', required: true, description: 'Why the case is read; recorded (R-RET-04)' })
  @ApiOperation({ summary: 'Every event of a case with its metadata, hash, chain verification and seal' })
  async history(@Param('streamId') streamId: string, @AccessPurpose() why: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const events = await this.replay.history(streamId);
    await this.accessLog.record(actor, { caseStreamId: streamId, view: 'audit_history', purpose: why }, String(request.id));
    const verification = await this.store.verifyStream(streamId);
    const brokenAt = verification.firstBroken?.streamVersion ?? null;
    const checkpoint = await this.seals.checkpoint();
    return {
      streamId,
      verification,
      checkpoint,
      events: await Promise.all(
        events.map(async (e) => {
          const sealed = checkpoint ? await this.seals.inclusionProof(e.eventId, checkpoint) : undefined;
          return {
            version: e.streamVersion,
            globalPosition: e.globalPosition,
            eventId: e.eventId,
            type: e.type,
            recordedAt: e.recordedAt.toISOString(),
            metadata: e.metadata,
            data: e.data,
            erasedFields: e.erasedFields,
            prevHash: e.prevHash,
            hash: e.hash,
            chainVerified: brokenAt === null || e.streamVersion < brokenAt,
            sealedUnder: sealed ? { treeSize: sealed.treeSize, leafIndex: sealed.leafIndex } : null,
          };
        }),
      ),
    };
  }

  @Get('streams/:streamId/state')
  @Roles('auditor')
  @ApiHeader({ name: 'X-Access-Purpose', required: true })
  @ApiOperation({ summary: 'The case as it stood at a time or a global position, folded with the domain’s own evolve' })
  async state(@Param('streamId') streamId: string, @Query() query: PointInTimeQuery, @AccessPurpose() why: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const replayed = await this.replay.stateAt(streamId, point(query.asOf, query.position));
    await this.accessLog.record(actor, { caseStreamId: streamId, view: 'audit_state', purpose: why }, String(request.id));
    return replayed;
  }

  @Get('streams/:streamId/diff')
  @Roles('auditor')
  @ApiHeader({ name: 'X-Access-Purpose', required: true })
  @ApiOperation({ summary: 'What changed in a case between two moments, and the events in between' })
  async diff(@Param('streamId') streamId: string, @Query() query: DiffQuery, @AccessPurpose() why: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const result = await this.replay.diff(streamId, point(query.from, query.fromPosition), point(query.to, query.toPosition));
    await this.accessLog.record(actor, { caseStreamId: streamId, view: 'audit_diff', purpose: why }, String(request.id));
    return result;
  }

  @Post('verifications')
  @HttpCode(202)
  @Roles('auditor', 'admin')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({ summary: 'Start a whole-store verification (hash chains and signed checkpoints); its result is recorded as an event' })
  async startVerification(@Body(EmptyBodyPipe) _body: Record<string, never>, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const { run } = await this.runs.start(actor, String(request.id));
    return run;
  }

  @Get('verifications/:runId')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Progress and result of a verification run' })
  verification(@Param('runId') runId: string) {
    return this.runs.get(runId);
  }
}
