/** A server the service depends on besides the SQL database (KurrentDB, MongoDB), for readiness. */
export interface EngineCheck {
  /** The indicator's name in /health/ready. */
  readonly name: string;
  /** Resolves when the server answers; rejects with why not. */
  check(): Promise<void>;
}

export const ENGINE_CHECKS = Symbol('EngineChecks');
