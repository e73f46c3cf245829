import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { PROJECTION_STATUS, type ProjectionStatusReader } from '../../../application/ports/read-model.port.js';
import { Public } from '../../auth/auth.decorators.js';
import type { AppConfig } from '../../config/app-config.js';
import type { Database } from '../../persistence/database.js';
import { ENGINE_CHECKS, type EngineCheck } from '../../persistence/engine-check.js';
import { APP_CONFIG, DATABASE } from '../../persistence/persistence.module.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ENGINE_CHECKS) private readonly engines: readonly EngineCheck[],
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'The database (and the KurrentDB / MongoDB server when chosen) answers and every projection runs without a parked event and within its lag limit' })
  ready() {
    return this.health.check([
      () => this.indicators.check('database').attempt(async () => {
        await this.db.query('SELECT 1');
        return { engine: this.db.kind };
      }).withTimeout(3000),
      // The chosen KurrentDB / MongoDB servers answer too.
      ...this.engines.map((engine) => () => this.indicators.check(engine.name).attempt(async () => {
        await engine.check();
        return { engine: engine.name };
      }).withTimeout(3000)),
      async () => {
        const indicator = this.indicators.check('projections');
        const statuses = await this.projections.statuses();
        const report = Object.fromEntries(
          statuses.map((s) => [s.name, { state: s.state, lag: s.lag, position: s.checkpoint.position, lastError: s.lastError, parkedEvent: s.parkedEvent?.eventId ?? null }]),
        );
        const failing = statuses.filter((s) => !s.healthy || s.lag > this.config.PROJECTION_MAX_LAG);
        return failing.length === 0 ? indicator.up(report) : indicator.down({ ...report, failing: failing.map((s) => s.name) });
      },
    ]);
  }
}
