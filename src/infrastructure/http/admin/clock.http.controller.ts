import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CLOCK, REAL_TIME_CLOCK, type Clock } from '../../../application/ports/clock.port.js';
import { ForbiddenError, InvalidStateError } from '../../../domain/shared/domain-error.js';
import { Roles } from '../../auth/auth.decorators.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../persistence/persistence.module.js';
import { formatClockOffset, parseClockOffset, ServiceClock } from '../../system/service-clock.js';

export class SetClockOffsetRequest {
  @ApiProperty({ description: 'How far the service clock runs ahead of the real time, in total: never less than now', example: '+30d' })
  @Matches(/^\+?(?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?$/, { message: 'offset must move the clock forward, written like +30d, +12h or +1d6h' })
  offset!: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/clock')
export class ClockController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REAL_TIME_CLOCK) private readonly realTime: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'The service clock beside the real time: how far ahead an acceptance or training run is' })
  show() {
    return this.view();
  }

  @Post()
  @Roles('admin')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
  @ApiOperation({
    summary:
      'Acceptance and training runs only (NODE_ENV other than production): set how far the service clock runs ahead of the real time, forward only; deadlines fall due and the scheduler acts as it would later, while every event still records the real time',
  })
  set(@Body() body: SetClockOffsetRequest) {
    if (this.config.NODE_ENV === 'production' || !(this.clock instanceof ServiceClock)) {
      throw new ForbiddenError('CLOCK.FIXED_IN_PRODUCTION', 'A production service keeps the real time; the clock offset is for acceptance and training runs');
    }
    const wanted = parseClockOffset(body.offset)!;
    const current = this.clock.offsetMillis;
    if (wanted < current) {
      throw new InvalidStateError('CLOCK.BACKWARD', `The service clock only moves forward: it already runs ${formatClockOffset(current)} ahead`, { details: { field: 'offset', offset: formatClockOffset(current) } });
    }
    this.clock.advance(wanted - current);
    return this.view();
  }

  private view() {
    const offset = this.clock instanceof ServiceClock ? this.clock.offsetMillis : 0;
    return { realTime: this.realTime.now().toISOString(), serviceTime: this.clock.now().toISOString(), offset: formatClockOffset(offset), offsetMillis: offset, adjustable: this.config.NODE_ENV !== 'production' };
  }
}
