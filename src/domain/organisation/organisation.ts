import { NotFoundError } from '../shared/domain-error.js';

/** The unit kinds of RULES.md, "Actors and units". */
export type UnitKind = 'dispatcher_service' | 'customer_service_office' | 'regional_secretariat' | 'central_secretariat';

/** The registers the regulation names; each numbers its entries gaplessly per calendar year (R-CPL-03). */
export type RegisterKind =
  | 'dispatcher_log'
  | 'filing_register'
  | 'complaint_letters_register'
  | 'serial_register'
  | 'incoming_letters_register'
  | 'clerks_workbook'
  | 'referral_register'
  | 'contract_register';

export interface OrganisationUnit {
  readonly id: string;
  readonly kind: UnitKind;
  readonly name: string;
  /** The unit a complaint about this unit's handling is brought to (R-ESC-01); null at the top. */
  readonly escalatesTo: string | null;
  /** Short code used in register numbers, e.g. "BP" in "BP/2026/17". */
  readonly code: string;
}

/** Where each kind of unit registers incoming cases, and where its clerk takes them over. */
export const REGISTERS_OF: Readonly<Record<UnitKind, { readonly incoming: RegisterKind; readonly takeover: RegisterKind | null }>> = {
  dispatcher_service: { incoming: 'dispatcher_log', takeover: null },
  customer_service_office: { incoming: 'filing_register', takeover: null },
  regional_secretariat: { incoming: 'complaint_letters_register', takeover: 'serial_register' },
  central_secretariat: { incoming: 'incoming_letters_register', takeover: 'clerks_workbook' },
};

/**
 * The channels each kind of unit accepts (RULES.md, Actors and units). "Written" is letter or
 * fax (R-CHN-04): both secretariats list a fax number beside the post address (seed 4.5.7, 4.5.8).
 */
export const CHANNELS_ACCEPTED: Readonly<Record<UnitKind, readonly string[]>> = {
  dispatcher_service: ['in_person', 'phone'],
  customer_service_office: ['letter', 'in_person', 'phone', 'email', 'fax', 'web_form'],
  regional_secretariat: ['letter', 'fax', 'in_person', 'phone', 'email'],
  central_secretariat: ['letter', 'fax', 'phone'],
};

/** The provider's units, as data (an installation loads its own list). */
export class Organisation {
  private readonly byId: ReadonlyMap<string, OrganisationUnit>;

  constructor(readonly units: readonly OrganisationUnit[]) {
    this.byId = new Map(units.map((u) => [u.id, u]));
    for (const unit of units) {
      if (unit.escalatesTo && !this.byId.has(unit.escalatesTo)) throw new Error(`Unit ${unit.id} escalates to unknown unit ${unit.escalatesTo}`);
    }
  }

  find(id: string | null | undefined): OrganisationUnit | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  get(id: string): OrganisationUnit {
    const unit = this.byId.get(id);
    if (!unit) throw new NotFoundError('ORGANISATION.UNKNOWN_UNIT', `No organisational unit ${id}`, { unit: id });
    return unit;
  }
}

/** The register stream of a unit's register in a calendar year: its versions are the register numbers. */
export function registerStreamId(register: RegisterKind, unitId: string, year: number): string {
  return `register-${register}-${unitId}-${year}`;
}
