import { Controller, Get, Inject, Injectable, Param, Query, Req, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccessLogService } from '../../../application/access-log/access-log.service.js';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CLOCK, type Clock } from '../../../application/ports/clock.port.js';
import { DOCUMENT_READ_STORE, type DocumentReadStore } from '../../../application/ports/read-model.port.js';
import { addDays, localDateOf } from '../../../domain/calendar/local-date.js';
import { listDeadlines, type DeadlineStatus } from '../../../projections/deadline-register/deadline-register.queries.js';
import { listFilingRegister } from '../../../projections/filing-register/filing-register.queries.js';
import { listRegister, type CaseRegister } from '../../../projections/registers/registers.queries.js';
import { complaintStreamId } from '../../../domain/complaint/complaint.decider.js';
import type { Actor } from '../../../domain/shared/actor.js';
import { CurrentActor, Roles } from '../../auth/auth.decorators.js';
import { AccessPurpose } from '../conventions/access-purpose.js';
import { RequestValidationFailed } from '../conventions/request-errors.js';

class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page', example: 'eyJvIjoibnVtYmVyOmFzYyIsInYiOlsiMTIiXSwiaWQiOiJ4In0' }) @IsOptional() @IsString() @Length(1, 2000) cursor?: string;
  @ApiPropertyOptional({ example: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

class RegisterQuery extends PageQuery {
  @ApiProperty({ example: 'cso-budapest' }) @IsString() @Length(1, 100) unit!: string;
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}

class DeadlinesQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['open', 'overdue', 'due_soon', 'open_offers'],
    default: 'open',
    example: 'open',
    description: 'open (the default): every case with an open duty, overdue first, then by due day; overdue: due before today; due_soon: due from today within withinDays (5 by default); open_offers: cases with an open offer, by the day it lapses (R-CON-08)',
  })
  @IsOptional() @IsIn(['overdue', 'due_soon', 'open', 'open_offers']) status?: DeadlineStatus;
  @ApiPropertyOptional({ description: 'Narrows the register to duties due within this many days from today (overdue ones included, except with status=due_soon)', example: 5 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(365) withinDays?: number;
  @ApiPropertyOptional({ example: 'cso-budapest' }) @IsOptional() @IsString() @Length(1, 100) unit?: string;
  @ApiPropertyOptional({ example: 'clerk-kiss' }) @IsOptional() @IsString() @Length(1, 100) clerk?: string;
}

/** The registers of the escalation ladder and the referrals, by their path segment (RULES.md, Actors and units). */
const REGISTER_OF_SEGMENT: Readonly<Record<string, CaseRegister>> = {
  'complaint-letters-register': 'complaint_letters_register',
  'serial-register': 'serial_register',
  'incoming-letters-register': 'incoming_letters_register',
  'clerks-workbook': 'clerks_workbook',
  'referral-register': 'referral_register',
};

@Injectable()
class CaseRegisterPipe implements PipeTransform<string, CaseRegister> {
  transform(value: string): CaseRegister {
    const register = REGISTER_OF_SEGMENT[value];
    if (!register) throw new RequestValidationFailed([{ field: 'register', message: `register must be one of filing-register, ${Object.keys(REGISTER_OF_SEGMENT).join(', ')}` }]);
    return register;
  }
}

const STAFF = ['dispatcher', 'clerk', 'supervisor', 'auditor'] as const;

@ApiTags('registers')
@ApiBearerAuth()
@Controller()
export class RegistersController {
  constructor(
    @Inject(DOCUMENT_READ_STORE) private readonly reads: DocumentReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get('registers/filing-register')
  @Roles(...STAFF)
  @ApiHeader({ name: 'X-Access-Purpose', required: true, description: 'Why the personal data is read; recorded with the read (R-RET-04)', example: 'monthly register check' })
  @ApiOperation({ summary: 'A customer service office’s filing register for a year, in number order (R-CPL-03); the reads of the names in it are recorded (R-RET-04)' })
  async filingRegister(@Query() query: RegisterQuery, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const page = await listFilingRegister(this.reads, { unitId: query.unit, year: query.year, cursor: query.cursor ?? null, limit: query.limit ?? 50 });
    const shown = page.items.filter((entry) => entry.complainantName !== null || entry.uniqueIdentifier !== null);
    await this.accessLog.recordAll(actor, shown.map((entry) => ({ caseStreamId: complaintStreamId(entry.complaintId), view: 'filing_register', purpose })), String(request.id));
    return page;
  }

  @Get('registers/:register')
  @Roles(...STAFF)
  @ApiParam({ name: 'register', enum: Object.keys(REGISTER_OF_SEGMENT), example: 'complaint-letters-register' })
  @ApiHeader({ name: 'X-Access-Purpose', required: true, description: 'Why the personal data is read; recorded with the read (R-RET-04)', example: 'monthly register check' })
  @ApiOperation({
    summary:
      'A register of a unit for a year in number order, gapless: the complaint letters and serial registers of a regional secretariat, the incoming letters register and the clerk’s workbook of the central secretariat, a unit’s referral register (R-CPL-03, R-ESC-01, R-ESC-02); the reads of the names in it are recorded (R-RET-04)',
  })
  async register(@Param('register', CaseRegisterPipe) register: CaseRegister, @Query() query: RegisterQuery, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const page = await listRegister(this.reads, { register, unitId: query.unit, year: query.year, cursor: query.cursor ?? null, limit: query.limit ?? 50 });
    const shown = page.items.filter((line) => line.case !== null);
    await this.accessLog.recordAll(actor, shown.map((line) => ({ caseStreamId: line.caseStreamId, view: register, purpose })), String(request.id));
    return page;
  }

  @Get('deadlines')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The deadline register: every case with an open duty, overdue first then by due day, each marked overdue or not; narrowed by withinDays, status, unit and clerk; with the history of every moved or restarted deadline (R-DL-02, R-DL-03); or the open offers by the day they lapse (R-CON-08)' })
  deadlines(@Query() query: DeadlinesQuery) {
    const today = localDateOf(this.clock.now());
    const status = query.status ?? 'open';
    const withinDays = query.withinDays ?? (status === 'due_soon' ? 5 : null);
    return listDeadlines(this.reads, {
      today,
      status,
      dueSoonUntil: withinDays === null ? null : addDays(today, withinDays),
      unitId: query.unit,
      clerkId: query.clerk,
      cursor: query.cursor ?? null,
      limit: query.limit ?? 50,
    });
  }
}
