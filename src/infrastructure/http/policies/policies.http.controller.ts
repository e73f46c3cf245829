import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '../../../application/ports/clock.port.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../../application/ports/directories.port.js';
import { describeDuration } from '../../../domain/calendar/duration.js';
import { addDays, localDateOf } from '../../../domain/calendar/local-date.js';
import { periodsOf } from '../../../domain/policy/policy-version.js';
import { Roles } from '../../auth/auth.decorators.js';

const EVERYONE = ['dispatcher', 'clerk', 'supervisor', 'auditor', 'regulator', 'admin'] as const;

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  constructor(
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...EVERYONE)
  @ApiOperation({
    summary:
      'The effective-dated policy versions (RULES.md, Law in force today): for each, when it applies to newly received cases and its legal source, and every period with its value, effective date, legal source and rule',
  })
  list() {
    const versions = this.catalog.all();
    return {
      inForceToday: this.catalog.inForceAt(localDateOf(this.clock.now())).id,
      versions: versions.map((version, index) => {
        const next = versions[index + 1];
        return {
          id: version.id,
          title: version.title,
          effectiveFrom: version.effectiveFrom,
          // A case is judged by the version in force when it was received, for its whole life.
          appliesToCasesReceivedUntil: next ? addDays(next.effectiveFrom, -1) : null,
          source: version.source,
          periods: periodsOf(version).map(({ path, duration }) => ({ path, duration, description: describeDuration(duration), ...version.periodSources[path]! })),
        };
      }),
    };
  }
}
