import { RuleViolation } from '../shared/domain-error.js';

/** The channels a customer reaches the provider through (R-CPL-02, R-LAW-08). */
export const CHANNELS = ['in_person', 'letter', 'phone', 'email', 'fax', 'web_form'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Spoken channels: a complaint on them may be settled at once, or else goes on record (R-LAW-04). */
export const ORAL_CHANNELS: readonly Channel[] = ['in_person', 'phone'];
/** Channels whose complaints get a unique identifier told to the customer (R-LAW-03). */
export const PHONE_OR_ELECTRONIC: readonly Channel[] = ['phone', 'email', 'web_form'];
/** Channels that carry a written reply or confirmation. */
export const WRITTEN_CHANNELS = ['letter', 'email', 'fax'] as const;
export type WrittenChannel = (typeof WRITTEN_CHANNELS)[number];

/** R-CHN-01: matters settled only with the customer in person. */
export const IN_PERSON_ONLY_MATTERS = [
  'contract_conclusion',
  'change_of_consumer',
  'arrears_payment',
  'instalment_agreement',
  'payment_order_closure',
  'enforced_debt_settlement',
  'installation_order',
] as const;
/** R-CHN-02: matters that may also be settled by letter, e-mail or phone. */
export const REMOTE_CAPABLE_MATTERS = [
  'meter_reading_report',
  'hot_water_advance_change',
  'payment_method_change',
  'postal_cheque_request',
  'bill_information',
  'account_balance_certificate',
] as const;
export type InPersonOnlyMatter = (typeof IN_PERSON_ONLY_MATTERS)[number];
export type RemoteCapableMatter = (typeof REMOTE_CAPABLE_MATTERS)[number];
export type CustomerMatter = InPersonOnlyMatter | RemoteCapableMatter;
export const CUSTOMER_MATTERS: readonly CustomerMatter[] = [...IN_PERSON_ONLY_MATTERS, ...REMOTE_CAPABLE_MATTERS];

const REMOTE_CHANNELS: readonly Channel[] = ['letter', 'email', 'phone'];

export function isInPersonOnly(matter: CustomerMatter): matter is InPersonOnlyMatter {
  return (IN_PERSON_ONLY_MATTERS as readonly string[]).includes(matter);
}

/**
 * Whether a matter can be taken on a channel. An in-person-only matter on another channel
 * is refused with the reason (R-CHN-01); the caller may record it as an appointment request
 * instead. Remote-capable matters are accepted on letter, e-mail and phone, and in person (R-CHN-02).
 */
export function assertMatterAllowedOn(matter: CustomerMatter, channel: Channel, field = 'matter'): void {
  if (isInPersonOnly(matter)) {
    if (channel !== 'in_person') {
      throw new RuleViolation('CHANNEL.IN_PERSON_ONLY', 'R-CHN-01', `${matter} can only be settled with the customer in person, not by ${channel}; book a personal appointment instead`, {
        field,
        matter,
        channel,
      });
    }
    return;
  }
  if (channel !== 'in_person' && !REMOTE_CHANNELS.includes(channel)) {
    throw new RuleViolation('CHANNEL.NOT_ACCEPTED', 'R-CHN-02', `${matter} is accepted in person, by letter, e-mail or phone, not by ${channel}`, { field, matter, channel });
  }
}
