import type { Clock } from '../../../application/ports/clock.port.js';

/** Fields of a command that date the act it records, earliest business meaning first. */
const DATED_FIELDS = ['receivedAt', 'reportedAt', 'sentAt', 'handedOverAt', 'returnedAt', 'customerNotifiedAt', 'measuredAt', 'requestedAt', 'referredOn', 'decidedOn', 'inspectedOn'] as const;
/** Commands that open a case: the replay starts that case's day from their date. */
const OPENING = new Set(['RegisterComplaint', 'RegisterFaultReport', 'RegisterEscalation', 'RecordReferral', 'RequestContract', 'SubmitConnectionApplication']);

/**
 * The clock the demo seed's commands are decided by: each case is played on its own demo days
 * (registered on the day it was received, taken over, examined and closed after its dated
 * steps), so handling is not dated on the day of the seed and business time keeps its order.
 * Never ahead of the real time; events still record the real time they are stored.
 */
export class DemoReplayClock implements Clock {
  private current: Date | null = null;

  constructor(private readonly real: Clock) {}

  now(): Date {
    return new Date((this.current ?? this.real.now()).getTime());
  }

  /** Moves the replay to the act a command records: a case's opening sets its day, later acts move it forward only. */
  play(command: { readonly type: string; readonly data: unknown }): void {
    const data = command.data as Record<string, unknown>;
    const dates = DATED_FIELDS.map((field) => data?.[field]).filter((v): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)));
    if (dates.length === 0) return;
    const real = this.real.now().getTime();
    const at = Math.min(real, Math.max(...dates.map((d) => Date.parse(d.length === 10 ? `${d}T12:00:00.000Z` : d))));
    if (OPENING.has(command.type) || this.current === null || at > this.current.getTime()) this.current = new Date(at);
  }

  /** Back to the real time, once the dataset is sent. */
  stop(): void {
    this.current = null;
  }
}
