/**
 * One year's moved working days as data (R-DL-01, R-LAW-14), JSON-compatible so an
 * admin can load further years from storage. Dates are 'YYYY-MM-DD' strings; the
 * calendar validates them when it is built.
 */
export interface SwappedDaysYear {
  readonly year: number;
  /** Weekend days that are worked (usually Saturdays). */
  readonly extraWorkingDays: readonly string[];
  /** Weekdays that are rest days. */
  readonly extraRestDays: readonly string[];
  /** The decree that ordered the swaps. */
  readonly source: string;
}
