/** Generates unique ids (UUIDs) for events, cases and anything else a command creates. */
export interface IdGenerator {
  newId(): string;
}

export const ID_GENERATOR = Symbol('IdGenerator');
