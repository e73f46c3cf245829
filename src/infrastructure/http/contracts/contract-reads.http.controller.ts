import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessLogService } from '../../../application/access-log/access-log.service.js';
import { DOCUMENT_READ_STORE, type DocumentReadStore } from '../../../application/ports/read-model.port.js';
import type { Actor } from '../../../domain/shared/actor.js';
import { getAuditTrail } from '../../../projections/audit-trail/audit-trail.queries.js';
import { CONTRACT_CASE_PREFIX, type ContractCaseType } from '../../../projections/contract-cases/contract-cases.projection.js';
import { getContractCase, listContractCaseRegister } from '../../../projections/contract-cases/contract-cases.queries.js';
import { CurrentActor, Roles } from '../../auth/auth.decorators.js';
import { AccessPurpose } from '../conventions/access-purpose.js';
import { etagOf } from '../conventions/command-headers.js';
import { ContractCaseRegisterQueryDto } from './contracts.request.dto.js';

const STAFF = ['clerk', 'supervisor', 'auditor'] as const;
const PURPOSE = { name: 'X-Access-Purpose', required: true, description: 'Why the personal data is read; recorded with the read (R-RET-04)', example: 'handling the contract' };

const NOT_FOUND: Readonly<Record<ContractCaseType, { code: string; what: string }>> = {
  connection_application: { code: 'CONNECTION.NOT_FOUND', what: 'connection application' },
  contract_offer: { code: 'OFFER.NOT_FOUND', what: 'contract request' },
  counter_offer: { code: 'COUNTER_OFFER.NOT_FOUND', what: 'counter-offer' },
  contract: { code: 'CONTRACT.NOT_FOUND', what: 'contract' },
};

@ApiTags('contracts')
@ApiBearerAuth()
@Controller()
export class ContractReadsController {
  constructor(
    @Inject(DOCUMENT_READ_STORE) private readonly reads: DocumentReadStore,
    private readonly accessLog: AccessLogService,
  ) {}

  private async details(caseType: ContractCaseType, id: string, purpose: string, actor: Actor, request: FastifyRequest, reply: FastifyReply) {
    const doc = await getContractCase(this.reads, caseType, id);
    if (!doc) throw new NotFoundException({ code: NOT_FOUND[caseType].code, message: `No ${NOT_FOUND[caseType].what} ${id} (or it is not projected yet)` });
    await this.accessLog.record(actor, { caseStreamId: doc.streamId, view: `${caseType}_details`, purpose }, String(request.id));
    void reply.header('etag', etagOf(doc.version));
    return doc;
  }

  private async auditTrail(caseType: ContractCaseType, id: string) {
    const trail = await getAuditTrail(this.reads, `${CONTRACT_CASE_PREFIX[caseType]}${id}`);
    if (!trail) throw new NotFoundException({ code: NOT_FOUND[caseType].code, message: `No ${NOT_FOUND[caseType].what} ${id} (or it is not projected yet)` });
    return trail;
  }

  @Get('connection-applications/:id')
  @Roles(...STAFF)
  @ApiHeader(PURPOSE)
  @ApiOperation({ summary: 'A connection application with its information, acceptance, contract sent, duties, scheduled lapses and links; the read is recorded (R-CON-01 to R-CON-03, R-RET-04)' })
  connectionApplication(@Param('id', ParseUUIDPipe) id: string, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.details('connection_application', id, purpose, actor, request, reply);
  }

  @Get('contract-requests/:id')
  @Roles(...STAFF)
  @ApiHeader(PURPOSE)
  @ApiOperation({ summary: 'A contract request with its offer deadlines and their restarts (R-DL-03), deficiency notices, the offer and its lapse date, duties and links; the read is recorded (R-CON-04 to R-CON-09, R-RET-04)' })
  contractRequest(@Param('id', ParseUUIDPipe) id: string, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.details('contract_offer', id, purpose, actor, request, reply);
  }

  @Get('counter-offers/:id')
  @Roles(...STAFF)
  @ApiHeader(PURPOSE)
  @ApiOperation({ summary: 'A counter-offer with the draft it answers, the differences, the reconciliation and the contract formed; the read is recorded (R-CON-07, R-RET-04)' })
  counterOffer(@Param('id', ParseUUIDPipe) id: string, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.details('counter_offer', id, purpose, actor, request, reply);
  }

  @Get('contracts/:id')
  @Roles(...STAFF)
  @ApiHeader(PURPOSE)
  @ApiOperation({ summary: 'A contract in force with its register entry, terms, payer and payer changes, amendments and termination; the read is recorded (R-CON-10 to R-CON-14, R-RET-04)' })
  contract(@Param('id', ParseUUIDPipe) id: string, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.details('contract', id, purpose, actor, request, reply);
  }

  @Get('connection-applications/:id/audit-trail')
  @Roles('supervisor', 'auditor')
  @ApiOperation({ summary: 'Every event of the connection application with actor, time, channel and hash' })
  connectionApplicationTrail(@Param('id', ParseUUIDPipe) id: string) {
    return this.auditTrail('connection_application', id);
  }

  @Get('contract-requests/:id/audit-trail')
  @Roles('supervisor', 'auditor')
  @ApiOperation({ summary: 'Every event of the contract request with actor, time, channel and hash' })
  contractRequestTrail(@Param('id', ParseUUIDPipe) id: string) {
    return this.auditTrail('contract_offer', id);
  }

  @Get('counter-offers/:id/audit-trail')
  @Roles('supervisor', 'auditor')
  @ApiOperation({ summary: 'Every event of the counter-offer with actor, time, channel and hash' })
  counterOfferTrail(@Param('id', ParseUUIDPipe) id: string) {
    return this.auditTrail('counter_offer', id);
  }

  @Get('contracts/:id/audit-trail')
  @Roles('supervisor', 'auditor')
  @ApiOperation({ summary: 'Every event of the contract with actor, time, channel and hash' })
  contractTrail(@Param('id', ParseUUIDPipe) id: string) {
    return this.auditTrail('contract', id);
  }

  @Get('registers/contract-cases')
  @Roles(...STAFF)
  @ApiHeader({ ...PURPOSE, example: 'monthly register check' })
  @ApiOperation({
    summary:
      'The contract case register of a customer service office for a year: applications, requests with their offers and lapse dates, counter-offers and contracts, in order of receipt, by type and status; the reads of the names in it are recorded (R-RET-04)',
  })
  async register(@Query() query: ContractCaseRegisterQueryDto, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const page = await listContractCaseRegister(this.reads, { unitId: query.unit, year: query.year, caseType: query.type, status: query.status, cursor: query.cursor ?? null, limit: query.limit ?? 50 });
    const shown = page.items.filter((line) => line.customerName !== null);
    await this.accessLog.recordAll(actor, shown.map((line) => ({ caseStreamId: line.streamId, view: 'contract_case_register', purpose })), String(request.id));
    return page;
  }
}
