import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessLogService } from '../../../application/access-log/access-log.service.js';
import { DOCUMENT_READ_STORE, type DocumentReadStore } from '../../../application/ports/read-model.port.js';
import { complaintStreamId } from '../../../domain/complaint/complaint.decider.js';
import type { Actor } from '../../../domain/shared/actor.js';
import { getAuditTrail } from '../../../projections/audit-trail/audit-trail.queries.js';
import { getComplaintDetails } from '../../../projections/complaint-details/complaint-details.queries.js';
import { CurrentActor, Roles } from '../../auth/auth.decorators.js';
import { etagOf } from '../conventions/command-headers.js';
import { AccessPurpose } from '../conventions/access-purpose.js';

const STAFF = ['clerk', 'supervisor', 'auditor'] as const;

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintReadsController {
  constructor(
    @Inject(DOCUMENT_READ_STORE) private readonly reads: DocumentReadStore,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get(':id')
  @Roles(...STAFF)
  @ApiHeader({ name: 'X-Access-Purpose', required: true, description: 'Why the personal data is read; recorded with the read (R-RET-04)' })
  @ApiOperation({ summary: 'A complaint with its registration, clerk, steps, deadlines and duties; the read is recorded (R-RET-04)' })
  async details(@Param('id', ParseUUIDPipe) id: string, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const details = await getComplaintDetails(this.reads, id);
    if (!details) throw new NotFoundException({ code: 'COMPLAINT.NOT_FOUND', message: `No complaint ${id} (or it is not projected yet)` });
    await this.accessLog.record(actor, { caseStreamId: complaintStreamId(id), view: 'complaint_details', purpose }, String(request.id));
    void reply.header('etag', etagOf(details.version));
    return details;
  }

  @Get(':id/audit-trail')
  @Roles('supervisor', 'auditor')
  @ApiOperation({ summary: 'Every event of the complaint with actor, time, channel and hash' })
  async auditTrail(@Param('id', ParseUUIDPipe) id: string) {
    const trail = await getAuditTrail(this.reads, complaintStreamId(id));
    if (!trail) throw new NotFoundException({ code: 'COMPLAINT.NOT_FOUND', message: `No complaint ${id} (or it is not projected yet)` });
    return trail;
  }
}
