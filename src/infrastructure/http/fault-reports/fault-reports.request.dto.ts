import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CHANNELS } from '../../../domain/channel/channel-rules.js';
import { FAULT_KINDS, FAULT_PRIORITIES, REPAIR_OUTCOMES, WORKSHEET_SCOPES } from '../../../domain/dispatch/fault-report.types.js';
import { DISPATCHER_LOG_STATUSES } from '../../../projections/dispatcher-log/dispatcher-log.projection.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO = { strict: true, strictSeparator: true } as const;

export class ReporterDto {
  @ApiProperty({ example: 'Nagy Péter', description: 'Personal data: encrypted at rest' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: '1118 Budapest, Villányi út 5. 3/12' }) @IsString() @Length(1, 300) address!: string;
  @ApiPropertyOptional({ example: '+36 30 123 4567', nullable: true }) @IsOptional() @Matches(/^\+?[0-9 ()/-]{6,30}$/, { message: 'phone must be a telephone number' }) phone?: string | null;
  @ApiPropertyOptional({ example: 'U-2002', nullable: true, description: 'Customer (user) identifier' }) @IsOptional() @IsString() @Length(1, 50) customerNumber?: string | null;
}

export class ExpectedRepairDto {
  @ApiProperty({ example: '2026-03-02', description: 'Expected day of the repair' }) @Matches(DATE, { message: 'date must be a date as YYYY-MM-DD' }) date!: string;
  @ApiPropertyOptional({ example: '12:00-16:00', nullable: true }) @IsOptional() @IsString() @Length(1, 100) timeOfDay?: string | null;
  @ApiProperty({ example: 'crew checks the substation' }) @IsString() @Length(1, 500) method!: string;
}

/** R-DSP-02: every field of the dispatcher log entry. */
export class RegisterFaultReportRequestDto {
  @ApiPropertyOptional({ description: 'Client-chosen case id; derived from the Idempotency-Key when absent', example: '3b9a1f2e-6c0d-4e8f-9a1b-2c3d4e5f6a7b' })
  @IsOptional() @IsUUID() faultReportId?: string;
  @ApiProperty({ description: 'When the report was made, any hour (R-DSP-01)', example: '2026-03-02T02:55:00.000Z' }) @IsISO8601(ISO) reportedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'phone', description: 'The dispatcher service takes reports in person or by phone only (R-DSP-01)' })
  @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiProperty({ enum: FAULT_KINDS, example: 'provider_system_failure' }) @IsIn(FAULT_KINDS) kind!: (typeof FAULT_KINDS)[number];
  @ApiProperty({ type: ReporterDto }) @IsDefined() @ValidateNested() @Type(() => ReporterDto) reporter!: ReporterDto;
  @ApiPropertyOptional({ example: 'POU-000123', nullable: true }) @IsOptional() @IsString() @Length(1, 50) placeOfUseId?: string | null;
  @ApiProperty({ example: 'No heating in the whole staircase since this morning' }) @IsString() @Length(1, 5000) description!: string;
  @ApiProperty({ example: 'all day today', description: 'When the reporter is at home' }) @IsString() @Length(1, 500) reporterAtHome!: string;
  @ApiProperty({ type: ExpectedRepairDto, description: 'Expected time and method of the repair' }) @IsDefined() @ValidateNested() @Type(() => ExpectedRepairDto) expectedRepair!: ExpectedRepairDto;
  @ApiProperty({ enum: FAULT_PRIORITIES, example: 'urgent' }) @IsIn(FAULT_PRIORITIES) priority!: (typeof FAULT_PRIORITIES)[number];
  @ApiProperty({ example: false, description: 'Whether a flat-fee maintenance contract exists (R-DSP-02, R-DSP-04)' }) @IsBoolean() maintenanceContract!: boolean;
  @ApiPropertyOptional({ example: 'gate code 1234', nullable: true }) @IsOptional() @IsString() @MaxLength(2000) otherInformation?: string | null;
}

