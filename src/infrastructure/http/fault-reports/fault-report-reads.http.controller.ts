import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessLogService } from '../../../application/access-log/access-log.service.js';
import { DOCUMENT_READ_STORE, type DocumentReadStore } from '../../../application/ports/read-model.port.js';
import { faultReportStreamId } from '../../../domain/dispatch/fault-report.decider.js';
import type { Actor } from '../../../domain/shared/actor.js';
import { getAuditTrail } from '../../../projections/audit-trail/audit-trail.queries.js';
import { listDispatcherLog } from '../../../projections/dispatcher-log/dispatcher-log.queries.js';
import { getFaultReportDetails } from '../../../projections/fault-report-details/fault-report-details.queries.js';
import { CurrentActor, Roles } from '../../auth/auth.decorators.js';
import { AccessPurpose } from '../conventions/access-purpose.js';
import { etagOf } from '../conventions/command-headers.js';
import { DispatcherLogQueryDto } from './fault-reports.request.dto.js';

const STAFF = ['dispatcher', 'clerk', 'supervisor', 'auditor'] as const;
const PURPOSE = { name: 'X-Access-Purpose', required: true, description: 'Why the personal data is read; recorded with the read (R-RET-04)', example: 'dispatching the repair crew' };

@ApiTags('fault reports')
@ApiBearerAuth()
@Controller()
export class FaultReportReadsController {
  constructor(
    @Inject(DOCUMENT_READ_STORE) private readonly reads: DocumentReadStore,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get('fault-reports/:id')
  @Roles(...STAFF)
  @ApiHeader(PURPOSE)
  @ApiOperation({ summary: 'A fault report with its log entry, priority changes, worksheets, duties and escalations; the read is recorded (R-DSP-02, R-RET-04)' })
  async details(@Param('id', ParseUUIDPipe) id: string, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const details = await getFaultReportDetails(this.reads, id);
    if (!details) throw new NotFoundException({ code: 'FAULT.NOT_FOUND', message: `No fault report ${id} (or it is not projected yet)` });
    await this.accessLog.record(actor, { caseStreamId: faultReportStreamId(id), view: 'fault_report_details', purpose }, String(request.id));
    void reply.header('etag', etagOf(details.version));
    return details;
  }

  @Get('fault-reports/:id/audit-trail')
  @Roles('supervisor', 'auditor')
  @ApiOperation({ summary: 'Every event of the fault report with actor, time, channel and hash' })
  async auditTrail(@Param('id', ParseUUIDPipe) id: string) {
    const trail = await getAuditTrail(this.reads, faultReportStreamId(id));
    if (!trail) throw new NotFoundException({ code: 'FAULT.NOT_FOUND', message: `No fault report ${id} (or it is not projected yet)` });
    return trail;
  }

  @Get('dispatcher-log')
  @Roles('dispatcher', 'supervisor', 'auditor')
  @ApiHeader(PURPOSE)
  @ApiOperation({ summary: 'The dispatcher log with every field of R-DSP-02, by date of report, kind, priority and status; the reads of the reporters’ data are recorded (R-RET-04)' })
  async dispatcherLog(@Query() query: DispatcherLogQueryDto, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const page = await listDispatcherLog(this.reads, {
      unitId: query.unit,
      from: query.from,
      to: query.to,
      kind: query.kind,
      priority: query.priority,
      status: query.status,
      cursor: query.cursor ?? null,
      limit: query.limit ?? 50,
    });
    await this.accessLog.recordAll(actor, page.items.map((e) => ({ caseStreamId: e.streamId, view: 'dispatcher_log', purpose })), String(request.id));
    return page;
  }
}
