import { addDays, addMonths, daysInMonth, localDateFromParts, parseLocalDate, type LocalDate } from '../calendar/local-date.js';
import { InvalidInputError, RuleViolation } from '../shared/domain-error.js';

/** R-BIL-03: a refund is credited in the monthly billing after the finding: the next calendar month. */
export function refundBillingPeriod(findingOn: string): string {
  return addMonths(parseLocalDate(findingOn), 1).slice(0, 7);
}

/** The last day of a billing period 'YYYY-MM'. */
export function lastDayOfPeriod(period: string): LocalDate {
  parseLocalDate(`${period}-01`, 'billingPeriod');
  const [year, month] = period.split('-').map(Number) as [number, number];
  return localDateFromParts(year, month, daysInMonth(year, month));
}

/**
 * R-BIL-04: a difference owed because of erroneous billing is paid in equal monthly
 * instalments over as many months as the erroneous billing lasted. Whole forints: the first
 * instalments carry the remainder, one forint each.
 */
export function instalmentsOf(amountOwed: number, months: number, firstMonth: string): { month: string; amount: number }[] {
  if (!Number.isInteger(amountOwed) || amountOwed <= 0) throw new InvalidInputError('BILL.INVALID_AMOUNT', 'The amount owed must be a positive whole number of forints', { field: 'amountOwed', rule: 'R-BIL-04' });
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new InvalidInputError('BILL.INVALID_PERIOD', 'The erroneous billing period must be 1 to 120 months', { field: 'erroneousBillingMonths', rule: 'R-BIL-04' });
  const first = parseLocalDate(`${firstMonth}-01`, 'firstInstalmentMonth');
  const base = Math.floor(amountOwed / months);
  const remainder = amountOwed - base * months;
  return Array.from({ length: months }, (_, i) => ({ month: addMonths(first, i).slice(0, 7), amount: base + (i < remainder ? 1 : 0) }));
}

/**
 * R-MTR-02: an error beyond the limit or an unfit meter puts all costs on the meter's owner;
 * within limits the owner may charge them to whoever asked for the examination.
 */
export function meterExaminationCostBearer(
  result: { readonly withinLimits: boolean; readonly meterFit: boolean; readonly chargeRequester: boolean },
  meterOwner: 'provider' | 'customer',
  requestedBy: 'customer' | 'provider',
): { bearer: 'meter_owner' | 'requester'; party: 'provider' | 'customer' } {
  if (!result.withinLimits || !result.meterFit) {
    if (result.chargeRequester) {
      throw new RuleViolation('METER.COSTS_ON_OWNER', 'R-MTR-02', 'The meter erred beyond the limit or is unfit: all costs fall on its owner and cannot be charged to the requester', { field: 'chargeRequester' });
    }
    return { bearer: 'meter_owner', party: meterOwner };
  }
  return result.chargeRequester ? { bearer: 'requester', party: requestedBy } : { bearer: 'meter_owner', party: meterOwner };
}

/**
 * R-MTR-03: consumption during a meter fault is estimated from the same period of the
 * previous year; only without such a period, from at least one month after the repair or
 * before the fault.
 */
export function checkConsumptionEstimate(estimate: {
  readonly faultFrom: string;
  readonly faultTo: string;
  readonly basis: 'same_period_previous_year' | 'after_repair' | 'before_fault';
  readonly basisFrom: string;
  readonly basisTo: string;
  readonly previousYearDataAvailable: boolean;
}): void {
  const faultFrom = parseLocalDate(estimate.faultFrom, 'faultFrom');
  const faultTo = parseLocalDate(estimate.faultTo, 'faultTo');
  const basisFrom = parseLocalDate(estimate.basisFrom, 'basisFrom');
  const basisTo = parseLocalDate(estimate.basisTo, 'basisTo');
  if (faultTo < faultFrom || basisTo < basisFrom) throw new InvalidInputError('METER.INVALID_PERIOD', 'A period must not end before it starts', { field: faultTo < faultFrom ? 'faultTo' : 'basisTo' });
  if (estimate.basis === 'same_period_previous_year') {
    if (basisFrom !== addMonths(faultFrom, -12) || basisTo !== addMonths(faultTo, -12)) {
      throw new RuleViolation('METER.ESTIMATE_BASIS', 'R-MTR-03', 'The basis must be the same period of the previous year', { field: 'basisFrom' });
    }
    return;
  }
  if (estimate.previousYearDataAvailable) {
    throw new RuleViolation('METER.ESTIMATE_BASIS', 'R-MTR-03', 'The same period of the previous year is available: estimate from it, not from another period', { field: 'basis' });
  }
  // A basis from 1 March to 31 March is one whole month: compare with the day after its end.
  if (addMonths(basisFrom, 1) > addDays(basisTo, 1)) {
    throw new RuleViolation('METER.ESTIMATE_BASIS', 'R-MTR-03', 'Without a previous-year period the basis must cover at least one month of consumption', { field: 'basisTo' });
  }
  if (estimate.basis === 'after_repair' && basisFrom <= faultTo) throw new RuleViolation('METER.ESTIMATE_BASIS', 'R-MTR-03', 'An after-repair basis starts after the fault ended', { field: 'basisFrom' });
  if (estimate.basis === 'before_fault' && basisTo >= faultFrom) throw new RuleViolation('METER.ESTIMATE_BASIS', 'R-MTR-03', 'A before-fault basis ends before the fault began', { field: 'basisTo' });
}

/** R-QLT-03: below 40 °C at the tap after one minute of use is a breach by the provider. */
export const HOT_WATER_MINIMUM_CELSIUS = 40;
export const HOT_WATER_MEASURE_AFTER_SECONDS = 60;

export function hotWaterBreach(temperatureCelsius: number, afterSecondsOfUse: number): boolean {
  if (afterSecondsOfUse < HOT_WATER_MEASURE_AFTER_SECONDS) {
    throw new RuleViolation('QUALITY.MEASURED_TOO_EARLY', 'R-QLT-03', 'Hot water is measured at the tap after at least one minute of use', { field: 'afterSecondsOfUse' });
  }
  return temperatureCelsius < HOT_WATER_MINIMUM_CELSIUS;
}

/**
 * R-QLT-02: provider-owned systems are repaired at the provider's cost; customer-owned ones at
 * the customer's, on a separate order, unless a maintenance contract covers them; the cost of
 * investigating an unfounded complaint may be charged to the requester.
 */
export function qualityCostAllocation(input: { readonly systemOwner: 'provider' | 'customer'; readonly maintenanceContract: boolean; readonly complaintFounded: boolean }) {
  const providerPays = input.systemOwner === 'provider' || input.maintenanceContract;
  return {
    repairCostBearer: providerPays ? ('provider' as const) : ('customer' as const),
    repairNeedsSeparateOrder: !providerPays,
    investigationCostChargeableToRequester: !input.complaintFounded,
  };
}
