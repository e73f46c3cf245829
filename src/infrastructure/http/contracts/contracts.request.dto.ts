import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { CHANNELS, CUSTOMER_MATTERS } from '../../../domain/channel/channel-rules.js';
import { PAYER_CHANGE_REASONS, PROVIDER_TERMINATION_GROUNDS } from '../../../domain/contract/contract-in-force/contract.commands.js';
import { CONTRACT_KINDS, PAYMENT_METHODS, USER_CATEGORIES } from '../../../domain/contract/contract.types.js';
import { CONTRACT_CASE_STATUSES, CONTRACT_CASE_TYPES } from '../../../projections/contract-cases/contract-cases.projection.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO = { strict: true, strictSeparator: true } as const;
const PHONE = /^\+?[0-9 ()/-]{6,30}$/;
const date = (field: string) => ({ message: `${field} must be a date as YYYY-MM-DD` });

type Channel = (typeof CHANNELS)[number];

export class BankDetailsDto {
  @ApiProperty({ example: 'OTP Bank', description: 'Personal data: encrypted at rest' }) @IsString() @Length(1, 200) bankName!: string;
  @ApiProperty({ example: '11773016-12345678-00000000' }) @IsString() @Length(1, 50) accountNumber!: string;
}

export class PartyRepresentativeDto {
  @ApiProperty({ example: 'Szabó Péter' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: '7100 Szekszárd, Fő tér 2.' }) @IsString() @Length(1, 300) address!: string;
}

/**
 * R-CON-01: an applicant, customer or payer. Residential users give their birth data and mother's
 * name, other users their registration numbers and representative; what is missing is named by
 * the rule, not here. Every field but the category is personal data, encrypted at rest.
 */
export class PartyDto {
  @ApiProperty({ enum: USER_CATEGORIES, example: 'residential' }) @IsIn(USER_CATEGORIES) category!: (typeof USER_CATEGORIES)[number];
  @ApiPropertyOptional({ example: 'Kovács Éva' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: '1111 Budapest, Fő utca 1.' }) @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional({ example: 'owner', description: 'Legal title to the place of use: owner, tenant, user' }) @IsOptional() @IsString() @MaxLength(100) legalTitle?: string;
  @ApiPropertyOptional({ example: 'eva.kovacs@example.hu', nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ example: '+36 30 123 4567', nullable: true }) @IsOptional() @Matches(PHONE, { message: 'phone must be a telephone number' }) phone?: string | null;
  @ApiPropertyOptional({ type: BankDetailsDto, nullable: true, description: 'Needed when paying by transfer; other users give them always (R-CON-01)' })
  @IsOptional() @ValidateNested() @Type(() => BankDetailsDto) bankDetails?: BankDetailsDto | null;
  @ApiPropertyOptional({ example: 'Szekszárd', description: 'Residential users' }) @IsOptional() @IsString() @MaxLength(200) birthPlace?: string;
  @ApiPropertyOptional({ example: '1980-05-17', description: 'Residential users' }) @IsOptional() @Matches(DATE, date('birthDate')) birthDate?: string;
  @ApiPropertyOptional({ example: 'Nagy Mária', description: 'Residential users' }) @IsOptional() @IsString() @MaxLength(200) mothersName?: string;
  @ApiPropertyOptional({ example: '12345678-3530-113-17', description: 'Other users' }) @IsOptional() @IsString() @MaxLength(50) statisticalNumber?: string;
  @ApiPropertyOptional({ example: '17-09-001234', description: 'Other users' }) @IsOptional() @IsString() @MaxLength(50) companyRegistrationNumber?: string;
  @ApiPropertyOptional({ example: '12345678-2-17', description: 'Other users' }) @IsOptional() @IsString() @MaxLength(50) taxNumber?: string;
  @ApiPropertyOptional({ type: PartyRepresentativeDto, description: 'Other users' }) @IsOptional() @ValidateNested() @Type(() => PartyRepresentativeDto) representative?: PartyRepresentativeDto;
}

