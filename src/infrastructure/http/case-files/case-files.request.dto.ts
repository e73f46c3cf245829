import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { CASE_FILE_PARTS } from '../../../domain/consent/consent.types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DOCUMENT_KINDS = ['signed_statement', 'power_of_attorney', 'statement_in_record'] as const;

export class RepresentativeOrganisationDto {
  @ApiProperty({ example: 'ofe', description: 'The consumer representative organisation’s id' }) @IsString() @Length(1, 100) id!: string;
  @ApiProperty({ example: 'Országos Fogyasztóvédelmi Egyesület' }) @IsString() @Length(1, 300) name!: string;
}

export class ConsentDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'signed_statement' }) @IsIn(DOCUMENT_KINDS) kind!: (typeof DOCUMENT_KINDS)[number];
  @ApiProperty({ example: 'BP/2026/7-12', description: 'Where the signed paper is filed' }) @IsString() @Length(1, 200) reference!: string;
}

/** R-ESC-03: the customer's consent to a representative organisation seeing parts of the case file. */
export class RecordConsentRequest {
  @ApiPropertyOptional({ description: 'Client-chosen id; derived from the Idempotency-Key when absent', example: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b' }) @IsOptional() @IsUUID() consentId?: string;
  @ApiProperty({ example: 'Kovács Éva', description: 'The consenting customer (the customer the case is about); personal data' }) @IsString() @Length(1, 200) customerName!: string;
  @ApiProperty({ type: RepresentativeOrganisationDto }) @IsDefined() @ValidateNested() @Type(() => RepresentativeOrganisationDto) organisation!: RepresentativeOrganisationDto;
  @ApiProperty({ enum: CASE_FILE_PARTS, isArray: true, example: ['case_record', 'correspondence'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(CASE_FILE_PARTS.length) @IsIn(CASE_FILE_PARTS, { each: true }) scope!: (typeof CASE_FILE_PARTS)[number][];
  @ApiProperty({ example: '2026-03-02' }) @Matches(DATE, { message: 'givenOn must be a date as YYYY-MM-DD' }) givenOn!: string;
  @ApiPropertyOptional({ example: '2026-03-31', nullable: true, description: 'Last day the consent is valid; until withdrawn when absent' })
  @IsOptional() @Matches(DATE, { message: 'validUntil must be a date as YYYY-MM-DD' }) validUntil?: string | null;
  @ApiProperty({ type: ConsentDocumentDto }) @IsDefined() @ValidateNested() @Type(() => ConsentDocumentDto) document!: ConsentDocumentDto;
}

export class WithdrawConsentRequest {
  @ApiProperty({ example: '2026-03-10' }) @Matches(DATE, { message: 'withdrawnOn must be a date as YYYY-MM-DD' }) withdrawnOn!: string;
  @ApiPropertyOptional({ example: 'the customer withdrew it by letter', nullable: true }) @IsOptional() @IsString() @Length(1, 2000) reason?: string | null;
}

export class RepresentativeAccessRequest {
  @ApiProperty({ example: 'ofe' }) @IsString() @Length(1, 100) organisationId!: string;
  @ApiProperty({ example: 'Dr. Fehér Anna', description: 'The person of the organisation who sees the file; personal data' }) @IsString() @Length(1, 200) representativePerson!: string;
  @ApiProperty({ enum: CASE_FILE_PARTS, isArray: true, example: ['case_record'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(CASE_FILE_PARTS.length) @IsIn(CASE_FILE_PARTS, { each: true }) parts!: (typeof CASE_FILE_PARTS)[number][];
  @ApiProperty({ example: 'advising the customer on the bill objection' }) @IsString() @Length(3, 500) purpose!: string;
  @ApiProperty({ example: true, description: 'The representative undertakes to treat the file as a business secret (R-ESC-03)' })
  @IsBoolean() businessSecretAcknowledged!: boolean;
}
