import { localDateOf } from '../../domain/calendar/local-date.js';
import type { ExtractCommand } from '../../domain/extract/extract.commands.js';
import { EXTRACT_STREAM_TYPE, extractDecider, extractStreamId } from '../../domain/extract/extract.decider.js';
import type { ExtractEvent } from '../../domain/extract/extract.events.js';
import type { ExtractState } from '../../domain/extract/extract.state.js';
import type { PolicyCatalog } from '../../domain/policy/policy-catalog.js';
import type { CommandSpec } from '../command-pipeline/command-pipeline.js';

/** How the pipeline runs an extract command; the events name the policy version in force that day. */
export function extractCommandSpec(extractId: string, catalog: PolicyCatalog): CommandSpec<ExtractCommand, ExtractEvent, ExtractState, null> {
  return {
    decider: extractDecider,
    streamId: extractStreamId(extractId),
    streamType: EXTRACT_STREAM_TYPE,
    policy: (_state, now) => ({ id: catalog.inForceAt(localDateOf(now)).id, policy: null }),
    result: (state) => {
      if (state.status === 'none') return {};
      const bundle = state.bundle;
      return {
        extractId: state.extractId,
        status: state.status,
        ...(bundle ? { bundle: { sha256: bundle.sha256, size: bundle.size, checkpoint: bundle.checkpoint, personalData: bundle.personalData, files: bundle.files } } : {}),
      };
    },
  };
}
