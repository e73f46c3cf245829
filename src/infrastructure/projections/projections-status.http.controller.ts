import { ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProjectionStatus } from '../../application/ports/read-model.port.js';
import { Roles } from '../auth/auth.decorators.js';
import { ProjectionNotParkedError, UnknownProjectionError } from './projection.errors.js';
import { ProjectionStatusService } from './projection-status.service.js';
import { ProjectionsService } from './projections.service.js';

/** Projection status for operators, and resuming a parked projection. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsStatusController {
  constructor(
    @Inject(ProjectionStatusService) private readonly status: ProjectionStatusService,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @Roles('admin', 'auditor', 'supervisor')
  @ApiOperation({ summary: 'Each projection: state, checkpoint, lag, last error, parked event, lease' })
  list(): Promise<ProjectionStatus[]> {
    return this.status.statuses();
  }

  /** Records the request; the instance running the projection retries the parked event. */
  @Post(':name/resume')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Retry the parked event of a projection' })
  async resume(@Param('name') name: string): Promise<{ projection: string; resumeRequested: true }> {
    try {
      await this.projections.resume(name);
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new NotFoundException({ code: error.code, message: error.message });
      if (error instanceof ProjectionNotParkedError) throw new ConflictException({ code: error.code, message: error.message });
      throw error;
    }
    return { projection: name, resumeRequested: true };
  }
}
