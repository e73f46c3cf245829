/** Moved to src/domain/shared/case-support.ts; kept so the contract cases' imports resolve. */
export * from '../shared/case-support.js';
