import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { WRITTEN_CHANNELS } from '../../../domain/channel/channel-rules.js';
import { BODY_OUTCOMES } from '../../../domain/referral/referral.types.js';
import { CaseReferenceDto } from '../cases/case-reference.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO = { strict: true, strictSeparator: true } as const;

/** R-ESC-02: the customer's referral to an external body (or the body's own proceeding), recorded on the case. */
export class RecordReferralRequestDto {
  @ApiPropertyOptional({ description: 'Client-chosen case id; derived from the Idempotency-Key when absent', example: '7c6b5a49-3827-4160-a5f4-e3d2c1b0a987' })
  @IsOptional() @IsUUID() referralId?: string;
  @ApiProperty({ type: CaseReferenceDto, description: 'The case the customer took to the body' }) @IsDefined() @ValidateNested() @Type(() => CaseReferenceDto) about!: CaseReferenceDto;
  @ApiProperty({ example: 'bfkh-fogyasztovedelem', description: 'The body’s id in the directory of external bodies (R-LAW-12)' }) @IsString() @Length(1, 100) bodyId!: string;
  @ApiProperty({ enum: ['customer', 'body'], example: 'customer', description: 'The customer’s referral, or a proceeding the body opened itself' }) @IsIn(['customer', 'body']) initiatedBy!: 'customer' | 'body';
  @ApiProperty({ example: '2026-03-02', description: 'The day the customer turned to the body' }) @Matches(DATE, { message: 'referredOn must be a date as YYYY-MM-DD' }) referredOn!: string;
  @ApiPropertyOptional({ example: 'Kovács Éva', nullable: true, description: 'Personal data: encrypted under the customer’s key' }) @IsOptional() @IsString() @Length(1, 200) customerName?: string | null;
  @ApiPropertyOptional({ example: 'BP/FVF/1234-2/2026', nullable: true, description: 'The body’s file number' }) @IsOptional() @IsString() @Length(1, 100) bodyCaseReference?: string | null;
  @ApiProperty({ example: 'The provider rejected my bill objection without examining the reading' }) @IsString() @Length(1, 5000) subject!: string;
}

export class BodyRequestRequest {
  @ApiProperty({ example: '2026-03-02T08:00:00.000Z', description: 'When the body’s request reached the provider' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiPropertyOptional({ example: 'BP/FVF/1234-3/2026', nullable: true }) @IsOptional() @IsString() @Length(1, 100) bodyReference?: string | null;
  @ApiProperty({ example: 'Send the meter reading records and your statement on the objection' }) @IsString() @Length(1, 5000) request!: string;
}

export class BodyRequestAnswerRequest {
  @ApiProperty({ example: '2026-03-20T10:00:00.000Z' }) @IsISO8601(ISO) sentAt!: string;
  @ApiProperty({ enum: WRITTEN_CHANNELS, example: 'letter', description: 'A body is answered in writing' }) @IsIn(WRITTEN_CHANNELS) channel!: (typeof WRITTEN_CHANNELS)[number];
  @ApiProperty({ example: 'Reading records and our statement enclosed' }) @IsString() @Length(1, 5000) summary!: string;
}

export class BodyOutcomeRequest {
  @ApiProperty({ example: '2026-04-20' }) @Matches(DATE, { message: 'decidedOn must be a date as YYYY-MM-DD' }) decidedOn!: string;
  @ApiProperty({ enum: BODY_OUTCOMES, example: 'rejected' }) @IsIn(BODY_OUTCOMES) outcome!: (typeof BODY_OUTCOMES)[number];
  @ApiPropertyOptional({ example: 'BP/FVF/1234-9/2026', nullable: true }) @IsOptional() @IsString() @Length(1, 100) decisionReference?: string | null;
  @ApiProperty({ example: 'The authority found the billing lawful' }) @IsString() @Length(1, 5000) summary!: string;
  @ApiProperty({ example: false, description: 'An appeal keeps the legal hold until it is lifted (R-RET-02)' }) @IsBoolean() appealPending!: boolean;
}

export class LiftLegalHoldRequest {
  @ApiProperty({ example: 'the appeal period ended without an appeal' }) @IsString() @Length(1, 2000) reason!: string;
}