export class PlaceOfUseDto {
  @ApiPropertyOptional({ example: 'POU-77', nullable: true, description: 'The provider’s id of an existing place of use (needed for extra capacity)' })
  @IsOptional() @IsString() @Length(1, 50) placeOfUseId?: string | null;
  @ApiProperty({ example: '1111 Budapest, Fő utca 1.', description: 'Personal data: encrypted at rest' }) @IsString() @MaxLength(300) address!: string;
  @ApiProperty({ example: 'flat', description: 'What the place is used for; for other users the facility and its designation' }) @IsString() @MaxLength(300) purpose!: string;
}

export class HeatDemandDto {
  @ApiProperty({ example: 12, description: 'Requested peak heat demand, kW' }) @IsNumber() @Min(0) @Max(1_000_000) peakHeatKw!: number;
  @ApiProperty({ example: 6, description: 'Hot-water demand, kW' }) @IsNumber() @Min(0) @Max(1_000_000) hotWaterKw!: number;
  @ApiProperty({ example: 18, description: 'Total peak, the sum of the two (R-CON-01)' }) @IsNumber() @Min(0) @Max(2_000_000) totalPeakKw!: number;
}

export class ContractTermDto {
  @ApiProperty({ enum: ['indefinite', 'fixed'], example: 'indefinite' }) @IsIn(['indefinite', 'fixed']) kind!: 'indefinite' | 'fixed';
  @ApiPropertyOptional({ example: false, description: 'Indefinite: an individual contract agreed as indefinite (R-CON-10)' }) @IsOptional() @IsBoolean() agreedOtherwise?: boolean;
  @ApiPropertyOptional({ example: '2027-09-30', description: 'Fixed: the last day' }) @IsOptional() @Matches(DATE, date('endsOn')) endsOn?: string;
}

/** What the draft (the offer) and the contract say. */
export class ContractTermsDto {
  @ApiProperty({ enum: CONTRACT_KINDS, example: 'general', description: 'general for residential users, individual for others (R-CON-10)' }) @IsIn(CONTRACT_KINDS) kind!: (typeof CONTRACT_KINDS)[number];
  @ApiProperty({ example: 'POU-77' }) @IsString() @Length(1, 50) placeOfUseId!: string;
  @ApiProperty({ example: 'A1 residential' }) @IsString() @Length(1, 100) tariff!: string;
  @ApiProperty({ enum: PAYMENT_METHODS, example: 'postal_cheque' }) @IsIn(PAYMENT_METHODS) paymentMethod!: (typeof PAYMENT_METHODS)[number];
  @ApiProperty({ example: 18 }) @IsNumber() @Min(0) @Max(1_000_000) contractedHeatKw!: number;
  @ApiProperty({ example: '2026-10-01' }) @Matches(DATE, date('supplyStartsOn')) supplyStartsOn!: string;
  @ApiProperty({ type: ContractTermDto }) @IsDefined() @ValidateNested() @Type(() => ContractTermDto) term!: ContractTermDto;
  @ApiPropertyOptional({ example: null, nullable: true, description: 'An individual contract’s own notice period for the customer, in days (R-CON-13)' })
  @IsOptional() @IsInt() @Min(1) @Max(3650) customerNoticeDays?: number | null;
}

// ---- Connection applications (R-CON-01 to R-CON-03) ----

