/** Which extracts exist, newest first: found from their request events in the store. */
export interface ExtractIndexFilter {
  /** Only extracts addressed to this external body. */
  readonly addresseeBodyId?: string;
  /** Only extracts whose bundle was generated. */
  readonly generatedOnly?: boolean;
  readonly limit: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string | null;
}

export interface ExtractIndexPage {
  readonly extractIds: readonly string[];
  readonly nextCursor: string | null;
}

export interface ExtractIndex {
  find(filter: ExtractIndexFilter): Promise<ExtractIndexPage>;
}

export const EXTRACT_INDEX = Symbol('ExtractIndex');
