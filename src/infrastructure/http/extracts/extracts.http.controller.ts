import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { DeliverExtractCommand } from '../../../application/extract/deliver-extract/deliver-extract.command.js';
import { GenerateExtractCommand } from '../../../application/extract/generate-extract/generate-extract.command.js';
import { RequestExtractCommand } from '../../../application/extract/request-extract/request-extract.command.js';
import { ReviewExtractCommand, type ExtractReview } from '../../../application/extract/review-extract/review-extract.command.js';
import type { LocalDate } from '../../../domain/calendar/local-date.js';
import type { ExtractScope } from '../../../domain/extract/extract.types.js';
import { Roles } from '../../auth/auth.decorators.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { EmptyBodyPipe } from '../conventions/empty-body.pipe.js';
import { RequestValidationFailed } from '../conventions/request-errors.js';
import * as dto from './extracts.request.dto.js';

/** Namespace for extract ids derived from an Idempotency-Key, so a retry names the same extract. */
const EXTRACT_ID_NAMESPACE = '3b0e8f52-6a1d-4c27-9e4b-5d6f7a8b9c0d';

/** Staff who prepare extracts; auditors and regulators never command (403). */
const PREPARERS = ['clerk', 'supervisor', 'admin'] as const;
const REVIEWERS = ['supervisor', 'admin'] as const;

function scopeOf(body: dto.ExtractScopeDto): ExtractScope {
  const stray = (fields: (keyof dto.ExtractScopeDto)[]) =>
    fields.filter((f) => body[f] !== undefined).map((f) => ({ field: `scope.${f}`, message: `scope.${f} does not belong to a ${body.kind} extract` }));
  if (body.kind === 'case_file') {
    const problems = stray(['from', 'to']);
    if (problems.length > 0) throw new RequestValidationFailed(problems);
    return { kind: 'case_file', caseStreamId: body.caseStreamId! };
  }
  const problems = stray(['caseStreamId']);
  if (problems.length > 0) throw new RequestValidationFailed(problems);
  // The decider checks that the dates exist and are in order.
  return { kind: 'statistics', from: body.from! as LocalDate, to: body.to! as LocalDate };
}

@ApiTags('extracts')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The extract version last seen (ETag), e.g. "2"' })
@Controller('extracts')
export class ExtractsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...PREPARERS)
  @ApiOperation({ summary: 'Request an extract for an external body: one case file or statistics for a period, with the legal basis (R-LAW-12)' })
  async request(@Body() body: dto.RequestExtractRequest, @CommandContext() c: CommandRequest) {
    const extractId = body.extractId ?? uuidv5(c.key, EXTRACT_ID_NAMESPACE);
    const command = {
      type: 'RequestExtract' as const,
      data: {
        extractId,
        scope: scopeOf(body.scope),
        addresseeBodyId: body.addresseeBodyId,
        legalBasis: { kind: body.legalBasis.kind, reference: body.legalBasis.reference, allowsPersonalData: body.legalBasis.allowsPersonalData },
        knownCheckpointSize: body.knownCheckpointSize ?? null,
        purpose: body.purpose,
      },
    };
    const outcome = await this.commands.execute(new RequestExtractCommand(envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { extractId, status: outcome.result.status, version: outcome.version }, { status: 201, location: `/api/v1/extracts/${extractId}` });
  }

  private async review(extractId: string, command: ExtractReview, c: CommandRequest) {
    const outcome = await this.commands.execute(new ReviewExtractCommand(extractId, envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { extractId, status: outcome.result.status, version: outcome.version });
  }

  @CaseCommand(':id/approval', REVIEWERS, 'Approve a request: a supervisor or administrator who is not the requester (four eyes)')
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ApproveExtractRequest, @CommandContext() c: CommandRequest) {
    return this.review(id, { type: 'ApproveExtract', data: { note: body.note ?? null } }, c);
  }

  @CaseCommand(':id/refusal', REVIEWERS, 'Refuse a request, with the reason: a supervisor or administrator who is not the requester (four eyes)')
  refuse(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RefuseExtractRequest, @CommandContext() c: CommandRequest) {
    return this.review(id, { type: 'RefuseExtract', data: { reason: body.reason } }, c);
  }

  @CaseCommand(':id/generation', PREPARERS, 'Build the approved extract’s bundle, sealed under a signed checkpoint, and record its digest, checkpoint and files')
  async generate(@Param('id', ParseUUIDPipe) id: string, @Body(EmptyBodyPipe) _body: Record<string, never>, @CommandContext() c: CommandRequest) {
    const outcome = await this.commands.execute(new GenerateExtractCommand(id, envelopeFrom(c, { type: 'GenerateExtract' as const, data: {} })));
    return respondWith(c.reply, outcome, { extractId: id, status: outcome.result.status, bundle: outcome.result.bundle ?? null, version: outcome.version });
  }

  @CaseCommand(':id/delivery', PREPARERS, 'Record that the bundle was delivered: channel, time and the receiving office')
  async deliver(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.DeliverExtractRequest, @CommandContext() c: CommandRequest) {
    const command = { type: 'DeliverExtract' as const, data: { channel: body.channel, deliveredAt: body.deliveredAt, recipient: { office: body.recipient.office, reference: body.recipient.reference ?? null } } };
    const outcome = await this.commands.execute(new DeliverExtractCommand(id, envelopeFrom(c, command, { channel: body.channel })));
    return respondWith(c.reply, outcome, { extractId: id, status: outcome.result.status, version: outcome.version });
  }
}
