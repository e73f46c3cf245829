import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessLogService } from '../../../application/access-log/access-log.service.js';
import { DOCUMENT_READ_STORE, type DocumentReadStore } from '../../../application/ports/read-model.port.js';
import { escalationStreamId } from '../../../domain/escalation/escalation.decider.js';
import type { Actor } from '../../../domain/shared/actor.js';
import { getAuditTrail } from '../../../projections/audit-trail/audit-trail.queries.js';
import { getEscalationDetails } from '../../../projections/escalation-details/escalation-details.queries.js';
import { CurrentActor, Roles } from '../../auth/auth.decorators.js';
import { AccessPurpose } from '../conventions/access-purpose.js';
import { etagOf } from '../conventions/command-headers.js';

const STAFF = ['clerk', 'supervisor', 'auditor'] as const;

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationReadsController {
  constructor(
    @Inject(DOCUMENT_READ_STORE) private readonly reads: DocumentReadStore,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get(':id')
  @Roles(...STAFF)
  @ApiHeader({ name: 'X-Access-Purpose', required: true, description: 'Why the personal data is read; recorded with the read (R-RET-04)', example: 'handling the escalation' })
  @ApiOperation({ summary: 'An escalation with its register entries, the case it is about, clerks, steps, reply, duties and the escalation above; the read is recorded (R-ESC-01, R-RET-04)' })
  async details(@Param('id', ParseUUIDPipe) id: string, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const details = await getEscalationDetails(this.reads, id);
    if (!details) throw new NotFoundException({ code: 'ESCALATION.NOT_FOUND', message: `No escalation ${id} (or it is not projected yet)` });
    await this.accessLog.record(actor, { caseStreamId: escalationStreamId(id), view: 'escalation_details', purpose }, String(request.id));
    void reply.header('etag', etagOf(details.version));
    return details;
  }

  @Get(':id/audit-trail')
  @Roles('supervisor', 'auditor')
  @ApiOperation({ summary: 'Every event of the escalation with actor, time, channel and hash' })
  async auditTrail(@Param('id', ParseUUIDPipe) id: string) {
    const trail = await getAuditTrail(this.reads, escalationStreamId(id));
    if (!trail) throw new NotFoundException({ code: 'ESCALATION.NOT_FOUND', message: `No escalation ${id} (or it is not projected yet)` });
    return trail;
  }
}
