import type { OrganisationUnit } from './organisation.js';

/** A provider with two customer service offices under one regional directorate (replace per installation). */
export const DEFAULT_ORGANISATION_UNITS: readonly OrganisationUnit[] = [
  { id: 'dispatch-central', kind: 'dispatcher_service', name: 'Központi diszpécserszolgálat', escalatesTo: 'rd-central', code: 'DSP' },
  { id: 'cso-budapest', kind: 'customer_service_office', name: 'Ügyfélszolgálati iroda, Budapest', escalatesTo: 'rd-central', code: 'BP' },
  { id: 'cso-debrecen', kind: 'customer_service_office', name: 'Ügyfélszolgálati iroda, Debrecen', escalatesTo: 'rd-east', code: 'DE' },
  { id: 'rd-central', kind: 'regional_secretariat', name: 'Központi regionális igazgatóság titkársága', escalatesTo: 'central-secretariat', code: 'RIK' },
  { id: 'rd-east', kind: 'regional_secretariat', name: 'Keleti regionális igazgatóság titkársága', escalatesTo: 'central-secretariat', code: 'RIE' },
  { id: 'central-secretariat', kind: 'central_secretariat', name: 'Központi titkárság', escalatesTo: null, code: 'KT' },
];
