import { calendarDays } from '../../../../src/domain/calendar/duration.js';
import { localDateOf, parseLocalDate } from '../../../../src/domain/calendar/local-date.js';
import { alfaNova2013Policy } from '../../../../src/domain/policy/alfa-nova-2013.policy.js';
import { hu2026Policy } from '../../../../src/domain/policy/hu-2026.policy.js';
import { defaultPolicyCatalog, PolicyCatalog } from '../../../../src/domain/policy/policy-catalog.js';
import type { PolicyVersion } from '../../../../src/domain/policy/policy-version.js';

const d = parseLocalDate;

describe('PolicyCatalog', () => {
  it('R-LAW-01: a case received 2025-12-31 is judged by alfa-nova-2013, one received 2026-01-01 by hu-2026', () => {
    expect(defaultPolicyCatalog.inForceAt(d('2025-12-31')).id).toBe('alfa-nova-2013');
    expect(defaultPolicyCatalog.inForceAt(d('2026-01-01')).id).toBe('hu-2026');
    expect(defaultPolicyCatalog.inForceAt(d('2013-01-01')).id).toBe('alfa-nova-2013');
    expect(defaultPolicyCatalog.inForceAt(d('2031-06-30')).id).toBe('hu-2026');
  });

  it('R-LAW-01: a complaint received at 23:30 UTC on 31 December 2025 is a 2026 case in Budapest', () => {
    const receivedOn = localDateOf(new Date('2025-12-31T23:30:00Z'));
    expect(defaultPolicyCatalog.inForceAt(receivedOn).complaint.replyLimit).toEqual(calendarDays(15));
  });

  it('refuses a date before the earliest version with POLICY.NONE_IN_FORCE', () => {
    expect(() => defaultPolicyCatalog.inForceAt(d('2012-12-31'))).toThrow(
      expect.objectContaining({ code: 'POLICY.NONE_IN_FORCE', kind: 'invalid' }),
    );
  });

  it('finds versions by id and refuses an unknown id with POLICY.UNKNOWN_VERSION', () => {
    expect(defaultPolicyCatalog.byId('hu-2026')).toBe(hu2026Policy);
    expect(defaultPolicyCatalog.byId('alfa-nova-2013')).toBe(alfaNova2013Policy);
    expect(() => defaultPolicyCatalog.byId('hu-1999')).toThrow(expect.objectContaining({ code: 'POLICY.UNKNOWN_VERSION' }));
  });

  it('lists every version, earliest first, whatever order it was given in', () => {
    const catalog = new PolicyCatalog([hu2026Policy, alfaNova2013Policy]);
    expect(catalog.all().map((v) => v.id)).toEqual(['alfa-nova-2013', 'hu-2026']);
    expect(catalog.inForceAt(d('2025-06-01')).id).toBe('alfa-nova-2013');
    expect(defaultPolicyCatalog.all().map((v) => v.id)).toEqual(['alfa-nova-2013', 'hu-2026']);
  });

  it('takes a later version into force from its effective date', () => {
    const hu2027: PolicyVersion = {
      ...hu2026Policy,
      id: 'hu-2027',
      effectiveFrom: d('2027-07-01'),
      complaint: { ...hu2026Policy.complaint, replyLimit: calendarDays(10) },
    };
    const catalog = new PolicyCatalog([alfaNova2013Policy, hu2026Policy, hu2027]);
    expect(catalog.inForceAt(d('2027-06-30')).id).toBe('hu-2026');
    expect(catalog.inForceAt(d('2027-07-01')).complaint.replyLimit).toEqual(calendarDays(10));
  });

  it.each<[string, PolicyVersion[], string]>([
    ['no versions', [], 'POLICY.INVALID_CATALOG'],
    ['a repeated id', [hu2026Policy, { ...alfaNova2013Policy, id: 'hu-2026' }], 'POLICY.INVALID_CATALOG'],
    ['two versions on one day', [hu2026Policy, { ...alfaNova2013Policy, effectiveFrom: d('2026-01-01') }], 'POLICY.INVALID_CATALOG'],
    ['an empty id', [{ ...hu2026Policy, id: '' }], 'POLICY.INVALID_VERSION'],
    ['a malformed effective date', [{ ...hu2026Policy, effectiveFrom: '2026-02-30' as PolicyVersion['effectiveFrom'] }], 'POLICY.INVALID_VERSION'],
    [
      'a zero-day reply limit',
      [{ ...hu2026Policy, complaint: { ...hu2026Policy.complaint, replyLimit: calendarDays(0) } }],
      'POLICY.INVALID_VERSION',
    ],
    [
      'a missing retention period',
      [{ ...hu2026Policy, retention: { ...hu2026Policy.retention, call_recording: undefined } } as unknown as PolicyVersion],
      'POLICY.INVALID_VERSION',
    ],
  ])('refuses a catalog with %s', (_what, versions, code) => {
    expect(() => new PolicyCatalog(versions)).toThrow(expect.objectContaining({ code }));
  });
});
