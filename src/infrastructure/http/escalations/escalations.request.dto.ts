import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { CHANNELS, WRITTEN_CHANNELS } from '../../../domain/channel/channel-rules.js';
import { ESCALATION_STEPS } from '../../../domain/escalation/escalation.types.js';
import { CaseReferenceDto } from '../cases/case-reference.dto.js';
import { ComplainantDto, RedressDto } from '../complaints/complaints.request.dto.js';

const ISO = { strict: true, strictSeparator: true } as const;

/** R-ESC-01: an escalation registered by the secretariat that receives it. */
export class RegisterEscalationRequestDto {
  @ApiPropertyOptional({ description: 'Client-chosen case id; derived from the Idempotency-Key when absent', example: '5e8d2c1b-7a6f-4e3d-9c2b-1a0f9e8d7c6b' })
  @IsOptional() @IsUUID() escalationId?: string;
  @ApiProperty({ description: 'When the escalation reached the secretariat', example: '2026-03-02T08:30:00.000Z' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter', description: 'The regional secretariat takes letters and faxes, in person, phone and e-mail; the central secretariat letters, faxes and phone (R-CHN-04)' })
  @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiProperty({ type: ComplainantDto }) @IsDefined() @ValidateNested() @Type(() => ComplainantDto) complainant!: ComplainantDto;
  @ApiProperty({ example: 'The customer service office never answered my bill objection.' }) @IsString() @Length(1, 10000) description!: string;
  @ApiProperty({ type: [String], example: ['copy of the objection'] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 300, { each: true }) documents!: string[];
  @ApiPropertyOptional({ example: 'An answer and a corrected bill', nullable: true }) @IsOptional() @IsString() @MaxLength(2000) remedySought?: string | null;
  @ApiProperty({ type: CaseReferenceDto, description: 'The case escalated: a complaint or fault report of the level below, or a regional escalation for the central secretariat' })
  @IsDefined() @ValidateNested() @Type(() => CaseReferenceDto) about!: CaseReferenceDto;
  @ApiPropertyOptional({ description: 'In person or by phone: where the record of the escalation is drawn up (R-LAW-04)', example: 'Regional secretariat, Budapest, room 12', nullable: true })
  @IsOptional() @IsString() @Length(1, 300) recordPlace?: string | null;
  @ApiPropertyOptional({ description: 'The company’s position if the escalation was examined at once (R-LAW-04)', nullable: true, example: null }) @IsOptional() @IsString() @MaxLength(5000) positionIfExamined?: string | null;
  @ApiPropertyOptional({ description: 'In person: whether the customer signed the record (R-LAW-04, R-LAW-05)', nullable: true, example: true }) @IsOptional() @IsBoolean() customerSignedRecord?: boolean | null;
  @ApiPropertyOptional({ description: 'Whether the copy of the record was handed over on the spot; otherwise it goes with the reply (R-LAW-04)', example: false }) @IsOptional() @IsBoolean() recordCopyHandedOver?: boolean;
}

export class EscalationStepRequest {
  @ApiProperty({ enum: ESCALATION_STEPS, example: 'statement_requested_from_unit' }) @IsIn(ESCALATION_STEPS) step!: (typeof ESCALATION_STEPS)[number];
  @ApiProperty({ example: 'asked the Budapest office for its statement on the unanswered objection' }) @IsString() @Length(1, 5000) description!: string;
}

export class EscalationReplyRequest {
  @ApiProperty({ enum: WRITTEN_CHANNELS, example: 'letter' }) @IsIn(WRITTEN_CHANNELS) channel!: (typeof WRITTEN_CHANNELS)[number];
  @ApiProperty({ example: '2026-03-12T10:00:00.000Z' }) @IsISO8601(ISO) sentAt!: string;
  @ApiProperty({ example: 'Your escalation was examined.' }) @IsString() @Length(1, 5000) summary!: string;
  @ApiProperty({ example: 'The office did not answer in time; the answer and the corrected bill are enclosed.' }) @IsString() @MaxLength(20000) reasons!: string;
  @ApiPropertyOptional({ type: RedressDto, nullable: true, description: 'Required unless the escalation is found justified (R-LAW-07); filled from the directory by county when absent' })
  @IsOptional() @ValidateNested() @Type(() => RedressDto) redress?: RedressDto | null;
  @ApiPropertyOptional({ description: 'The complainant’s county, to find the competent bodies (R-LAW-07, R-LAW-12)', example: 'budapest' })
  @IsOptional() @IsString() @Length(2, 50) residenceCounty?: string;
  @ApiPropertyOptional({ description: 'The copy of the record of an oral escalation is enclosed (R-LAW-04)', example: false }) @IsOptional() @IsBoolean() recordCopyEnclosed?: boolean;
}
