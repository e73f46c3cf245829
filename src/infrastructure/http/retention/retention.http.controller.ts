import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ListDueRetentionQuery } from '../../../application/retention/list-due-retention/list-due-retention.query.js';
import { RunRetentionCommand } from '../../../application/retention/run-retention/run-retention.command.js';
import type { Actor } from '../../../domain/shared/actor.js';
import { CurrentActor, Roles } from '../../auth/auth.decorators.js';
import { CommandContext, envelopeFrom, type CommandRequest } from '../conventions/command-response.js';
import { RetentionDueQuery, RunRetentionRequest } from './retention.request.dto.js';

/** R-RET-01..03: the retention run, which only an administrator starts, and what it would expire. */
@ApiTags('retention')
@ApiBearerAuth()
@Controller('retention')
export class RetentionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('runs')
  @HttpCode(200)
  @Roles('admin')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries; a repeat answers the recorded run' })
  @ApiOperation({
    summary:
      'Run retention as of a day: every closed case whose record types’ retention ended, without a legal hold (R-RET-02), gets RetentionExpired and its data subjects’ keys destroyed, and the kept bundles of its case-file extracts that show personal data are deleted, each purge recorded on the extract (R-RET-03); the result lists them per case; the run and its result are recorded. A second run finds nothing left',
  })
  async run(@Body() body: RunRetentionRequest, @CommandContext() c: CommandRequest) {
    const { correlationId, channel } = envelopeFrom(c, { type: 'RunRetention', data: body });
    const outcome = await this.commands.execute(new RunRetentionCommand({ actor: c.actor, ...(body.asOf ? { asOf: body.asOf } : {}), dryRun: body.dryRun ?? false, commandId: c.key, correlationId, channel }));
    if (outcome.repeated) void c.reply.header('idempotent-replayed', 'true');
    return outcome.result;
  }

  @Get('due')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'What a retention run as of a day would expire (with the extract bundles it would delete), and what it would skip and why (legal hold, a key another case still needs); changes nothing' })
  due(@Query() query: RetentionDueQuery, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.queries.execute(new ListDueRetentionQuery(actor, query.asOf, String(request.id)));
  }
}
