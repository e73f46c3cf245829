import { Inject, Injectable } from '@nestjs/common';
import { bundlePurgeVerdict } from '../../domain/extract/extract-bundle-purge.js';
import { extractStreamId } from '../../domain/extract/extract.decider.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { CommandPipeline } from '../command-pipeline/command-pipeline.js';
import { EXTRACT_BUNDLE_STORE, type ExtractBundleStore } from '../extract/extract-bundle-store.port.js';
import { EXTRACT_INDEX, type ExtractIndex, type KeptCaseFileBundle } from '../extract/extract-index.port.js';
import { extractCommandSpec } from '../extract/extract.command-spec.js';
import { loadExtract } from '../extract/extract.reader.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port.js';
import type { PurgedBundleReport, RetentionRunRequest } from './run-retention/run-retention.command.js';

/** The kept bundles of one extract that go with an expiring case, and what its stream records. */
export interface BundlePurgePlan {
  readonly extractId: string;
  /** The digest `ExtractGenerated` recorded; null for an extract whose bundle was never recorded. */
  readonly bundleOnRecord: string | null;
  readonly purgeRecorded: boolean;
  /** Every digest kept for the extract. */
  readonly kept: readonly string[];
}

/** What a dry run reports of the plans: every kept bundle that would be deleted. */
export function plannedReports(plans: readonly BundlePurgePlan[]): PurgedBundleReport[] {
  return plans.flatMap((p) => p.kept.map((sha) => ({ extractId: p.extractId, bundleSha256: sha, onRecord: sha === p.bundleOnRecord })));
}

/**
 * R-RET-03 for extracts: when a case's retention ends, the bundles kept of its case-file
 * extracts that show its personal data in plaintext are deleted from the bundle store, and each
 * extract's own stream records the purge with the digest, so what was sent stays provable.
 * Statistics and redacted bundles stay.
 */
@Injectable()
export class ExtractBundlePurger {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EXTRACT_INDEX) private readonly index: ExtractIndex,
    @Inject(EXTRACT_BUNDLE_STORE) private readonly bundles: ExtractBundleStore,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
    private readonly pipeline: CommandPipeline,
  ) {}

  /** The kept bundles of the cases' case-file extracts, by case stream id. */
  async keptFor(caseStreamIds: readonly string[]): Promise<ReadonlyMap<string, readonly KeptCaseFileBundle[]>> {
    const byCase = new Map<string, KeptCaseFileBundle[]>();
    for (const kept of await this.index.keptCaseFileBundles(caseStreamIds)) byCase.set(kept.caseStreamId, [...(byCase.get(kept.caseStreamId) ?? []), kept]);
    return byCase;
  }

  /** Which of the kept bundles go when `caseStreamId` expires, judged on each extract's own stream. */
  async plan(caseStreamId: string, kept: readonly KeptCaseFileBundle[]): Promise<BundlePurgePlan[]> {
    const plans: BundlePurgePlan[] = [];
    for (const extractId of [...new Set(kept.map((k) => k.extractId))]) {
      const { state } = await loadExtract(this.store, extractId);
      const verdict = bundlePurgeVerdict(state, caseStreamId);
      if (!verdict.purge) continue;
      plans.push({ extractId, bundleOnRecord: verdict.bundleOnRecord, purgeRecorded: verdict.purgeRecorded, kept: kept.filter((k) => k.extractId === extractId).map((k) => k.sha256) });
    }
    return plans;
  }

  /**
   * Records each purge on the extract's stream (once), then deletes the extract's kept bundles.
   * Recorded first: a stop in between leaves a purge on record whose bundle a download already
   * refuses (410) and the next run deletes; never a bundle gone without the reason on record.
   * Stops at the first extract that refuses (nothing of it is deleted) and answers the refusal.
   */
  async purge(plans: readonly BundlePurgePlan[], caseStreamId: string, runId: string, request: RetentionRunRequest): Promise<{ purged: PurgedBundleReport[]; refused: DomainError | null }> {
    const purged: PurgedBundleReport[] = [];
    for (const plan of plans) {
      if (plan.bundleOnRecord !== null && !plan.purgeRecorded) {
        try {
          await this.pipeline.execute(extractCommandSpec(plan.extractId, this.catalog), {
            command: { type: 'PurgeExtractBundle', data: { runId, caseStreamId, bundleSha256: plan.bundleOnRecord } },
            commandId: `retention:${runId}:${extractStreamId(plan.extractId)}`,
            actor: request.actor,
            channel: request.channel,
            correlationId: request.correlationId,
            causationId: request.commandId ?? runId,
          });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // Recorded since the plan was made (a concurrent run): the rows still go.
          if (error.code !== 'EXTRACT.BUNDLE_ALREADY_PURGED') return { purged, refused: error };
        }
      }
      for (const sha of await this.bundles.purge(plan.extractId)) purged.push({ extractId: plan.extractId, bundleSha256: sha, onRecord: sha === plan.bundleOnRecord });
    }
    return { purged, refused: null };
  }
}
