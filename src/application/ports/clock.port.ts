/** The only source of "now" outside tests; the domain receives it through the decision context. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');
