import type { EventSchema } from '../shared/event-schema.js';

/**
 * R-RET-02: a legal hold suspends the retention expiry of the case it names until it is
 * lifted. Holds are facts on the stream that causes them (an external referral here); the
 * retention projection folds them by `caseStreamId`.
 */
export interface LegalHoldPlacedData {
  readonly holdId: string;
  /** The case whose retention is suspended. */
  readonly caseStreamId: string;
  readonly reason: string;
  readonly rule: 'R-RET-02';
  readonly placedOn: string;
  /** The stream whose proceeding causes the hold. */
  readonly sourceStreamId: string;
}

export interface LegalHoldLiftedData {
  readonly holdId: string;
  readonly caseStreamId: string;
  readonly reason: string;
  readonly liftedOn: string;
}

export type LegalHoldEvent =
  | { readonly type: 'LegalHoldPlaced'; readonly data: LegalHoldPlacedData }
  | { readonly type: 'LegalHoldLifted'; readonly data: LegalHoldLiftedData };

export const legalHoldEventSchemas: readonly EventSchema[] = [
  { type: 'LegalHoldPlaced', schemaVersion: 1 },
  { type: 'LegalHoldLifted', schemaVersion: 1 },
];

export interface LegalHold {
  readonly holdId: string;
  readonly caseStreamId: string;
  readonly reason: string;
  readonly placedOn: string;
}

export function isLegalHoldEvent(event: { readonly type: string }): event is LegalHoldEvent {
  return event.type === 'LegalHoldPlaced' || event.type === 'LegalHoldLifted';
}

/** Folds hold events into the holds in force, by hold id. */
export function evolveLegalHolds(holds: Readonly<Record<string, LegalHold>>, event: LegalHoldEvent): Readonly<Record<string, LegalHold>> {
  switch (event.type) {
    case 'LegalHoldPlaced': {
      const { holdId, caseStreamId, reason, placedOn } = event.data;
      return { ...holds, [holdId]: { holdId, caseStreamId, reason, placedOn } };
    }
    case 'LegalHoldLifted': {
      const { [event.data.holdId]: _lifted, ...rest } = holds;
      return rest;
    }
  }
}

/** Whether any hold in force names the case (R-RET-02: its expiry is suspended). */
export function isOnHold(holds: Readonly<Record<string, LegalHold>>, caseStreamId: string): boolean {
  return Object.values(holds).some((h) => h.caseStreamId === caseStreamId);
}
