import { Body, Controller, HttpCode, Inject, Injectable, NotFoundException, Param, ParseUUIDPipe, Post, type PipeTransform } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { AccessLogService } from '../../../application/access-log/access-log.service.js';
import { caseStreamIdOf, type CaseReference } from '../../../application/cases/case-facts.reader.js';
import { RecordConsentStepCommand } from '../../../application/consent/record-consent-step/record-consent-step.command.js';
import { RecordConsentCommand } from '../../../application/consent/record-consent/record-consent.command.js';
import { DOCUMENT_READ_STORE, type DocumentReadStore } from '../../../application/ports/read-model.port.js';
import type { CaseType } from '../../../domain/escalation/case-facts.js';
import { readCaseFile } from '../../../projections/case-file/case-file.queries.js';
import { Roles } from '../../auth/auth.decorators.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { RequestValidationFailed } from '../conventions/request-errors.js';
import * as dto from './case-files.request.dto.js';

/** Namespace for consent ids derived from an Idempotency-Key. */
const CONSENT_ID_NAMESPACE = '8e7d6c5b-4a39-4281-9f0e-d1c2b3a4f5e6';

/** The case files a representative may be shown, by the path segment of their resource. */
const CASE_TYPE_OF_SEGMENT: Readonly<Record<string, CaseType>> = { complaints: 'complaint', 'fault-reports': 'fault_report', escalations: 'escalation' };

@Injectable()
class CaseTypePipe implements PipeTransform<string, CaseType> {
  transform(value: string): CaseType {
    const caseType = CASE_TYPE_OF_SEGMENT[value];
    if (!caseType) throw new RequestValidationFailed([{ field: 'caseType', message: `caseType must be one of ${Object.keys(CASE_TYPE_OF_SEGMENT).join(', ')}` }]);
    return caseType;
  }
}

const CASE_STAFF = ['clerk', 'supervisor'] as const;
const CASE_TYPE_PARAM = { name: 'caseType', enum: Object.keys(CASE_TYPE_OF_SEGMENT), example: 'complaints' };

@ApiTags('case files')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The version of the case file’s consents last seen (ETag), e.g. "2"' })
@ApiParam(CASE_TYPE_PARAM)
@Controller('case-files/:caseType/:caseId')
export class CaseFilesController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(DOCUMENT_READ_STORE) private readonly reads: DocumentReadStore,
    private readonly accessLog: AccessLogService,
  ) {}

  @Post('consents')
  @Roles(...CASE_STAFF)
  @ApiOperation({ summary: 'Record the customer’s consent to a consumer representative seeing parts of the case file (R-ESC-03)' })
  async recordConsent(@Param('caseType', CaseTypePipe) caseType: CaseType, @Param('caseId', ParseUUIDPipe) caseId: string, @Body() body: dto.RecordConsentRequest, @CommandContext() c: CommandRequest) {
    const consentId = body.consentId ?? uuidv5(c.key, CONSENT_ID_NAMESPACE);
    const command = {
      type: 'RecordRepresentativeConsent' as const,
      data: {
        consentId,
        case: { caseType, caseId },
        customerName: body.customerName,
        organisation: { id: body.organisation.id, name: body.organisation.name },
        scope: body.scope,
        givenOn: body.givenOn,
        validUntil: body.validUntil ?? null,
        document: { kind: body.document.kind, reference: body.document.reference },
      },
    };
    const outcome = await this.commands.execute(new RecordConsentCommand(envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { consentId, caseStreamId: outcome.result.caseStreamId, scope: outcome.result.scope, validUntil: outcome.result.validUntil, version: outcome.version }, { status: 201 });
  }

  @CaseCommand('consents/:consentId/withdrawal', CASE_STAFF, 'Record that the customer withdrew the consent (R-ESC-03)')
  @ApiParam({ name: 'consentId', example: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b' })
  async withdrawConsent(
    @Param('caseType', CaseTypePipe) caseType: CaseType,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('consentId') consentId: string,
    @Body() body: dto.WithdrawConsentRequest,
    @CommandContext() c: CommandRequest,
  ) {
    const command = { type: 'WithdrawRepresentativeConsent' as const, data: { consentId, withdrawnOn: body.withdrawnOn, reason: body.reason ?? null } };
    const outcome = await this.commands.execute(new RecordConsentStepCommand({ caseType, caseId }, envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { consentId, withdrawnOn: outcome.result.withdrawnOn, version: outcome.version });
  }

  @Post('representative-access')
  @HttpCode(200)
  @Roles(...CASE_STAFF)
  @ApiOperation({
    summary:
      'Show a consumer representative the parts of the case file the customer’s valid consent covers; refused without consent. The access is recorded on the case, with the business-secret undertaking, and as a read of personal data (R-ESC-03, R-RET-04)',
  })
  async representativeAccess(@Param('caseType', CaseTypePipe) caseType: CaseType, @Param('caseId', ParseUUIDPipe) caseId: string, @Body() body: dto.RepresentativeAccessRequest, @CommandContext() c: CommandRequest) {
    const reference: CaseReference = { caseType, caseId };
    const file = await readCaseFile(this.reads, caseType, caseId, body.parts);
    if (!file) throw new NotFoundException({ code: 'CASE_FILE.NOT_FOUND', message: `No ${caseType.replace('_', ' ')} ${caseId} (or it is not projected yet)` });
    const command = {
      type: 'RecordRepresentativeAccess' as const,
      data: { organisationId: body.organisationId, representativePerson: body.representativePerson, parts: body.parts, purpose: body.purpose, businessSecretAcknowledged: body.businessSecretAcknowledged },
    };
    // The consent decides first: without a valid one nothing is recorded and nothing is shown.
    const outcome = await this.commands.execute(new RecordConsentStepCommand(reference, envelopeFrom(c, command)));
    await this.accessLog.record(c.actor, { caseStreamId: caseStreamIdOf(reference), view: 'case_file', purpose: `representative ${body.organisationId}: ${body.purpose}` }, String(c.request.id));
    return respondWith(c.reply, outcome, { accessId: outcome.result.accessId, consentId: outcome.result.consentId, accessedAt: outcome.result.accessedAt, caseFile: file, version: outcome.version });
  }
}
