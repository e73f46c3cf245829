import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, CUSTOMER_MATTERS, WRITTEN_CHANNELS } from '../../../domain/channel/channel-rules.js';
import { COMPLAINT_KINDS, CORRECTION_AREAS, FINDINGS } from '../../../domain/complaint/complaint.types.js';
import { FAULT_KINDS } from '../../../domain/dispatch/fault-report.types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ISO = { strict: true, strictSeparator: true } as const;

export class RepresentativeDto {
  @ApiProperty({ example: 'Dr. Szabó Péter' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'power of attorney dated 2026-02-20' }) @IsString() @Length(1, 500) authorisation!: string;
}

export class ComplainantDto {
  @ApiPropertyOptional({ example: 'Kovács Éva', nullable: true, description: 'Personal data: encrypted at rest' })
  @IsOptional() @IsString() @Length(1, 200) name?: string | null;

  @ApiPropertyOptional({ example: '1111 Budapest, Fő utca 1.', nullable: true })
  @IsOptional() @IsString() @Length(1, 300) address?: string | null;

  @ApiPropertyOptional({ example: 'eva.kovacs@example.hu', nullable: true })
  @IsOptional() @IsEmail() @MaxLength(254) email?: string | null;

  @ApiPropertyOptional({ example: '+36 30 123 4567', nullable: true })
  @IsOptional() @Matches(/^\+?[0-9 ()/-]{6,30}$/, { message: 'phone must be a telephone number' }) phone?: string | null;

  @ApiPropertyOptional({ example: 'U-1001', nullable: true, description: 'Customer (user) identifier' })
  @IsOptional() @IsString() @Length(1, 50) customerNumber?: string | null;

  @ApiPropertyOptional({ type: RepresentativeDto, nullable: true })
  @IsOptional() @ValidateNested() @Type(() => RepresentativeDto) representative?: RepresentativeDto | null;
}

export class PositionDto {
  @ApiProperty({ example: 'The reading was corrected at the desk' }) @IsString() @Length(1, 5000) position!: string;
}

export class QualityInvestigationDto {
  @ApiProperty({ enum: ['out_of_turn', 'agreed_time'], example: 'agreed_time' }) @IsIn(['out_of_turn', 'agreed_time']) mode!: 'out_of_turn' | 'agreed_time';
  @ApiPropertyOptional({ example: '2026-03-04T14:00:00.000Z' }) @IsOptional() @IsISO8601(ISO) agreedAt?: string;
}

export class RegisterComplaintRequest {
  @ApiPropertyOptional({ description: 'Client-chosen case id; derived from the Idempotency-Key when absent', example: '0192f3a4-7b1c-7d2e-9f00-1234567890ab' })
  @IsOptional() @IsUUID() complaintId?: string;

  @ApiProperty({ description: 'When the complaint reached the provider', example: '2026-03-02T08:30:00.000Z' })
  @IsISO8601(ISO) receivedAt!: string;

