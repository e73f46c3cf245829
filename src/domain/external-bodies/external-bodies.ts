import { InvalidInputError } from '../shared/domain-error.js';

/** The bodies a customer may turn to after the provider's own levels (R-ESC-02, R-LAW-12). */
export type ExternalBodyKind = 'energy_regulator' | 'consumer_protection_authority' | 'town_clerk' | 'conciliation_board';

export interface ExternalBody {
  readonly id: string;
  readonly kind: ExternalBodyKind;
  readonly name: string;
  readonly address: string;
  readonly phone: string | null;
  readonly email: string | null;
  /** The county (or `budapest`) the body is competent for; null for nationwide bodies. */
  readonly county: string | null;
}

/** The directory of external bodies: data an administrator maintains, never code (R-LAW-12). */
export class ExternalBodyDirectory {
  private readonly byId: ReadonlyMap<string, ExternalBody>;

  constructor(readonly bodies: readonly ExternalBody[]) {
    this.byId = new Map(bodies.map((b) => [b.id, b]));
  }

  find(id: string): ExternalBody | undefined {
    return this.byId.get(id);
  }

  competent(kind: ExternalBodyKind, county: string | null): ExternalBody | undefined {
    return this.bodies.find((b) => b.kind === kind && (b.county === null || b.county === county));
  }

  /**
   * R-LAW-07: the consumer-protection authority and the conciliation board of the customer's
   * place of residence, for a rejection.
   */
  redressFor(county: string): { consumerProtectionAuthority: ExternalBody; conciliationBoard: ExternalBody } {
    const authority = this.competent('consumer_protection_authority', county);
    const board = this.competent('conciliation_board', county);
    if (!authority || !board) {
      throw new InvalidInputError('DIRECTORY.NO_COMPETENT_BODY', `The directory has no consumer-protection authority and conciliation board for ${county}; give them in the reply`, {
        field: 'residenceCounty',
        rule: 'R-LAW-07',
      });
    }
    return { consumerProtectionAuthority: authority, conciliationBoard: board };
  }
}
