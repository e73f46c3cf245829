import { parseLocalDate } from '../../../../src/domain/calendar/local-date.js';
import { emptyConsequenceBook, evolveConsequences, type ConsequenceBook } from '../../../../src/domain/scheduling/consequence.events.js';
import { cancelConsequences, dueConsequence, scheduleConsequence, startOfLocalDay } from '../../../../src/domain/scheduling/consequence.js';

const scheduled = scheduleConsequence({
  consequenceId: 'c-1',
  kind: 'offer_lapse',
  streamId: 'offer-o-1',
  streamType: 'contract_offer',
  dueDate: parseLocalDate('2026-04-10'),
  commandType: 'LapseOffer',
  rule: 'R-CON-08',
  description: 'lapse',
});

describe('scheduled consequences', () => {
  it('a consequence is plain data: the stream, the Budapest day it takes effect, the instant it may fire, and the command to send', () => {
    expect(scheduled).toEqual({
      type: 'ConsequenceScheduled',
      data: {
        consequenceId: 'c-1',
        kind: 'offer_lapse',
        streamId: 'offer-o-1',
        streamType: 'contract_offer',
        dueDate: '2026-04-10',
        dueAt: '2026-04-09T22:00:00.000Z',
        command: { type: 'LapseOffer', data: { consequenceId: 'c-1' } },
        rule: 'R-CON-08',
        description: 'lapse',
      },
    });
  });

  it('the instant a day starts in Budapest follows summer time', () => {
    expect(startOfLocalDay(parseLocalDate('2026-01-15')).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfLocalDay(parseLocalDate('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay(parseLocalDate('2026-03-30')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay(parseLocalDate('2026-10-25')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfLocalDay(parseLocalDate('2026-10-26')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('a pending consequence is due from its instant on; an executed or cancelled one is ignored; an unknown one is refused', () => {
    const book: ConsequenceBook = evolveConsequences(emptyConsequenceBook, scheduled);
    expect(() => dueConsequence(book, 'c-1', 'offer_lapse', new Date('2026-04-09T21:59:59.999Z'))).toThrow(expect.objectContaining({ code: 'SCHEDULING.NOT_YET_DUE' }));
    expect(dueConsequence(book, 'c-1', 'offer_lapse', new Date('2026-04-09T22:00:00.000Z'))).toMatchObject({ consequenceId: 'c-1', dueDate: '2026-04-10' });
    expect(() => dueConsequence(book, 'c-1', 'amendment_effective', new Date('2026-05-01T00:00:00.000Z'))).toThrow(expect.objectContaining({ code: 'SCHEDULING.WRONG_CONSEQUENCE' }));
    expect(() => dueConsequence(book, 'c-9', 'offer_lapse', new Date('2026-05-01T00:00:00.000Z'))).toThrow(expect.objectContaining({ code: 'SCHEDULING.UNKNOWN_CONSEQUENCE' }));
    const [cancelled] = cancelConsequences(book, 'the signed draft arrived', 'R-CON-06');
    expect(cancelled).toEqual({ type: 'ConsequenceCancelled', data: { consequenceId: 'c-1', reason: 'the signed draft arrived', rule: 'R-CON-06' } });
    const after = evolveConsequences(book, cancelled!);
    expect(after).toEqual({ pending: {}, settled: ['c-1'] });
    expect(dueConsequence(after, 'c-1', 'offer_lapse', new Date('2026-05-01T00:00:00.000Z'))).toBeNull();
  });
});
