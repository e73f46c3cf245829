import { Inject, Injectable } from '@nestjs/common';
import { calendarDecider } from '../../domain/calendar/calendar.decider.js';
import { complaintDecider } from '../../domain/complaint/complaint.decider.js';
import { consentDecider, CONSENT_STREAM_TYPE } from '../../domain/consent/consent.decider.js';
import { connectionDecider } from '../../domain/contract/connection/connection.decider.js';
import { CONNECTION_STREAM_TYPE } from '../../domain/contract/connection/connection.decide.js';
import { contractDecider } from '../../domain/contract/contract-in-force/contract.decider.js';
import { CONTRACT_STREAM_TYPE } from '../../domain/contract/contract-in-force/contract.decide.js';
import { counterOfferDecider } from '../../domain/contract/counter-offer/counter-offer.decider.js';
import { COUNTER_OFFER_STREAM_TYPE } from '../../domain/contract/counter-offer/counter-offer.decide.js';
import { offerDecider } from '../../domain/contract/offer/offer.decider.js';
import { OFFER_STREAM_TYPE } from '../../domain/contract/offer/offer.decide.js';
import { faultReportDecider, FAULT_REPORT_STREAM_TYPE } from '../../domain/dispatch/fault-report.decider.js';
import { escalationDecider, ESCALATION_STREAM_TYPE } from '../../domain/escalation/escalation.decider.js';
import { referralDecider, REFERRAL_STREAM_TYPE } from '../../domain/referral/referral.decider.js';
import { NotFoundError } from '../../domain/shared/domain-error.js';
import { EVENT_STORE, type EventStore, type ReadStreamOptions, type RecordedEvent } from '../ports/event-store.port.js';

/** The fold of a case type, exactly as its decider defines it. */
interface Fold {
  readonly initialState: unknown;
  evolve(state: unknown, event: { type: string; data: unknown }): unknown;
}

/** Stream type -> its decider's fold: the state an auditor sees is the state the rules saw. */
const FOLDS: Readonly<Record<string, Fold>> = {
  complaint: complaintDecider as unknown as Fold,
  calendar: calendarDecider as unknown as Fold,
  [FAULT_REPORT_STREAM_TYPE]: faultReportDecider as unknown as Fold,
  [ESCALATION_STREAM_TYPE]: escalationDecider as unknown as Fold,
  [REFERRAL_STREAM_TYPE]: referralDecider as unknown as Fold,
  [CONSENT_STREAM_TYPE]: consentDecider as unknown as Fold,
  [CONNECTION_STREAM_TYPE]: connectionDecider as unknown as Fold,
  [OFFER_STREAM_TYPE]: offerDecider as unknown as Fold,
  [COUNTER_OFFER_STREAM_TYPE]: counterOfferDecider as unknown as Fold,
  [CONTRACT_STREAM_TYPE]: contractDecider as unknown as Fold,
};

export interface PointInTime {
  /** Everything recorded at or before this instant... */
  readonly asOfTime?: Date;
  /** ...or at or before this global position. */
  readonly asOfPosition?: number;
}

export interface ReplayedState {
  readonly streamId: string;
  readonly streamType: string;
  /** The last event folded; 0 when the case did not exist yet. */
  readonly version: number;
  readonly lastEventAt: string | null;
  readonly state: unknown;
}

export interface StateChange {
  /** Dot path into the state. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Every leaf that differs between two plain values, by path. */
export function diffStates(before: unknown, after: unknown, path = ''): StateChange[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffStates(before[key], after[key], path ? `${path}.${key}` : key));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || '(state)', before: before ?? null, after: after ?? null }];
}

/**
 * Replays a case for auditors: its state at any moment, folded with the domain's own evolve
 * from the events recorded up to that moment, and what changed between two moments.
 */
@Injectable()
export class CaseReplayService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async streamType(streamId: string): Promise<string> {
    const head = await this.store.streamHead(streamId);
    if (head.version === 0 || !head.streamType) throw new NotFoundError('AUDIT.STREAM_NOT_FOUND', `No case stream ${streamId}`, { streamId });
    return head.streamType;
  }

  async history(streamId: string): Promise<RecordedEvent[]> {
    await this.streamType(streamId);
    return this.store.readStream(streamId);
  }

  async stateAt(streamId: string, at: PointInTime = {}): Promise<ReplayedState> {
    const streamType = await this.streamType(streamId);
    const fold = FOLDS[streamType];
    if (!fold) throw new NotFoundError('AUDIT.NO_FOLD', `Streams of type ${streamType} have no case state to replay`, { streamType });
    const options: ReadStreamOptions = { ...(at.asOfTime ? { asOfTime: at.asOfTime } : {}), ...(at.asOfPosition !== undefined ? { asOfPosition: at.asOfPosition } : {}) };
    const events = await this.store.readStream(streamId, options);
    const state = events.reduce((s, e) => fold.evolve(s, { type: e.type, data: e.data }), fold.initialState);
    const last = events.at(-1);
    return { streamId, streamType, version: last?.streamVersion ?? 0, lastEventAt: last?.recordedAt.toISOString() ?? null, state };
  }

  async diff(streamId: string, from: PointInTime, to: PointInTime): Promise<{ from: ReplayedState; to: ReplayedState; changes: StateChange[]; events: Array<{ version: number; type: string; recordedAt: string }> }> {
    const [before, after] = await Promise.all([this.stateAt(streamId, from), this.stateAt(streamId, to)]);
    const between = (await this.store.readStream(streamId, { fromVersion: before.version + 1 })).filter((e) => e.streamVersion <= after.version);
    return {
      from: before,
      to: after,
      changes: diffStates(before.state, after.state),
      events: between.map((e) => ({ version: e.streamVersion, type: e.type, recordedAt: e.recordedAt.toISOString() })),
    };
  }
}
