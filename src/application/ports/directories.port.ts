import type { Organisation } from '../../domain/organisation/organisation.js';
import type { PolicyCatalog } from '../../domain/policy/policy-catalog.js';

/** The provider's organisational units (data, per installation). */
export const ORGANISATION = Symbol('Organisation');
export type OrganisationDirectory = Organisation;

/** The effective-dated policy versions. */
export const POLICY_CATALOG = Symbol('PolicyCatalog');
export type PolicyCatalogPort = PolicyCatalog;

/** The external bodies: regulator, authorities, conciliation boards (R-LAW-12). */
export const EXTERNAL_BODIES = Symbol('ExternalBodies');
