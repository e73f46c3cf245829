import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Type } from 'class-transformer';
import { AmendSwappedDaysCommand } from '../../../application/calendar/amend-swapped-days/amend-swapped-days.command.js';
import { DeclareSwappedDaysCommand } from '../../../application/calendar/declare-swapped-days/declare-swapped-days.command.js';
import { GetCalendarYearQuery } from '../../../application/calendar/get-calendar-year/get-calendar-year.query.js';
import { WorkingDayCalendarProvider } from '../../../application/calendar/working-day-calendar.provider.js';
import { computeDeadline } from '../../../domain/calendar/deadline.js';
import { parseLocalDate } from '../../../domain/calendar/local-date.js';
import { Roles } from '../../auth/auth.decorators.js';
import { etagOf } from '../conventions/command-headers.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { AmendSwappedDaysRequest, DeadlineQuery, DeclareSwappedDaysRequest } from './calendar.request.dto.js';

class DeadlineQueryParams extends DeadlineQuery {
  @Type(() => Number)
  declare amount: number;
}

const STAFF = ['dispatcher', 'clerk', 'supervisor', 'auditor', 'admin'] as const;

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly calendars: WorkingDayCalendarProvider,
  ) {}

  @Get('years/:year')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'A year of the working-day calendar: swapped days and every exception to the weekend rule (R-DL-01, R-LAW-14)' })
  async year(@Param('year', ParseIntPipe) year: number, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.queries.execute(new GetCalendarYearQuery(year));
    void reply.header('etag', etagOf(view.version));
    return view;
  }

  @Post('years')
  @Roles('admin')
  @ApiOperation({ summary: "Declare a year's swapped working and rest days (R-DL-01: the calendar is data)" })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The calendar version last seen, e.g. "3"' })
  async declare(@Body() body: DeclareSwappedDaysRequest, @CommandContext() c: CommandRequest) {
    const command = { type: 'DeclareSwappedDays' as const, data: { year: body.year, extraWorkingDays: body.extraWorkingDays, extraRestDays: body.extraRestDays, source: body.source } };
    const outcome = await this.commands.execute(new DeclareSwappedDaysCommand(envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { year: body.year, version: outcome.version }, { status: 201, location: `/api/v1/calendar/years/${body.year}` });
  }

  @Post('years/:year/amendments')
  @Roles('admin')
  @ApiOperation({ summary: "Amend a year's swapped days, with the reason" })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: false })
  async amend(@Param('year', ParseIntPipe) year: number, @Body() body: AmendSwappedDaysRequest, @CommandContext() c: CommandRequest) {
    const command = { type: 'AmendSwappedDays' as const, data: { year, extraWorkingDays: body.extraWorkingDays, extraRestDays: body.extraRestDays, source: body.source, reason: body.reason } };
    const outcome = await this.commands.execute(new AmendSwappedDaysCommand(envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { year, version: outcome.version });
  }

  @Get('deadline')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Compute a due date the way case deadlines are computed (R-DL-01, R-LAW-13)' })
  async deadline(@Query() query: DeadlineQueryParams) {
    const { calendar } = await this.calendars.current();
    return computeDeadline(parseLocalDate(query.from, 'from'), { amount: query.amount, unit: query.unit }, calendar);
  }
}
