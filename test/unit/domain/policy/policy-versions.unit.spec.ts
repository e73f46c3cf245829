import { computeDeadline } from '../../../../src/domain/calendar/deadline.js';
import { calendarDays, workingDays, years } from '../../../../src/domain/calendar/duration.js';
import { parseLocalDate } from '../../../../src/domain/calendar/local-date.js';
import { hungarianWorkingDayCalendar as calendar } from '../../../../src/domain/calendar/working-day-calendar.js';
import { alfaNova2013Policy } from '../../../../src/domain/policy/alfa-nova-2013.policy.js';
import { hu2026Policy } from '../../../../src/domain/policy/hu-2026.policy.js';
import { periodsOf, validatePolicyVersion } from '../../../../src/domain/policy/policy-version.js';

describe('policy versions', () => {
  it('identify themselves with their id and effective date', () => {
    expect([alfaNova2013Policy.id, alfaNova2013Policy.effectiveFrom]).toEqual(['alfa-nova-2013', '2013-01-01']);
    expect([hu2026Policy.id, hu2026Policy.effectiveFrom]).toEqual(['hu-2026', '2026-01-01']);
  });

  describe('alfa-nova-2013 (the seed)', () => {
    it('R-CPL-06: the written reply limit is 30 days from receipt', () => {
      expect(alfaNova2013Policy.complaint.replyLimit).toEqual(calendarDays(30));
    });

    it('R-CPL-05: the handling target for written and phone complaints is 15 days', () => {
      expect(alfaNova2013Policy.complaint.handlingTarget).toEqual(calendarDays(15));
    });

    it('R-CPL-06: the seed provides no extension of the 30-day limit', () => {
      expect(alfaNova2013Policy.complaint.replyExtension).toEqual({ kind: 'not_allowed' });
    });

    it('R-RET-01: complaint records, replies and documents are kept 5 years after close', () => {
      expect(alfaNova2013Policy.retention.complaint_record).toEqual(years(5));
      expect(alfaNova2013Policy.retention.complaint_reply).toEqual(years(5));
      expect(alfaNova2013Policy.retention.case_document).toEqual(years(5));
    });

    it('R-LAW-03, R-LAW-08, R-LAW-10, R-LAW-11: the later statutory duties are absent', () => {
      expect(alfaNova2013Policy.complaint.uniqueIdentifierForPhoneAndElectronic).toBe(false);
      expect(alfaNova2013Policy.complaint.webFormAcknowledgement).toBe(false);
      expect(alfaNova2013Policy.complaint.callRecordingCopy).toBeNull();
      expect(alfaNova2013Policy.complaint.personalAppointment).toBeNull();
    });

    it('R-CPL-06: a complaint received 2025-11-24 is due 2025-12-24, a swapped rest day, so 2025-12-29', () => {
      expect(computeDeadline(parseLocalDate('2025-11-24'), alfaNova2013Policy.complaint.replyLimit, calendar)).toMatchObject({
        nominal: '2025-12-24',
        due: '2025-12-29',
      });
    });
  });

  describe('hu-2026 (the law in force today)', () => {
    it('R-LAW-01: a complaint is answered in writing within 15 days of receipt', () => {
      expect(hu2026Policy.complaint.replyLimit).toEqual(calendarDays(15));
    });

    it('R-LAW-01: a complaint received 2026-03-22 is due on Easter Monday, so Tuesday 2026-04-07', () => {
      expect(computeDeadline(parseLocalDate('2026-03-22'), hu2026Policy.complaint.replyLimit, calendar).due).toBe('2026-04-07');
    });

    it('R-CPL-05: the 15-day handling target is kept and equals the statutory limit', () => {
      expect(hu2026Policy.complaint.handlingTarget).toEqual(calendarDays(15));
    });

    it('R-LAW-02: the reply deadline may be extended once, by at most 15 days, for a site inspection or authority query, with prior written notice', () => {
      expect(hu2026Policy.complaint.replyExtension).toEqual({
        kind: 'allowed',
        maxTimes: 1,
        maxLength: calendarDays(15),
        permittedReasons: ['site_inspection', 'authority_query'],
        writtenNoticeWithReasonBeforeOriginalDeadline: true,
      });
    });

    it('R-CPL-06: the 30-day outer limit is kept for requests from bodies and representatives', () => {
      expect(hu2026Policy.escalation.bodyRequestReply).toEqual(calendarDays(30));
    });

    it('R-LAW-09: complaint record and reply 3 years, call recordings 5 years, accounting documents 8 years, contract papers 5 years', () => {
      expect(hu2026Policy.retention).toEqual({
        complaint_record: years(3),
        complaint_reply: years(3),
        case_document: years(3),
        call_recording: years(5),
        accounting_document: years(8),
        contract_document: years(5),
      });
    });

    it('R-LAW-11: a personal appointment is offered within 5 working days', () => {
      expect(hu2026Policy.complaint.personalAppointment).toEqual(workingDays(5));
      // Booked Wednesday 2026-01-07: 8, 9, Saturday 10 (worked), 12, 13 January.
      expect(computeDeadline(parseLocalDate('2026-01-07'), workingDays(5), calendar).due).toBe('2026-01-13');
    });

    it('R-LAW-10: a copy of a call recording is provided within 30 days', () => {
      expect(hu2026Policy.complaint.callRecordingCopy).toEqual(calendarDays(30));
    });

    it('R-LAW-03: phone and electronic complaints get a unique identifier', () => {
      expect(hu2026Policy.complaint.uniqueIdentifierForPhoneAndElectronic).toBe(true);
    });

    it('R-LAW-08: web-form complaints are acknowledged by e-mail', () => {
      expect(hu2026Policy.complaint.webFormAcknowledgement).toBe(true);
    });
  });

  describe.each([alfaNova2013Policy, hu2026Policy])('values shared by both versions ($id)', (policy) => {
    it('R-BIL-02: a bill objection is answered in writing within 30 days', () => {
      expect(policy.billing.billObjectionWrittenNotice).toEqual(calendarDays(30));
    });

    it('R-ESC-02: body request reply 30 days; external handling times 90 / 60 / 60 days', () => {
      expect(policy.escalation.bodyRequestReply).toEqual(calendarDays(30));
      expect(policy.escalation.externalBodyHandling).toEqual({
        energy_regulator: calendarDays(90),
        consumer_protection_authority: calendarDays(60),
        town_clerk: calendarDays(60),
      });
    });

    it('R-CON-02..R-CON-14: contract durations', () => {
      expect(policy.contract).toEqual({
        applicationInformation: calendarDays(30), // R-CON-02
        contractAfterAcceptance: calendarDays(15), // R-CON-03
        offerAfterRequest: calendarDays(30), // R-CON-04
        deficiencyNotice: calendarDays(15), // R-CON-05
        signedReturn: calendarDays(30), // R-CON-06
        reconciliationStart: calendarDays(15), // R-CON-07
        offerLapse: calendarDays(30), // R-CON-08
        amendmentNotice: calendarDays(30), // R-CON-10
        payerChangeReport: calendarDays(15), // R-CON-11
        customerTerminationNotice: calendarDays(30), // R-CON-13
        nonPaymentBeforeTermination: calendarDays(60), // R-CON-14
      });
    });

    it('R-LAW-09: accounting documents are kept 8 years (Szt. 169(2))', () => {
      expect(policy.retention.accounting_document).toEqual(years(8));
    });

    it('cannot be changed at run time', () => {
      expect(() => {
        (policy.complaint.replyLimit as { amount: number }).amount = 99;
      }).toThrow(TypeError);
      expect(policy.contract.offerLapse.amount).toBe(30);
    });
  });
});

