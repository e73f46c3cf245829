import { parseLocalDate } from '../calendar/local-date.js';
import type { LegalSource, PeriodSource } from './policy-version.js';

/** The documents the policy values come from (RULES.md, "Law in force today"). */
const TITLES = {
  seed: 'ALFA-NOVA Kft. Üzletszabályzat (2013), a jóváhagyó jegyzői határozattal',
  fgytv: '1997. évi CLV. törvény a fogyasztóvédelemről (Fgytv.)',
  szt: '2000. évi C. törvény a számvitelről (Szt.)',
  ptk: '2013. évi V. törvény a Polgári Törvénykönyvről (Ptk.)',
  provider: 'A szolgáltató saját szabálya: sem az üzletszabályzat, sem a törvény nem rögzít határidőt',
} as const;

export const seedSection = (section: string): LegalSource => ({ citation: `Üzletszabályzat ${section}`, title: TITLES.seed });
export const fgytv = (provision: string): LegalSource => ({ citation: `Fgytv. ${provision}`, title: TITLES.fgytv });
export const szt = (provision: string): LegalSource => ({ citation: `Szt. ${provision}`, title: TITLES.szt });
export const ptk = (provision: string): LegalSource => ({ citation: `Ptk. ${provision}`, title: TITLES.ptk });
export const providerPolicy: LegalSource = { citation: 'provider policy', title: TITLES.provider };

/** A period's source, applied from `effectiveFrom`, serving `rule`. */
export const basis = (effectiveFrom: string, source: LegalSource, rule: string): PeriodSource => ({ effectiveFrom: parseLocalDate(effectiveFrom), source, rule });
