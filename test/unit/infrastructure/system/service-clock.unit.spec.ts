import { ClockMovedBackward, formatClockOffset, parseClockOffset, ServiceClock } from '../../../../src/infrastructure/system/service-clock.js';
import { TestClock } from '../../../support/test-clock.js';

describe('the service clock of acceptance and training runs', () => {
  it('reads offsets written in days, hours, minutes and seconds, and nothing backward', () => {
    expect(parseClockOffset('+30d')).toBe(30 * 86_400_000);
    expect(parseClockOffset('1d12h30m')).toBe(86_400_000 + 12 * 3_600_000 + 30 * 60_000);
    expect(parseClockOffset('+45s')).toBe(45_000);
    for (const bad of ['-30d', '+', '', '30', '30x', '+1d-2h']) expect(parseClockOffset(bad)).toBeNull();
    expect(formatClockOffset(parseClockOffset('+1d6h')!)).toBe('+1d6h');
    expect(formatClockOffset(0)).toBe('+0s');
  });

  it('runs ahead of its base by the offset, follows the base, and only ever moves forward', () => {
    const base = new TestClock('2026-03-02T09:00:00.000Z');
    const clock = new ServiceClock(base, parseClockOffset('+30d')!);
    expect(clock.now().toISOString()).toBe('2026-04-01T09:00:00.000Z');
    base.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-04-01T09:01:00.000Z');
    clock.advance(parseClockOffset('+1d')!);
    expect(clock.now().toISOString()).toBe('2026-04-02T09:01:00.000Z');
    expect(() => clock.advance(-1)).toThrow(ClockMovedBackward);
    expect(() => new ServiceClock(base, -1)).toThrow(ClockMovedBackward);
    expect(clock.offsetMillis).toBe(31 * 86_400_000);
  });
});
