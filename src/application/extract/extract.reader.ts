import { extractDecider, extractStreamId } from '../../domain/extract/extract.decider.js';
import type { ExtractEvent } from '../../domain/extract/extract.events.js';
import type { ExtractCase, ExtractState, ExtractStatus } from '../../domain/extract/extract.state.js';
import { fold } from '../../domain/shared/decider.js';
import type { Actor } from '../../domain/shared/actor.js';
import { ForbiddenError, NotFoundError } from '../../domain/shared/domain-error.js';
import type { EventStore } from '../ports/event-store.port.js';

/** Who reads: the actor, and for a regulator the external body named in the token. */
export interface ExtractReader {
  readonly actor: Actor;
  readonly body: string | null;
}

/** The extract's state folded from its stream, and the stream version (the ETag). */
export async function loadExtract(store: EventStore, extractId: string): Promise<{ state: ExtractState; version: number }> {
  const history = await store.readStream(extractStreamId(extractId));
  const state = fold(extractDecider, history.map((e) => ({ type: e.type, data: e.data }) as unknown as ExtractEvent));
  return { state, version: history.at(-1)?.streamVersion ?? 0 };
}

const DELIVERABLE: readonly ExtractStatus[] = ['generated', 'delivered'];

/**
 * A regulator reads only extracts addressed to its own body (the token's `body` claim), and
 * only once they are generated; staff and auditors read every extract.
 */
export function assertMayRead(state: ExtractState, reader: ExtractReader): ExtractCase & { readonly status: ExtractStatus } {
  if (state.status === 'none') throw new NotFoundError('EXTRACT.NOT_FOUND', 'No such extract');
  if (reader.actor.role === 'regulator') {
    if (!reader.body) throw new ForbiddenError('EXTRACT.NO_BODY_CLAIM', 'A regulator token must name its external body (claim `body`)');
    if (state.addressee.id !== reader.body) {
      throw new ForbiddenError('EXTRACT.NOT_ADDRESSED_TO_YOUR_BODY', `The extract is addressed to another body; a regulator reads only extracts addressed to ${reader.body}`);
    }
    if (!DELIVERABLE.includes(state.status)) throw new NotFoundError('EXTRACT.NOT_FOUND', 'No such extract');
  }
  return state;
}

/** What a reader sees of an extract; a regulator does not see the provider's internal review. */
export function extractView(extract: ExtractCase & { readonly status: ExtractStatus }, version: number, reader: ExtractReader): Record<string, unknown> {
  const bundle = extract.bundle
    ? {
        sha256: extract.bundle.sha256,
        size: extract.bundle.size,
        formatVersion: extract.bundle.formatVersion,
        signingKeyId: extract.bundle.signingKeyId,
        checkpoint: extract.bundle.checkpoint,
        knownCheckpointSize: extract.bundle.knownCheckpointSize,
        personalData: extract.bundle.personalData,
        files: extract.bundle.files,
        streams: extract.bundle.streams,
        eventCount: extract.bundle.eventCount,
        createdAt: extract.bundle.createdAt,
      }
    : null;
  const common = {
    extractId: extract.extractId,
    status: extract.status,
    kind: extract.scope.kind,
    scope: extract.scope,
    addressee: { id: extract.addressee.id, kind: extract.addressee.kind, name: extract.addressee.name },
    legalBasis: extract.legalBasis,
    knownCheckpointSize: extract.knownCheckpointSize,
    bundle,
    deliveries: extract.deliveries.map((d) => ({ deliveryId: d.deliveryId, channel: d.channel, deliveredAt: d.deliveredAt, recipient: d.recipient })),
    // R-RET-03: the bundle is no longer kept; its digest above stays the proof of what was sent.
    bundlePurge: extract.bundlePurge
      ? { purgedAt: extract.bundlePurge.purgedAt, runId: extract.bundlePurge.runId, caseStreamId: extract.bundlePurge.caseStreamId, bundleSha256: extract.bundlePurge.bundleSha256, rule: extract.bundlePurge.rule }
      : null,
    version,
  };
  if (reader.actor.role === 'regulator') return common;
  return {
    ...common,
    purpose: extract.purpose,
    requestedBy: extract.requestedBy,
    requestedAt: extract.requestedAt,
    approval: extract.approval,
    refusal: extract.refusal,
    generatedBy: extract.bundle?.generatedBy ?? null,
    generatedAt: extract.bundle?.generatedAt ?? null,
    deliveries: extract.deliveries,
    bundlePurge: extract.bundlePurge,
  };
}