export class ReprioritiseRequest {
  @ApiProperty({ enum: FAULT_PRIORITIES, example: 'emergency' }) @IsIn(FAULT_PRIORITIES) priority!: (typeof FAULT_PRIORITIES)[number];
  @ApiProperty({ example: 'water leaking into the flat below' }) @IsString() @Length(1, 1000) reason!: string;
  @ApiPropertyOptional({ type: ExpectedRepairDto, nullable: true, description: 'A new expected repair; open worksheet duties follow it (R-DL-03)' })
  @IsOptional() @ValidateNested() @Type(() => ExpectedRepairDto) expectedRepair?: ExpectedRepairDto | null;
}

export class IssueWorksheetRequest {
  @ApiProperty({ example: 'MLAP-2026-000311' }) @IsString() @Length(1, 50) worksheetNumber!: string;
  @ApiProperty({ example: 'crew 3 (Kiss, Tóth)' }) @IsString() @Length(1, 200) crew!: string;
  @ApiProperty({ enum: WORKSHEET_SCOPES, example: 'repair' }) @IsIn(WORKSHEET_SCOPES) scope!: (typeof WORKSHEET_SCOPES)[number];
  @ApiPropertyOptional({ example: 'RM-2026-0042', nullable: true, description: 'The separate paid order a customer-system repair needs (R-DSP-04)' })
  @IsOptional() @IsString() @Length(1, 50) paidOrderReference?: string | null;
}

export class RecordRepairRequest {
  @ApiProperty({ example: '2026-03-02T15:40:00.000Z', description: 'When the worksheet came back' }) @IsISO8601(ISO) returnedAt!: string;
  @ApiProperty({ enum: REPAIR_OUTCOMES, example: 'repaired' }) @IsIn(REPAIR_OUTCOMES) outcome!: (typeof REPAIR_OUTCOMES)[number];
  @ApiProperty({ example: 'replaced the circulation pump valve' }) @IsString() @Length(1, 5000) workDone!: string;
  @ApiPropertyOptional({ example: 'RM-2026-0042', nullable: true, description: 'A paid order given when the worksheet came back (R-DSP-04)' })
  @IsOptional() @IsString() @Length(1, 50) paidOrderReference?: string | null;
}

export class FaultReasonRequest {
  @ApiProperty({ example: 'the reporter called back: the heating works again' }) @IsString() @Length(1, 2000) reason!: string;
}

export class DispatcherLogQueryDto {
  @ApiPropertyOptional({ example: 'dispatch-central' }) @IsOptional() @IsString() @Length(1, 100) unit?: string;
  @ApiPropertyOptional({ example: '2026-03-01', description: 'Reported on or after this date' }) @IsOptional() @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-03-31', description: 'Reported on or before this date' }) @IsOptional() @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' }) to?: string;
  @ApiPropertyOptional({ enum: FAULT_KINDS, example: 'provider_system_failure' }) @IsOptional() @IsIn(FAULT_KINDS) kind?: (typeof FAULT_KINDS)[number];
  @ApiPropertyOptional({ enum: FAULT_PRIORITIES, example: 'urgent' }) @IsOptional() @IsIn(FAULT_PRIORITIES) priority?: (typeof FAULT_PRIORITIES)[number];
  @ApiPropertyOptional({ enum: DISPATCHER_LOG_STATUSES, example: 'worksheet_out' }) @IsOptional() @IsIn(DISPATCHER_LOG_STATUSES) status?: (typeof DISPATCHER_LOG_STATUSES)[number];
  @ApiPropertyOptional({ description: 'nextCursor of the previous page', example: 'eyJvIjoieWVhcjphc2MsbnVtYmVyOmFzYyIsInYiOlsiMjAyNiIsIjEyIl0sImlkIjoiZiJ9' })
  @IsOptional() @IsString() @Length(1, 2000) cursor?: string;
  @ApiPropertyOptional({ example: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
