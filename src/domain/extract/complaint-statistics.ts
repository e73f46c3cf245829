import { CHANNELS } from '../channel/channel-rules.js';
import type { LocalDate } from '../calendar/local-date.js';
import { COMPLAINT_KINDS } from '../complaint/complaint.types.js';

/** The closing outcomes of R-CPL-01, and `open` for a complaint not closed yet. */
export const OUTCOME_CATEGORIES = ['justified', 'partly_justified', 'unjustified', 'withdrawn', 'settled_on_the_spot', 'not_investigated', 'open'] as const;
/** The finding of R-CPL-11, and `none` while no finding is recorded. */
export const FINDING_CATEGORIES = ['justified', 'partly_justified', 'unjustified', 'none'] as const;
/** Whether the written reply kept its deadline (R-LAW-01), as of the statistics' reference date. */
export const REPLY_TIMELINESS = ['on_time', 'late', 'overdue_unanswered', 'pending', 'not_required'] as const;

export type FigureTable = Readonly<Record<string, number>>;

/** What a regulator asks for about the complaints of a period. */
export interface ComplaintFigures {
  readonly complaints: number;
  readonly byChannel: FigureTable;
  readonly byKind: FigureTable;
  readonly byOutcome: FigureTable;
  readonly byFinding: FigureTable;
  readonly byReplyTimeliness: FigureTable;
}

/** The figure tables in the order the summary shows them. */
export const FIGURE_TABLES = ['byChannel', 'byKind', 'byOutcome', 'byFinding', 'byReplyTimeliness'] as const;
export type FigureTableName = (typeof FIGURE_TABLES)[number];

/** An event in its stored form: only non-personal fields are read, so ciphertext does not matter. */
export interface StoredComplaintEvent {
  readonly type: string;
  readonly data: unknown;
}

const field = (data: unknown, ...path: string[]): unknown => {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
};
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The receipt date of a complaint stream, or null when it does not start with its registration. */
export function complaintReceivedOn(events: readonly StoredComplaintEvent[]): string | null {
  const first = events[0];
  return first?.type === 'ComplaintRegistered' ? text(field(first.data, 'receivedOn')) : null;
}

function table(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}

function count(target: Record<string, number>, key: string): void {
  target[key] = (target[key] ?? 0) + 1;
}

/**
 * The figures of the complaints whose streams are given, each folded from its stored events:
 * channel and kind at registration, the outcome at closing, the recorded finding, and whether
 * the reply kept its deadline. A reply still owed after its due date counts as overdue as of `asOf`.
 */
export function complaintFigures(streams: Iterable<readonly StoredComplaintEvent[]>, asOf: LocalDate): ComplaintFigures {
  const byChannel = table(CHANNELS);
  const byKind = table(COMPLAINT_KINDS);
  const byOutcome = table(OUTCOME_CATEGORIES);
  const byFinding = table(FINDING_CATEGORIES);
  const byReplyTimeliness = table(REPLY_TIMELINESS);
  let complaints = 0;
  for (const events of streams) {
    const registered = events[0];
    if (registered?.type !== 'ComplaintRegistered') continue;
    complaints++;
    let replyDue = text(field(registered.data, 'deadlines', 'replyDue'));
    const replyRequired = field(registered.data, 'writtenReplyRequired') === true;
    let finding: string | null = null;
    let outcome: string | null = null;
    let replied: 'on_time' | 'late' | null = null;
    let lapsed = false;
    for (const event of events.slice(1)) {
      if (event.type === 'ReplyDeadlineExtended') replyDue = text(field(event.data, 'newDue')) ?? replyDue;
      else if (event.type === 'FindingRecorded') finding = text(field(event.data, 'finding'));
      else if (event.type === 'ReplySent') replied = field(event.data, 'late') === true ? 'late' : 'on_time';
      else if (event.type === 'WrittenReplyDutyLapsed') lapsed = true;
      else if (event.type === 'ComplaintClosed') outcome = text(field(event.data, 'outcome'));
    }
    count(byChannel, text(field(registered.data, 'channel')) ?? 'unknown');
    count(byKind, text(field(registered.data, 'kind')) ?? 'unknown');
    count(byOutcome, outcome ?? 'open');
    count(byFinding, finding ?? 'none');
    const timeliness = replied ?? (!replyRequired || lapsed || outcome !== null ? 'not_required' : replyDue !== null && asOf > replyDue ? 'overdue_unanswered' : 'pending');
    count(byReplyTimeliness, timeliness);
  }
  return { complaints, byChannel, byKind, byOutcome, byFinding, byReplyTimeliness };
}

/** Every figure that differs between two sets, as `table.key: a vs b`; empty when they agree. */
export function figureDifferences(stated: ComplaintFigures, recomputed: ComplaintFigures): string[] {
  const differences: string[] = [];
  if (stated.complaints !== recomputed.complaints) differences.push(`complaints: ${stated.complaints} stated, ${recomputed.complaints} recomputed`);
  for (const name of FIGURE_TABLES) {
    const a = stated[name] ?? {};
    const b = recomputed[name];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if ((a[key] ?? 0) !== (b[key] ?? 0)) differences.push(`${name}.${key}: ${a[key] ?? 0} stated, ${b[key] ?? 0} recomputed`);
    }
  }
  return differences;
}
