import { consequenceEventSchemas } from '../scheduling/consequence.events.js';
import type { EventSchema } from '../shared/event-schema.js';
import { connectionEventSchemas } from './connection/connection.events.js';
import { contractEventSchemas } from './contract-in-force/contract.events.js';
import { contractSharedEventSchemas } from './contract-shared.events.js';
import { counterOfferEventSchemas } from './counter-offer/counter-offer.events.js';
import { offerEventSchemas } from './offer/offer.events.js';

/**
 * Every event type the contract streams store, each once: their own, the shared ones
 * (appointments, formation, counter-offer, lapse, refusal) and the scheduler's consequences.
 * Duty events are registered with `dutyEventSchemas`.
 */
export const allContractEventSchemas: readonly EventSchema[] = [
  ...connectionEventSchemas,
  ...offerEventSchemas,
  ...counterOfferEventSchemas,
  ...contractEventSchemas,
  ...contractSharedEventSchemas,
  ...consequenceEventSchemas,
];
