import type { SwappedDaysYear } from './swapped-days.js';

/** The Hungarian swapped working and rest days per year, as published in the NGM decrees (R-LAW-14). */
export const HUNGARIAN_SWAPPED_DAYS = [
  {
    year: 2025,
    extraWorkingDays: ['2025-05-17', '2025-10-18', '2025-12-13'],
    extraRestDays: ['2025-05-02', '2025-10-24', '2025-12-24'],
    source: '11/2024. (IV. 8.) NGM rendelet a 2025. évi munkaszüneti napok körüli munkarendről',
  },
  {
    year: 2026,
    extraWorkingDays: ['2026-01-10', '2026-08-08', '2026-12-12'],
    extraRestDays: ['2026-01-02', '2026-08-21', '2026-12-24'],
    source: '10/2025. (IV. 30.) NGM rendelet a 2026. évi munkaszüneti napok körüli munkarendről',
  },
] as const satisfies readonly SwappedDaysYear[];
