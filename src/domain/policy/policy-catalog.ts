import { InvalidInputError } from '../shared/domain-error.js';
import { compareLocalDates, parseLocalDate, type LocalDate } from '../calendar/local-date.js';
import { alfaNova2013Policy } from './alfa-nova-2013.policy.js';
import { hu2026Policy } from './hu-2026.policy.js';
import { validatePolicyVersion, type PolicyVersion } from './policy-version.js';

/** The effective-dated policy versions; picks the one a case is judged by (RULES.md, Law in force today). */
export class PolicyCatalog {
  private readonly versions: readonly PolicyVersion[];

  /**
   * @throws InvalidInputError `POLICY.INVALID_CATALOG` when empty or when two versions share an
   *   id or an effective date; `POLICY.INVALID_VERSION` for a malformed version.
   */
  constructor(versions: readonly PolicyVersion[]) {
    if (versions.length === 0) throw new InvalidInputError('POLICY.INVALID_CATALOG', 'A policy catalog needs at least one version');
    const ids = new Set<string>();
    const dates = new Set<string>();
    for (const version of versions) {
      validatePolicyVersion(version);
      if (ids.has(version.id)) {
        throw new InvalidInputError('POLICY.INVALID_CATALOG', `Policy version id given twice: ${version.id}`, { field: 'id' });
      }
      // Two versions starting the same day would make the choice for that day arbitrary.
      if (dates.has(version.effectiveFrom)) {
        throw new InvalidInputError('POLICY.INVALID_CATALOG', `Two policy versions take effect on ${version.effectiveFrom}`, {
          field: 'effectiveFrom',
        });
      }
      ids.add(version.id);
      dates.add(version.effectiveFrom);
    }
    this.versions = Object.freeze([...versions].sort((a, b) => compareLocalDates(a.effectiveFrom, b.effectiveFrom)));
  }

  /**
   * The version in force on `date`: the latest whose `effectiveFrom` is on or before it.
   * Pass the case's receipt date (its Budapest local date).
   * @throws InvalidInputError `POLICY.NONE_IN_FORCE` before the earliest version.
   */
  inForceAt(date: LocalDate): PolicyVersion {
    const day = parseLocalDate(date);
    let found: PolicyVersion | undefined;
    for (const version of this.versions) {
      if (compareLocalDates(version.effectiveFrom, day) > 0) break;
      found = version;
    }
    if (!found) {
      throw new InvalidInputError(
        'POLICY.NONE_IN_FORCE',
        `No policy version in force on ${day}; the earliest takes effect on ${this.versions[0]!.effectiveFrom}`,
        { field: 'date', details: { date: day } },
      );
    }
    return found;
  }

  /**
   * The version with `id` (as recorded in an event's metadata).
   * @throws InvalidInputError `POLICY.UNKNOWN_VERSION` when no version has that id.
   */
  byId(id: string): PolicyVersion {
    const version = this.versions.find((candidate) => candidate.id === id);
    if (!version) {
      throw new InvalidInputError('POLICY.UNKNOWN_VERSION', `Unknown policy version: ${id}`, {
        field: 'policyVersion',
        details: { known: this.versions.map((v) => v.id) },
      });
    }
    return version;
  }

  /** Every version, earliest first. */
  all(): readonly PolicyVersion[] {
    return this.versions;
  }
}

/** The built-in versions: the 2013 seed and today's law. */
export const BUILT_IN_POLICY_VERSIONS: readonly PolicyVersion[] = [alfaNova2013Policy, hu2026Policy];

/** The catalog of built-in versions; `hu-2026` applies to cases received from 2026-01-01. */
export const defaultPolicyCatalog = new PolicyCatalog(BUILT_IN_POLICY_VERSIONS);
