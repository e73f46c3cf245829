import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RunRetentionRequest {
  @ApiPropertyOptional({ example: '2029-03-03', description: 'Judge retention as of this day (YYYY-MM-DD); today by the service clock when absent. A run that expires cannot look ahead' })
  @IsOptional()
  @Matches(DATE, { message: 'asOf must be a date as YYYY-MM-DD' })
  asOf?: string;

  @ApiPropertyOptional({ example: false, description: 'Only report what would expire; nothing is destroyed or recorded' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class RetentionDueQuery {
  @ApiPropertyOptional({ example: '2029-03-03', description: 'The day to judge by (YYYY-MM-DD); today when absent; may lie ahead, as a preview' })
  @IsOptional()
  @Matches(DATE, { message: 'asOf must be a date as YYYY-MM-DD' })
  asOf?: string;
}