export class SubmitConnectionApplicationRequest {
  @ApiPropertyOptional({ description: 'Client-chosen case id; derived from the Idempotency-Key when absent', example: '0192f3a4-7b1c-7d2e-9f00-1234567890ab' })
  @IsOptional() @IsUUID() applicationId?: string;
  @ApiProperty({ description: 'When the written application reached the provider', example: '2026-03-02T08:30:00.000Z' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter', description: 'The application is written (R-CON-01): not by phone' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ type: PartyDto }) @IsDefined() @ValidateNested() @Type(() => PartyDto) applicant!: PartyDto;
  @ApiProperty({ type: PlaceOfUseDto }) @IsDefined() @ValidateNested() @Type(() => PlaceOfUseDto) placeOfUse!: PlaceOfUseDto;
  @ApiProperty({ enum: ['new_connection', 'extra_capacity'], example: 'new_connection' }) @IsIn(['new_connection', 'extra_capacity']) purpose!: 'new_connection' | 'extra_capacity';
  @ApiProperty({ type: HeatDemandDto }) @IsDefined() @ValidateNested() @Type(() => HeatDemandDto) demand!: HeatDemandDto;
  @ApiProperty({ example: '2026-10-01', description: 'Requested start of service' }) @Matches(DATE, date('requestedStartDate')) requestedStartDate!: string;
  @ApiProperty({ enum: PAYMENT_METHODS, example: 'postal_cheque' }) @IsIn(PAYMENT_METHODS) paymentMethod!: (typeof PAYMENT_METHODS)[number];
  @ApiPropertyOptional({ example: 'Two-pipe system, 1978', nullable: true }) @IsOptional() @IsString() @MaxLength(2000) otherTechnicalData?: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, description: 'Other users: their security-of-supply needs' }) @IsOptional() @IsString() @MaxLength(2000) securityOfSupplyNeeds?: string | null;
}

/** R-CON-02: every item of the provider's information; a missing one is named by the rule. */
export class ConnectionInformationDto {
  @ApiPropertyOptional({ example: 'Heat centre K-12' }) @IsOptional() @IsString() @MaxLength(500) supplyPoint?: string;
  @ApiPropertyOptional({ example: 'Manifold 3, basement' }) @IsOptional() @IsString() @MaxLength(500) connectionPoint?: string;
  @ApiPropertyOptional({ example: 450000 }) @IsOptional() @IsInt() @Min(0) connectionFeeHuf?: number;
  @ApiPropertyOptional({ example: 'Secondary circuit with heat exchanger; pressure class PN16' }) @IsOptional() @IsString() @MaxLength(5000) technicalConditions?: string;
  @ApiPropertyOptional({ type: [String], example: ['building permit for the substation'], description: 'An empty list states that none is needed' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true }) permitsNeeded?: string[];
  @ApiPropertyOptional({ example: 'Heat meter on the return line in the substation, DN25' }) @IsOptional() @IsString() @MaxLength(2000) meterPlacement?: string;
  @ApiPropertyOptional({ type: [String], example: ['A1 residential', 'A2 residential with hot water'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) selectableTariffs?: string[];
  @ApiPropertyOptional({ enum: PAYMENT_METHODS, example: 'postal_cheque' }) @IsOptional() @IsIn(PAYMENT_METHODS) recommendedPaymentMethod?: (typeof PAYMENT_METHODS)[number];
  @ApiPropertyOptional({ example: '2026-10-01' }) @IsOptional() @Matches(DATE, date('possibleStartDate')) possibleStartDate?: string;
  @ApiPropertyOptional({ example: '2026-04-30', description: 'The information and offer are valid until this day (R-CON-03)' }) @IsOptional() @Matches(DATE, date('validUntil')) validUntil?: string;
}

export class ConnectionInformationRequest {
  @ApiProperty({ example: '2026-03-10T08:00:00.000Z' }) @IsISO8601(ISO) sentAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ type: ConnectionInformationDto }) @IsDefined() @ValidateNested() @Type(() => ConnectionInformationDto) information!: ConnectionInformationDto;
}