describe('policy versions as data with their legal sources', () => {
  const sourceOf = (version: typeof hu2026Policy | typeof alfaNova2013Policy, path: string) => (version.periodSources as Record<string, unknown>)[path];

  it('R-LAW-01: today’s 15-day reply limit takes effect with hu-2026 and cites Fgytv. 17/B(5); the seed’s 30 days cite its own sections', () => {
    expect(sourceOf(hu2026Policy, 'complaint.replyLimit')).toEqual({ effectiveFrom: '2026-01-01', source: { citation: 'Fgytv. 17/B(5)', title: expect.stringContaining('1997. évi CLV. törvény') }, rule: 'R-LAW-01' });
    expect(sourceOf(alfaNova2013Policy, 'complaint.replyLimit')).toEqual({ effectiveFrom: '2013-01-01', source: { citation: 'Üzletszabályzat 4, 4.5.10', title: expect.stringContaining('ALFA-NOVA') }, rule: 'R-CPL-06' });
  });

  it('R-LAW-09: each retention period names its source: the complaint record Fgytv. 17/A(7), the reply 17/B(3), accounting documents Szt. 169(2)', () => {
    expect(sourceOf(hu2026Policy, 'retention.complaint_record')).toMatchObject({ source: { citation: 'Fgytv. 17/A(7)' }, rule: 'R-LAW-09' });
    expect(sourceOf(hu2026Policy, 'retention.complaint_reply')).toMatchObject({ source: { citation: 'Fgytv. 17/B(3)' } });
    expect(sourceOf(hu2026Policy, 'retention.call_recording')).toMatchObject({ source: { citation: 'Fgytv. 17/B(3)' } });
    // Carried over unchanged since 2013, so it keeps that effective date.
    expect(sourceOf(hu2026Policy, 'retention.accounting_document')).toMatchObject({ effectiveFrom: '2013-01-01', source: { citation: 'Szt. 169(2)' } });
  });

  it('R-CON-04: the contract deadlines come from the regulation and stay in force from 2013 in both versions', () => {
    expect(sourceOf(hu2026Policy, 'contract.offerAfterRequest')).toEqual(sourceOf(alfaNova2013Policy, 'contract.offerAfterRequest'));
    expect(sourceOf(hu2026Policy, 'contract.offerAfterRequest')).toMatchObject({ effectiveFrom: '2013-01-01', source: { citation: 'Üzletszabályzat 4.2.1' }, rule: 'R-CON-04' });
  });

  it('every period of every version has exactly one source, dated no later than the version', () => {
    for (const version of [alfaNova2013Policy, hu2026Policy]) {
      const paths = periodsOf(version).map((p) => p.path);
      expect(Object.keys(version.periodSources).sort()).toEqual([...paths].sort());
      for (const path of paths) expect(sourceOf(version, path)).toMatchObject({ effectiveFrom: expect.any(String), source: { citation: expect.any(String), title: expect.any(String) } });
    }
    const { 'complaint.replyLimit': _dropped, ...incomplete } = hu2026Policy.periodSources;
    expect(() => validatePolicyVersion({ ...hu2026Policy, periodSources: incomplete })).toThrow(expect.objectContaining({ code: 'POLICY.INVALID_VERSION', details: { field: 'periodSources.complaint.replyLimit' } }));
    const stray = { ...hu2026Policy.periodSources, 'complaint.nothing': hu2026Policy.periodSources['complaint.replyLimit'] };
    expect(() => validatePolicyVersion({ ...hu2026Policy, periodSources: stray })).toThrow(expect.objectContaining({ details: { field: 'periodSources.complaint.nothing' } }));
    const late = { ...hu2026Policy.periodSources, 'complaint.replyLimit': { ...hu2026Policy.periodSources['complaint.replyLimit'], effectiveFrom: '2027-01-01' } };
    expect(() => validatePolicyVersion({ ...hu2026Policy, periodSources: late } as never)).toThrow(expect.objectContaining({ details: { field: 'periodSources.complaint.replyLimit.effectiveFrom' } }));
  });
});
