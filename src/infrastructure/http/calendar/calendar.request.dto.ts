import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SwappedDaysFields {
  @ApiProperty({ description: 'Weekend days that are worked', example: ['2027-01-09'], type: [String] })
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(DATE, { each: true, message: 'each of extraWorkingDays must be a date as YYYY-MM-DD' })
  extraWorkingDays!: string[];

  @ApiProperty({ description: 'Weekdays that are rest days', example: ['2027-01-02'], type: [String] })
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(DATE, { each: true, message: 'each of extraRestDays must be a date as YYYY-MM-DD' })
  extraRestDays!: string[];

  @ApiProperty({ description: 'The decree that orders the swaps', example: '7/2026. (IV. 30.) NGM rendelet' })
  @IsString()
  @Length(3, 300)
  source!: string;
}

export class DeclareSwappedDaysRequest extends SwappedDaysFields {
  @ApiProperty({ example: 2027, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class AmendSwappedDaysRequest extends SwappedDaysFields {
  @ApiProperty({ description: 'Why the declared days change', example: 'Decree amended by 9/2026. NGM rendelet' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export class DeadlineQuery {
  @ApiProperty({ description: 'The triggering day (not counted)', example: '2026-12-09' })
  @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: 15, minimum: 1, maximum: 3660 })
  @IsInt()
  @Min(1)
  @Max(3660)
  amount!: number;

  @ApiProperty({ enum: ['calendar_days', 'working_days', 'months', 'years'], example: 'calendar_days' })
  @Matches(/^(calendar_days|working_days|months|years)$/, { message: 'unit must be one of calendar_days, working_days, months, years' })
  unit!: 'calendar_days' | 'working_days' | 'months' | 'years';
}