export class AcceptInformationRequest {
  @ApiProperty({ example: '2026-03-16T08:00:00.000Z' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter', description: 'In writing (R-CON-03); ordering installation work in person (R-CHN-01)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiPropertyOptional({ example: false, description: 'On a channel the matter cannot be settled on: book a personal appointment instead of refusing (R-CHN-01)' })
  @IsOptional() @IsBoolean() bookAppointment?: boolean;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() ordersInstallationWork?: boolean;
}

export class RequestChangesRequest {
  @ApiProperty({ example: '2026-03-16T08:00:00.000Z' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'email' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ type: [String], example: ['meter in the flat instead of the basement'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 2000, { each: true }) changes!: string[];
}

export class SendContractRequest {
  @ApiProperty({ example: '2026-03-20T09:00:00.000Z' }) @IsISO8601(ISO) sentAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ type: ContractTermsDto }) @IsDefined() @ValidateNested() @Type(() => ContractTermsDto) terms!: ContractTermsDto;
}

export class DifferenceDto {
  @ApiProperty({ example: '5.2 billing' }) @IsString() @Length(1, 200) clause!: string;
  @ApiProperty({ example: 'Quarterly bills', description: 'The customer’s own wording: personal data, encrypted at rest' }) @IsString() @Length(1, 5000) customerPosition!: string;
}

/** R-CON-06, R-CON-07: the customer's signed copy; any difference makes it a counter-offer. */
export class SignedReturnRequest {
  @ApiProperty({ example: '2026-04-02T09:30:00.000Z', description: 'When the signed copy reached the provider: the contract is formed at that moment' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'in_person', description: 'In person or by letter (R-CHN-01)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiPropertyOptional({ example: false, description: 'On another channel: book a personal appointment instead of refusing (R-CHN-01)' }) @IsOptional() @IsBoolean() bookAppointment?: boolean;
  @ApiPropertyOptional({ type: [DifferenceDto], example: [], description: 'Clauses signed differently' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => DifferenceDto) differences?: DifferenceDto[];
}

export class RefusalRequest {
  @ApiProperty({ type: [String], example: ['the substation permit was not obtained'], description: 'The conditions of the information the applicant did not meet (R-CON-09)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 1000, { each: true }) unmetConditions!: string[];
  @ApiProperty({ example: 'Without the permit the connection cannot be built.' }) @IsString() @Length(1, 5000) explanation!: string;
  @ApiProperty({ example: '2026-03-20T09:00:00.000Z' }) @IsISO8601(ISO) sentAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter' }) @IsIn(CHANNELS) channel!: Channel;
}

export class ContractWithdrawalRequest {
  @ApiProperty({ example: '2026-03-12T08:00:00.000Z' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ example: 'the customer sold the flat' }) @IsString() @Length(1, 2000) reason!: string;
}

/** R-LAW-11: the personal appointment offered for a booking (R-CHN-01). */
export class AppointmentOfferRequest {
  @ApiProperty({ example: '0192f3a4-7b1c-7d2e-9f00-1234567890ab', description: 'The appointmentId of the PersonalAppointmentRequested step' }) @IsString() @Length(1, 100) appointmentId!: string;
  @ApiProperty({ example: '2026-03-05T09:00:00.000Z' }) @IsISO8601(ISO) appointmentAt!: string;
}

// ---- Contract requests and offers (R-CON-04 to R-CON-09) ----

export class RequestContractRequest {
  @ApiPropertyOptional({ description: 'Client-chosen case id; derived from the Idempotency-Key when absent. Give the id of a booked request when the customer comes in person.', example: '0192f3a4-7b1c-7d2e-9f00-1234567890ab' })
  @IsOptional() @IsUUID() offerId?: string;
  @ApiProperty({ description: 'When the written request reached the provider: the 30 days of R-CON-04 run from it', example: '2026-03-02T08:30:00.000Z' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter', description: 'Concluding a contract needs the customer in person or in writing; by phone it is refused (R-CHN-01) or booked' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiPropertyOptional({ example: false, description: 'By phone: book a personal appointment instead of refusing (R-CHN-01, R-LAW-11)' }) @IsOptional() @IsBoolean() bookAppointment?: boolean;
  @ApiProperty({ type: PartyDto }) @IsDefined() @ValidateNested() @Type(() => PartyDto) requester!: PartyDto;
  @ApiProperty({ type: PlaceOfUseDto }) @IsDefined() @ValidateNested() @Type(() => PlaceOfUseDto) placeOfUse!: PlaceOfUseDto;
  @ApiProperty({ enum: ['information_conditions_met', 'fixed_term_contract_ending'], example: 'information_conditions_met' })
  @IsIn(['information_conditions_met', 'fixed_term_contract_ending']) basis!: 'information_conditions_met' | 'fixed_term_contract_ending';
  @ApiPropertyOptional({ example: null, nullable: true, description: 'The connection application whose information the requester met' }) @IsOptional() @IsUUID() connectionApplicationId?: string | null;
  @ApiPropertyOptional({ type: [String], example: ['title deed'], description: 'Papers submitted with the request: personal data, encrypted at rest' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 300, { each: true }) documents?: string[];
}

export class DeficiencyNoticeRequest {
  @ApiProperty({ example: '2026-03-10T08:00:00.000Z' }) @IsISO8601(ISO) sentAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ type: [String], example: ['energy certificate'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 500, { each: true }) missing!: string[];
  @ApiProperty({ example: '2026-03-31', description: 'The customer is asked to send them by this day' }) @Matches(DATE, date('respondBy')) respondBy!: string;
}

export class MissingItemsRequest {
  @ApiProperty({ example: '2026-03-25T08:00:00.000Z' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiProperty({ type: [String], example: ['energy certificate'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 500, { each: true }) items!: string[];
  @ApiProperty({ example: true, description: 'Everything asked for has arrived: the 30-day offer deadline restarts (R-CON-05)' }) @IsBoolean() complete!: boolean;
}

export class HandOverOfferRequest {
  @ApiProperty({ example: '2026-03-10T09:00:00.000Z' }) @IsISO8601(ISO) handedOverAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter', description: 'The draft is written (R-CON-04)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ type: ContractTermsDto }) @IsDefined() @ValidateNested() @Type(() => ContractTermsDto) terms!: ContractTermsDto;
}

// ---- Counter-offers (R-CON-07) ----

export class StartReconciliationRequest {
  @ApiProperty({ example: '2026-03-30T08:00:00.000Z' }) @IsISO8601(ISO) startedAt!: string;
  @ApiProperty({ enum: ['meeting', 'letter', 'phone', 'email'], example: 'meeting' }) @IsIn(['meeting', 'letter', 'phone', 'email']) method!: 'meeting' | 'letter' | 'phone' | 'email';
  @ApiProperty({ example: 'Meeting on 2 April at the office' }) @IsString() @Length(1, 2000) note!: string;
}

export class ResolutionDto {
  @ApiProperty({ example: '5.2 billing' }) @IsString() @Length(1, 200) clause!: string;
  @ApiProperty({ example: 'Monthly bills, quarterly settlement' }) @IsString() @Length(1, 5000) agreedText!: string;
}

export class AgreePositionsRequest {
  @ApiProperty({ example: '2026-04-02T09:00:00.000Z', description: 'The contract is formed, and takes effect, at this moment (R-CON-07)' }) @IsISO8601(ISO) agreedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'in_person', description: 'In person or by signed letter (R-CHN-01)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() bookAppointment?: boolean;
  @ApiProperty({ type: [ResolutionDto], description: 'How each differing clause was settled', example: [{ clause: '5.2 billing', agreedText: 'Monthly bills, quarterly settlement' }] }) @IsDefined() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ResolutionDto) resolutions!: ResolutionDto[];
  @ApiProperty({ type: ContractTermsDto }) @IsDefined() @ValidateNested() @Type(() => ContractTermsDto) terms!: ContractTermsDto;
}

export class EndReconciliationRequest {
  @ApiProperty({ example: '2026-04-20T09:00:00.000Z' }) @IsISO8601(ISO) endedAt!: string;
  @ApiProperty({ example: 'the customer insists on quarterly bills' }) @IsString() @Length(1, 2000) reason!: string;
}

// ---- Contracts in force (R-CON-10 to R-CON-14) ----

/** R-CON-10: what an amendment may change; the kind of contract and the place of use stay. */
export class ContractChangesDto {
  @ApiPropertyOptional({ example: 'A2 residential with hot water' }) @IsOptional() @IsString() @Length(1, 100) tariff?: string;
  @ApiPropertyOptional({ enum: PAYMENT_METHODS, example: 'direct_debit' }) @IsOptional() @IsIn(PAYMENT_METHODS) paymentMethod?: (typeof PAYMENT_METHODS)[number];
  @ApiPropertyOptional({ example: 20 }) @IsOptional() @IsNumber() @Min(0) @Max(1_000_000) contractedHeatKw?: number;
  @ApiPropertyOptional({ type: ContractTermDto }) @IsOptional() @ValidateNested() @Type(() => ContractTermDto) term?: ContractTermDto;
  @ApiPropertyOptional({ example: 60, nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(3650) customerNoticeDays?: number | null;
}

export class AmendmentRequest {
  @ApiProperty({ example: '2026-05-04T08:00:00.000Z' }) @IsISO8601(ISO) agreedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'in_person', description: 'Amendments follow the contracting rules: in person or by signed letter (R-CHN-01)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() bookAppointment?: boolean;
  @ApiProperty({ type: ContractChangesDto }) @IsDefined() @ValidateNested() @Type(() => ContractChangesDto) changes!: ContractChangesDto;
  @ApiPropertyOptional({ example: '2026-06-05', nullable: true, description: 'A general contract changes 30 days after the agreement at the earliest (R-CON-10); the earliest day when absent' })
  @IsOptional() @Matches(DATE, date('effectiveFrom')) effectiveFrom?: string | null;
  @ApiProperty({ example: 'tariff with hot water from June' }) @IsString() @Length(1, 2000) description!: string;
}

export class PayerChangeRequest {
  @ApiProperty({ example: '2026-05-04T08:00:00.000Z' }) @IsISO8601(ISO) reportedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'in_person', description: 'In writing or in person (R-CON-11, R-CHN-01)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() bookAppointment?: boolean;
  @ApiProperty({ example: '2026-04-30', description: 'When the payer changed; the 15 days of R-CON-11 run from it' }) @Matches(DATE, date('changedOn')) changedOn!: string;
  @ApiProperty({ enum: PAYER_CHANGE_REASONS, example: 'sale' }) @IsIn(PAYER_CHANGE_REASONS) reason!: (typeof PAYER_CHANGE_REASONS)[number];
  @ApiProperty({ enum: ['old_payer', 'new_payer', 'owner'], isArray: true, example: ['old_payer', 'new_payer'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @IsIn(['old_payer', 'new_payer', 'owner'], { each: true }) reportedBy!: ('old_payer' | 'new_payer' | 'owner')[];
  @ApiProperty({ type: PartyDto }) @IsDefined() @ValidateNested() @Type(() => PartyDto) newPayer!: PartyDto;
  @ApiProperty({ example: 31500, description: 'Unsettled arrears on the old payer’s account, 0 if none (R-CON-12)' }) @IsInt() @Min(0) oldPayerArrearsHuf!: number;
}

export class ArrearsStatementRequest {
  @ApiProperty({ enum: ['old_payer', 'new_payer'], example: 'old_payer' }) @IsIn(['old_payer', 'new_payer']) by!: 'old_payer' | 'new_payer';
  @ApiProperty({ example: '2026-05-06T08:00:00.000Z' }) @IsISO8601(ISO) statedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter', description: 'In writing (R-CON-12)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ example: 'I pay the arrears in full by 31 May', description: 'Personal data: encrypted at rest' }) @IsString() @Length(1, 5000) settlement!: string;
}

export class PayerAgreementRequest {
  @ApiProperty({ example: '2026-05-08T08:00:00.000Z' }) @IsISO8601(ISO) concludedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'in_person', description: 'At the office, in person (R-CHN-01)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() bookAppointment?: boolean;
}

export class TerminationNoticeRequest {
  @ApiProperty({ example: '2026-06-01T08:00:00.000Z' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter', description: 'In writing (R-CON-13)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ example: false, description: 'Every statutory condition is met and reported in writing with the notice (R-CON-13)' }) @IsBoolean() conditionsMetAndReported!: boolean;
}

export class TerminationConditionsRequest {
  @ApiProperty({ example: '2026-06-20T08:00:00.000Z' }) @IsISO8601(ISO) reportedAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter', description: 'In writing (R-CON-13)' }) @IsIn(CHANNELS) channel!: Channel;
}

export class NonPaymentDto {
  @ApiProperty({ example: '2026-02-15', description: 'When the unpaid bill fell due' }) @Matches(DATE, date('billDueOn')) billDueOn!: string;
  @ApiPropertyOptional({ example: '2026-03-01', nullable: true, description: 'When the written demand was sent (R-CON-14)' }) @IsOptional() @Matches(DATE, date('writtenDemandSentOn')) writtenDemandSentOn?: string | null;
  @ApiProperty({ example: 84000 }) @IsInt() @Min(0) amountHuf!: number;
}

export class ProviderTerminationRequest {
  @ApiProperty({ enum: PROVIDER_TERMINATION_GROUNDS, example: 'non_payment' }) @IsIn(PROVIDER_TERMINATION_GROUNDS) ground!: (typeof PROVIDER_TERMINATION_GROUNDS)[number];
  @ApiProperty({ example: '2026-05-04T08:00:00.000Z' }) @IsISO8601(ISO) sentAt!: string;
  @ApiProperty({ enum: CHANNELS, example: 'letter', description: 'In writing (R-CON-14)' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ example: '2026-06-30', description: 'The last day of the contract' }) @Matches(DATE, date('endsOn')) endsOn!: string;
  @ApiProperty({ example: 'The January bill is unpaid despite the demand of 1 March.', description: 'Personal data: encrypted at rest' }) @IsString() @Length(1, 5000) description!: string;
  @ApiPropertyOptional({ type: NonPaymentDto, nullable: true, description: 'For non-payment: the unpaid bill and the written demand' })
  @IsOptional() @ValidateNested() @Type(() => NonPaymentDto) nonPayment?: NonPaymentDto | null;
  @ApiPropertyOptional({ example: null, nullable: true, description: 'For usage stopped: since when' }) @IsOptional() @Matches(DATE, date('usageStoppedOn')) usageStoppedOn?: string | null;
}

export class CustomerRequestRequest {
  @ApiProperty({ enum: CUSTOMER_MATTERS, example: 'meter_reading_report' }) @IsIn(CUSTOMER_MATTERS) matter!: (typeof CUSTOMER_MATTERS)[number];
  @ApiProperty({ enum: CHANNELS, example: 'phone', description: 'In-person-only kinds are refused on other channels (R-CHN-01); remote-capable ones are taken by letter, e-mail and phone (R-CHN-02)' })
  @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ example: '2026-05-04T08:00:00.000Z' }) @IsISO8601(ISO) receivedAt!: string;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() bookAppointment?: boolean;
  @ApiPropertyOptional({ example: 'meter shows 12345 GJ', description: 'Personal data: encrypted at rest' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

// ---- Reads ----

export class ContractCaseRegisterQueryDto {
  @ApiProperty({ example: 'cso-budapest' }) @IsString() @Length(1, 100) unit!: string;
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional({ enum: CONTRACT_CASE_TYPES, example: 'contract_offer' }) @IsOptional() @IsIn(CONTRACT_CASE_TYPES) type?: (typeof CONTRACT_CASE_TYPES)[number];
  @ApiPropertyOptional({ enum: CONTRACT_CASE_STATUSES, example: 'offer_handed_over' }) @IsOptional() @IsIn(CONTRACT_CASE_STATUSES) status?: (typeof CONTRACT_CASE_STATUSES)[number];
  @ApiPropertyOptional({ description: 'nextCursor of the previous page', example: 'eyJvIjoicmVjZWl2ZWRPbjphc2MiLCJ2IjpbIjIwMjYtMDMtMDIiXSwiaWQiOiJ4In0' })
  @IsOptional() @IsString() @Length(1, 2000) cursor?: string;
  @ApiPropertyOptional({ example: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
