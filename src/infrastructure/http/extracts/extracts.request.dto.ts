import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DELIVERY_CHANNELS, EXTRACT_KINDS, LEGAL_BASIS_KINDS } from '../../../domain/extract/extract.types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO = { strict: true, strictSeparator: true } as const;

export class ExtractScopeDto {
  @ApiProperty({ enum: EXTRACT_KINDS, example: 'case_file', description: 'One case file, or complaint statistics for a period' })
  @IsIn(EXTRACT_KINDS)
  kind!: (typeof EXTRACT_KINDS)[number];

  @ApiPropertyOptional({ example: 'complaint-0192f3a4-7b1c-7d2e-9f00-1234567890ab', description: 'case_file: the case stream' })
  @ValidateIf((o: ExtractScopeDto) => o.kind === 'case_file' || o.caseStreamId !== undefined)
  @IsString()
  @Matches(/^[a-z][a-z-]*-[A-Za-z0-9-]{1,100}$/, { message: 'caseStreamId must be a case stream id such as complaint-<id>' })
  caseStreamId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'statistics: first day of the period (receipt date)' })
  @ValidateIf((o: ExtractScopeDto) => o.kind === 'statistics' || o.from !== undefined)
  @Matches(DATE, { message: 'from must be a YYYY-MM-DD date' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'statistics: last day of the period' })
  @ValidateIf((o: ExtractScopeDto) => o.kind === 'statistics' || o.to !== undefined)
  @Matches(DATE, { message: 'to must be a YYYY-MM-DD date' })
  to?: string;
}

export class LegalBasisDto {
  @ApiProperty({ enum: LEGAL_BASIS_KINDS, example: 'authority_request' }) @IsIn(LEGAL_BASIS_KINDS) kind!: (typeof LEGAL_BASIS_KINDS)[number];
  @ApiProperty({ example: 'BP/FVF/01234-2/2026', description: 'The body’s file number, the statute, the order' }) @IsString() @Length(1, 300) reference!: string;
  @ApiProperty({ example: true, description: 'Whether the basis covers personal data; otherwise the summary shows them redacted' }) @IsBoolean() allowsPersonalData!: boolean;
}

export class RequestExtractRequest {
  @ApiPropertyOptional({ description: 'Client-chosen extract id; derived from the Idempotency-Key when absent', example: '0192f3a4-7b1c-7d2e-9f00-1234567890ac' })
  @IsOptional()
  @IsUUID()
  extractId?: string;

  @ApiProperty({ type: ExtractScopeDto }) @IsDefined() @ValidateNested() @Type(() => ExtractScopeDto) scope!: ExtractScopeDto;
  @ApiProperty({ example: 'bfkh-fogyasztovedelem', description: 'An external body of the directory (R-LAW-12)' }) @IsString() @Length(1, 100) addresseeBodyId!: string;
  @ApiProperty({ type: LegalBasisDto }) @IsDefined() @ValidateNested() @Type(() => LegalBasisDto) legalBasis!: LegalBasisDto;

  @ApiPropertyOptional({ example: 1200, description: 'Tree size of a signed checkpoint the body already holds: the bundle proves the log grew from it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  knownCheckpointSize?: number;

  @ApiProperty({ example: 'The consumer-protection authority asked for the complaint file in its proceeding' }) @IsString() @Length(1, 2000) purpose!: string;
}

export class ApproveExtractRequest {
  @ApiPropertyOptional({ example: 'The request is covered by the authority’s letter', nullable: true }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class RefuseExtractRequest {
  @ApiProperty({ example: 'The legal basis does not cover the requested case' }) @IsString() @Length(1, 2000) reason!: string;
}

export class DeliveryRecipientDto {
  @ApiProperty({ example: 'Fogyasztóvédelmi Főosztály', description: 'The office of the body that received it' }) @IsString() @Length(1, 300) office!: string;
  @ApiPropertyOptional({ example: 'BP/FVF/01234-3/2026', nullable: true, description: 'The body’s file number of the receipt' }) @IsOptional() @IsString() @MaxLength(300) reference?: string | null;
}

export class DeliverExtractRequest {
  @ApiProperty({ enum: DELIVERY_CHANNELS, example: 'hivatali_kapu' }) @IsIn(DELIVERY_CHANNELS) channel!: (typeof DELIVERY_CHANNELS)[number];
  @ApiProperty({ example: '2026-03-02T10:00:00.000Z' }) @IsISO8601(ISO) deliveredAt!: string;
  @ApiProperty({ type: DeliveryRecipientDto }) @IsDefined() @ValidateNested() @Type(() => DeliveryRecipientDto) recipient!: DeliveryRecipientDto;
}

export class ListExtractsQueryDto {
  @ApiPropertyOptional({ example: 'mekh', description: 'Only extracts addressed to this body' }) @IsOptional() @IsString() @Length(1, 100) addressee?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page', example: '1234' }) @IsOptional() @Matches(/^\d{1,15}$/, { message: 'cursor must be the nextCursor of a previous page' }) cursor?: string;
  @ApiPropertyOptional({ example: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
