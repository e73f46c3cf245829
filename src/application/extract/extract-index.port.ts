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

/** A bundle kept in the bundle store, of an extract requested for a case file. */
export interface KeptCaseFileBundle {
  readonly caseStreamId: string;
  readonly extractId: string;
  readonly sha256: string;
}

export interface ExtractIndex {
  find(filter: ExtractIndexFilter): Promise<ExtractIndexPage>;
  /** Every bundle still kept of a case-file extract of one of `caseStreamIds` (R-RET-03), oldest first. */
  keptCaseFileBundles(caseStreamIds: readonly string[]): Promise<readonly KeptCaseFileBundle[]>;
}

export const EXTRACT_INDEX = Symbol('ExtractIndex');
