import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { CASE_TYPES, type CaseType } from '../../../domain/escalation/case-facts.js';

/** Another case a command is about, by type and id; the service reads its facts from its stream. */
export class CaseReferenceDto {
  @ApiProperty({ enum: CASE_TYPES, example: 'complaint' }) @IsIn(CASE_TYPES) caseType!: CaseType;
  @ApiProperty({ example: '0192f3a4-7b1c-7d2e-9f00-1234567890ab' }) @IsUUID() caseId!: string;
}
