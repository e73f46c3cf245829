import type { PolicyLookup, RetentionCase } from '../../domain/retention/retention-case.js';
import { retentionDecider, type CaseStreamEvent, type ExpireRetention } from '../../domain/retention/retention.decide.js';
import type { CommandSpec } from '../command-pipeline/command-pipeline.js';
import type { PolicyCatalogPort } from '../ports/directories.port.js';

/** The policy versions of the catalog by id; an unknown id gets the rule's default periods (R-RET-01). */
export function policyLookupOf(catalog: PolicyCatalogPort): PolicyLookup {
  return (id) => catalog.all().find((version) => version.id === id);
}

/** `ExpireRetention` on one case stream, judged under the policy version the case was received under. */
export function retentionCommandSpec(streamId: string, streamType: string, catalog: PolicyCatalogPort): CommandSpec<ExpireRetention, CaseStreamEvent, RetentionCase | null, null> {
  return {
    decider: retentionDecider(streamId, policyLookupOf(catalog)),
    streamId,
    streamType,
    policy: (state) => ({ id: state?.policyVersion ?? 'none', policy: null }),
  };
}
