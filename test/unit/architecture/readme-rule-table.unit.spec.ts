// @ts-expect-error -- a plain .mjs script without type declarations
import { currentReadme, provenRules } from '../../../scripts/rule-table.mjs';

describe('README rule table', () => {
  it('lists every rule a test proves, as generated from the test names (run `npm run readme` after adding tests)', () => {
    const { readme, updated } = currentReadme() as { readme: string; updated: string };
    expect(updated).toBe(readme);
  });

  it('finds the rule IDs that test names start with', () => {
    const proven = provenRules() as Map<string, string[]>;
    expect(proven.get('R-CPL-03')).toEqual(expect.arrayContaining(['complaint.decider.unit.spec.ts']));
    expect(proven.has('R-XXX-99')).toBe(false);
  });
});
