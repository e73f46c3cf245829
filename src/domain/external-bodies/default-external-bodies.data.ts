import type { ExternalBody } from './external-bodies.js';

/**
 * A starting directory for the counties of the default organisation (R-LAW-12: MEKH, the
 * county government offices' consumer-protection departments, the chambers' conciliation
 * boards). Contact details change: an installation verifies and maintains its own list.
 */
export const DEFAULT_EXTERNAL_BODIES: readonly ExternalBody[] = [
  { id: 'mekh', kind: 'energy_regulator', name: 'Magyar Energetikai és Közmű-szabályozási Hivatal (MEKH)', address: '1054 Budapest, Bajcsy-Zsilinszky út 52.', phone: '+36 1 459 7777', email: 'ugyfelszolgalat@mekh.hu', county: null },
  { id: 'bfkh-fogyasztovedelem', kind: 'consumer_protection_authority', name: 'Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály', address: '1051 Budapest, Sas utca 19.', phone: '+36 1 450 2598', email: 'fogyasztovedelem@bfkh.gov.hu', county: 'budapest' },
  { id: 'bbt', kind: 'conciliation_board', name: 'Budapesti Békéltető Testület', address: '1016 Budapest, Krisztina krt. 99.', phone: '+36 1 488 2131', email: 'bekelteto.testulet@bkik.hu', county: 'budapest' },
  { id: 'hbvkh-fogyasztovedelem', kind: 'consumer_protection_authority', name: 'Hajdú-Bihar Vármegyei Kormányhivatal, Fogyasztóvédelmi Főosztály', address: '4025 Debrecen, Szent Anna utca 36.', phone: '+36 52 533 924', email: 'fogyasztovedelem@hajdu.gov.hu', county: 'hajdu-bihar' },
  { id: 'hbbt', kind: 'conciliation_board', name: 'Hajdú-Bihar Vármegyei Békéltető Testület', address: '4025 Debrecen, Petőfi tér 10.', phone: '+36 52 500 710', email: 'bekelteto@hbkik.hu', county: 'hajdu-bihar' },
  { id: 'budapest-jegyzo', kind: 'town_clerk', name: 'Fővárosi jegyző (Budapest Főváros Önkormányzata)', address: '1052 Budapest, Városház utca 9-11.', phone: null, email: null, county: 'budapest' },
];