  @ApiProperty({ enum: CHANNELS, example: 'letter' }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiProperty({ enum: COMPLAINT_KINDS, example: 'bill_objection' }) @IsIn(COMPLAINT_KINDS) kind!: (typeof COMPLAINT_KINDS)[number];
  @ApiProperty({ type: ComplainantDto }) @IsDefined() @ValidateNested() @Type(() => ComplainantDto) complainant!: ComplainantDto;
  @ApiProperty({ description: 'No name given (R-LAW-06)', example: false }) @IsBoolean() anonymous!: boolean;
  @ApiPropertyOptional({ example: 'POU-000123', nullable: true }) @IsOptional() @IsString() @Length(1, 50) placeOfUseId?: string | null;
  @ApiProperty({ example: 'The January bill charges twice the usual heating.' }) @IsString() @MaxLength(10000) description!: string;
  @ApiProperty({ type: [String], example: ['January invoice 2026/0001'] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 300, { each: true }) documents!: string[];
  @ApiPropertyOptional({ example: 'Correct the bill', nullable: true }) @IsOptional() @IsString() @MaxLength(2000) remedySought?: string | null;
  @ApiPropertyOptional({ enum: CUSTOMER_MATTERS, isArray: true, example: [] }) @IsOptional() @IsArray() @IsIn(CUSTOMER_MATTERS, { each: true }) requestedMatters?: (typeof CUSTOMER_MATTERS)[number][];
  @ApiPropertyOptional({ description: 'Book a personal appointment for in-person-only matters (R-CHN-01)', example: false }) @IsOptional() @IsBoolean() bookAppointment?: boolean;
  @ApiPropertyOptional({ description: 'When the customer asked for the personal appointment; receivedAt when absent. The 5 working days of R-LAW-11 run from its date', example: '2026-03-02T08:30:00.000Z', nullable: true })
  @IsOptional() @IsISO8601(ISO) appointmentRequestedAt?: string | null;
  @ApiPropertyOptional({ description: 'A phone complaint: the call recording’s id in the telephony system (R-LAW-10)', example: 'TEL-2026-000123', nullable: true })
  @IsOptional() @IsString() @Length(1, 200) callRecordingId?: string | null;
  @ApiPropertyOptional({ type: PositionDto, nullable: true, description: 'Oral complaint settled at once (R-CPL-08)' }) @IsOptional() @ValidateNested() @Type(() => PositionDto) settledOnTheSpot?: PositionDto | null;
  @ApiPropertyOptional({ nullable: true, example: null }) @IsOptional() @IsString() @MaxLength(5000) positionIfExamined?: string | null;
  @ApiPropertyOptional({ description: 'Where the record of an oral complaint is drawn up (R-LAW-04)', example: 'Customer service office, Budapest, desk 3', nullable: true }) @IsOptional() @IsString() @Length(1, 300) recordPlace?: string | null;
  @ApiPropertyOptional({ nullable: true, example: true }) @IsOptional() @IsBoolean() customerSignedRecord?: boolean | null;
  @ApiPropertyOptional({ example: true }) @IsOptional() @IsBoolean() recordCopyHandedOver?: boolean;
  @ApiPropertyOptional({ type: QualityInvestigationDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => QualityInvestigationDto) qualityInvestigation?: QualityInvestigationDto | null;
}

export class DesignateClerkRequest {
  @ApiProperty({ example: 'clerk-kiss' }) @IsString() @Length(1, 100) clerkId!: string;
}

export class ReassignClerkRequest extends DesignateClerkRequest {
  @ApiProperty({ example: 'clerk on sick leave' }) @IsString() @Length(1, 1000) reason!: string;
}

export class RecordsCheckedRequest {
  @ApiProperty({ example: 'billing history 2025-2026' }) @IsString() @Length(1, 2000) records!: string;
  @ApiProperty({ example: 'January reading entered twice' }) @IsString() @Length(1, 5000) findings!: string;
}

export class RequestDocumentsRequest {
  @ApiProperty({ type: [String], example: ['photo of the meter'] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 300, { each: true }) documents!: string[];
  @ApiProperty({ enum: WRITTEN_CHANNELS, example: 'email' }) @IsIn(WRITTEN_CHANNELS) channel!: (typeof WRITTEN_CHANNELS)[number];
}

export class ReceiveDocumentsRequest {
  @ApiProperty({ type: [String], example: ['photo of the meter'] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 300, { each: true }) documents!: string[];
}

export class RequestSiteInspectionRequest {
  @ApiProperty({ example: '2026-03-05', description: 'Date agreed with the customer' }) @Matches(DATE, { message: 'agreedDate must be a date as YYYY-MM-DD' }) agreedDate!: string;
  @ApiPropertyOptional({ example: 'customer at home after 16:00', nullable: true }) @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
  @ApiPropertyOptional({ example: '16:00-18:00', nullable: true, description: 'Time or window on the agreed day, for the dispatcher request (R-CPL-10)' })
  @IsOptional() @IsString() @Length(1, 100) timeOfDay?: string | null;
  @ApiPropertyOptional({ enum: FAULT_KINDS, example: 'billing_meter_failure', nullable: true, description: 'Kind of the dispatcher request; derived from the complaint’s kind when absent' })
  @IsOptional() @IsIn(FAULT_KINDS) faultKind?: (typeof FAULT_KINDS)[number] | null;
  @ApiPropertyOptional({ example: false, description: 'Whether a flat-fee maintenance contract covers the installation (R-DSP-02); no when absent' })
  @IsOptional() @IsBoolean() maintenanceContract?: boolean;
}

export class RecordSiteInspectionRequest {
  @ApiProperty({ example: '2026-03-05' }) @Matches(DATE, { message: 'inspectedOn must be a date as YYYY-MM-DD' }) inspectedOn!: string;
  @ApiProperty({ example: 'radiator valve stuck' }) @IsString() @Length(1, 5000) findings!: string;
}

export class OrderMeterExaminationRequest {
  @ApiProperty({ example: 'HM-88123' }) @IsString() @Length(1, 50) meterId!: string;
  @ApiProperty({ enum: ['provider', 'customer'], example: 'provider' }) @IsIn(['provider', 'customer']) meterOwner!: 'provider' | 'customer';
  @ApiProperty({ enum: ['customer', 'provider'], example: 'customer' }) @IsIn(['customer', 'provider']) requestedBy!: 'customer' | 'provider';
}

export class MeterExaminationResultRequest {
  @ApiProperty({ example: true }) @IsBoolean() withinLimits!: boolean;
  @ApiProperty({ example: true }) @IsBoolean() meterFit!: boolean;
  @ApiProperty({ example: 0.8 }) @IsNumber() @Min(-100) @Max(100) deviationPercent!: number;
  @ApiProperty({ example: 'Metrology laboratory, Budapest' }) @IsString() @Length(1, 200) laboratory!: string;
  @ApiProperty({ example: 18000, description: 'HUF' }) @IsInt() @Min(0) costs!: number;
  @ApiProperty({ description: 'Within limits, the owner charges the requester (R-MTR-02)', example: true }) @IsBoolean() chargeRequester!: boolean;
}

export class EstimateConsumptionRequest {
  @ApiProperty({ example: '2026-01-01' }) @Matches(DATE) faultFrom!: string;
  @ApiProperty({ example: '2026-01-31' }) @Matches(DATE) faultTo!: string;
  @ApiProperty({ enum: ['same_period_previous_year', 'after_repair', 'before_fault'], example: 'same_period_previous_year' })
  @IsIn(['same_period_previous_year', 'after_repair', 'before_fault']) basis!: 'same_period_previous_year' | 'after_repair' | 'before_fault';
  @ApiProperty({ example: '2025-01-01' }) @Matches(DATE) basisFrom!: string;
  @ApiProperty({ example: '2025-01-31' }) @Matches(DATE) basisTo!: string;
  @ApiPropertyOptional({ example: 'degree-day correction +4%', nullable: true }) @IsOptional() @IsString() @MaxLength(1000) correction?: string | null;
  @ApiProperty({ example: 3.2 }) @IsNumber() @Min(0) estimatedGj!: number;
  @ApiProperty({ example: true }) @IsBoolean() previousYearDataAvailable!: boolean;
}

export class HotWaterMeasurementRequest {
  @ApiProperty({ example: '2026-03-02T10:15:00.000Z' }) @IsISO8601(ISO) measuredAt!: string;
  @ApiProperty({ example: 38.5 }) @IsNumber() @Min(0) @Max(100) temperatureCelsius!: number;
  @ApiProperty({ example: 60 }) @IsInt() @Min(0) @Max(3600) afterSecondsOfUse!: number;
}

export class QualityCostsRequest {
  @ApiProperty({ enum: ['provider', 'customer'], example: 'customer' }) @IsIn(['provider', 'customer']) systemOwner!: 'provider' | 'customer';
  @ApiProperty({ example: false }) @IsBoolean() maintenanceContract!: boolean;
  @ApiProperty({ example: true }) @IsBoolean() complaintFounded!: boolean;
  @ApiProperty({ example: 25000 }) @IsInt() @Min(0) repairCost!: number;
  @ApiProperty({ example: 8000 }) @IsInt() @Min(0) investigationCost!: number;
}

export class FindingRequest {
  @ApiProperty({ enum: FINDINGS, example: 'justified' }) @IsIn(FINDINGS) finding!: (typeof FINDINGS)[number];
  @ApiProperty({ example: 'The January reading was entered twice.' }) @IsString() @Length(1, 10000) reasoning!: string;
}

export class CorrectionRequest {
  @ApiProperty({ enum: CORRECTION_AREAS, example: 'invoice' }) @IsIn(CORRECTION_AREAS) area!: (typeof CORRECTION_AREAS)[number];
  @ApiProperty({ example: 'credit note for January' }) @IsString() @Length(1, 2000) description!: string;
  @ApiPropertyOptional({ example: -12500, nullable: true, description: 'HUF' }) @IsOptional() @IsInt() amount?: number | null;
}

export class ScheduleRefundRequest {
  @ApiProperty({ example: 12500, description: 'HUF' }) @IsInt() @Min(1) amount!: number;
}

export class RefundCreditedRequest {
  @ApiProperty({ example: '2026-04' }) @Matches(MONTH, { message: 'billingPeriod must be YYYY-MM' }) billingPeriod!: string;
  @ApiProperty({ example: 'SZ-2026-04-000123' }) @IsString() @Length(1, 50) invoiceNumber!: string;
}

export class InstalmentPlanRequest {
  @ApiProperty({ example: 30000 }) @IsInt() @Min(1) amountOwed!: number;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(120) erroneousBillingMonths!: number;
  @ApiProperty({ example: '2026-04' }) @Matches(MONTH, { message: 'firstInstalmentMonth must be YYYY-MM' }) firstInstalmentMonth!: string;
  @ApiProperty({ enum: CHANNELS, example: 'in_person', description: 'Instalment agreements are made in person (R-CHN-01)' }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
}

export class ExtendReplyDeadlineRequest {
  @ApiProperty({ enum: ['site_inspection', 'authority_query'], example: 'site_inspection' }) @IsIn(['site_inspection', 'authority_query']) reason!: 'site_inspection' | 'authority_query';
  @ApiProperty({ example: 15, maximum: 15 }) @IsInt() @Min(1) @Max(366) extendByDays!: number;
  @ApiProperty({ example: '2026-03-10T09:00:00.000Z' }) @IsISO8601(ISO) customerNotifiedAt!: string;
  @ApiProperty({ enum: WRITTEN_CHANNELS, example: 'letter' }) @IsIn(WRITTEN_CHANNELS) noticeChannel!: (typeof WRITTEN_CHANNELS)[number];
}

export class RedressBodyDto {
  @ApiProperty({ example: 'Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály' }) @IsString() @Length(1, 300) name!: string;
  @ApiProperty({ example: '1051 Budapest, Sas u. 19.' }) @IsString() @Length(1, 300) address!: string;
  @ApiPropertyOptional({ example: '+36 1 450 2598', nullable: true }) @IsOptional() @IsString() @MaxLength(50) phone?: string | null;
  @ApiPropertyOptional({ example: 'fogyasztovedelem@bfkh.gov.hu', nullable: true }) @IsOptional() @IsEmail() email?: string | null;
}

export class RedressDto {
  @ApiProperty({ type: RedressBodyDto }) @IsDefined() @ValidateNested() @Type(() => RedressBodyDto) consumerProtectionAuthority!: RedressBodyDto;
  @ApiProperty({ type: RedressBodyDto }) @IsDefined() @ValidateNested() @Type(() => RedressBodyDto) conciliationBoard!: RedressBodyDto;
}

export class SendReplyRequest {
  @ApiProperty({ enum: WRITTEN_CHANNELS, example: 'letter' }) @IsIn(WRITTEN_CHANNELS) channel!: (typeof WRITTEN_CHANNELS)[number];
  @ApiProperty({ example: '2026-03-12T10:00:00.000Z' }) @IsISO8601(ISO) sentAt!: string;
  @ApiProperty({ example: 'Your objection was examined.' }) @IsString() @Length(1, 5000) summary!: string;
  @ApiProperty({ example: 'The bill matches the meter readings of 2026-01-31.' }) @IsString() @MaxLength(20000) reasons!: string;
  @ApiPropertyOptional({ type: RedressDto, nullable: true, description: 'Required for a rejection (R-LAW-07); filled from the directory by county when absent' })
  @IsOptional() @ValidateNested() @Type(() => RedressDto) redress?: RedressDto | null;
  @ApiPropertyOptional({ description: 'The complainant’s county, to find the competent bodies (R-LAW-07, R-LAW-12)', example: 'budapest' })
  @IsOptional() @IsString() @Length(2, 50) residenceCounty?: string;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() recordCopyEnclosed?: boolean;
}

export class WrittenReplyLapseRequest {
  @ApiProperty({ enum: ['identity_withheld', 'description_withheld', 'refused_to_sign'], example: 'identity_withheld' })
  @IsIn(['identity_withheld', 'description_withheld', 'refused_to_sign']) reason!: 'identity_withheld' | 'description_withheld' | 'refused_to_sign';
  @ApiProperty({ example: 'no address or e-mail was given' }) @IsString() @Length(1, 2000) explanation!: string;
}

export class ReasonRequest {
  @ApiProperty({ example: 'the customer withdrew the complaint by letter' }) @IsString() @Length(1, 2000) reason!: string;
}

export class CloseAsRepeatedRequestDto extends ReasonRequest {
  @ApiProperty({ example: '0192f3a4-7b1c-7d2e-9f00-1234567890ab' }) @IsUUID() earlierComplaintId!: string;
}

export class RecordingCopyRequest {
  @ApiProperty({ description: 'The recording, by its telephony id, as referenced on the case', example: 'TEL-2026-000123' }) @IsString() @Length(1, 200) callRecordingId!: string;
  @ApiProperty({ description: 'When the customer asked for the copy; the 30 days run from its date', example: '2026-03-05T10:00:00.000Z' }) @IsISO8601(ISO) requestedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter' }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
}

export class RecordingCopyHandoverRequest {
  @ApiProperty({ example: '2026-03-10T10:00:00.000Z' }) @IsISO8601(ISO) handedOverAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'email' }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiPropertyOptional({ description: 'Always 0: the copy is free (R-LAW-10)', example: 0 }) @IsOptional() @IsInt() @Min(0) feeHuf?: number;
}

export class OfferAppointmentRequest {
  @ApiProperty({ description: 'When the customer is expected in person (R-LAW-11)', example: '2026-03-06T10:00:00.000Z' }) @IsISO8601(ISO) appointmentAt!: string;
}

export class IdentityVerificationRequest {
  @ApiProperty({ example: 'call-2026-03-02-0815', description: 'The telephony system’s call id' }) @IsString() @Length(1, 100) callId!: string;
  @ApiProperty({ enum: ['customer_number', 'personal_data'], example: 'customer_number' }) @IsIn(['customer_number', 'personal_data']) method!: 'customer_number' | 'personal_data';
}

export class DisclosureRequest {
  @ApiProperty({ enum: CHANNELS, example: 'phone' }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiProperty({ enum: ['personal_data', 'case_status', 'arrears_amount', 'technical_information'], example: 'case_status' })
  @IsIn(['personal_data', 'case_status', 'arrears_amount', 'technical_information']) information!: 'personal_data' | 'case_status' | 'arrears_amount' | 'technical_information';
  @ApiPropertyOptional({ example: 'call-2026-03-02-0815', nullable: true }) @IsOptional() @IsString() @Length(1, 100) callId?: string | null;
  @ApiPropertyOptional({ description: 'By phone: the call recording’s id in the telephony system (R-LAW-10)', example: 'TEL-2026-000124', nullable: true }) @IsOptional() @IsString() @Length(1, 200) callRecordingId?: string | null;
  @ApiProperty({ enum: ['debtor', 'authorised_representative', 'other'], example: 'debtor' }) @IsIn(['debtor', 'authorised_representative', 'other']) recipient!: 'debtor' | 'authorised_representative' | 'other';
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() authorisationChecked?: boolean;
  @ApiPropertyOptional({ description: 'Important information given by phone is confirmed in writing (R-CHN-04)', example: true }) @IsOptional() @IsBoolean() important?: boolean;
  @ApiProperty({ example: 'site inspection on Thursday 10:00' }) @IsString() @Length(1, 2000) summary!: string;
}

export class PhoneConfirmationRequest {
  @ApiProperty({ enum: ['fax', 'letter'], example: 'letter' }) @IsIn(['fax', 'letter']) channel!: 'fax' | 'letter';
  @ApiProperty({ example: '2026-03-03T09:00:00.000Z' }) @IsISO8601(ISO) sentAt!: string;
}
