import type { PipelineDecider } from '../shared/pipeline-decider.js';
import type { ExtractCommand } from './extract.commands.js';
import { decideExtract } from './extract.decide.js';
import type { ExtractEvent } from './extract.events.js';
import { evolveExtract, initialExtractState, type ExtractState } from './extract.state.js';

/** An extract for an external body is its own case: requested, approved, generated, delivered (or refused). */
export const extractDecider: PipelineDecider<ExtractCommand, ExtractEvent, ExtractState, null> = {
  initialState: initialExtractState,
  evolve: evolveExtract,
  decide: decideExtract,
};

export const EXTRACT_STREAM_PREFIX = 'extract-';
export const EXTRACT_STREAM_TYPE = 'extract';
export const extractStreamId = (extractId: string) => `${EXTRACT_STREAM_PREFIX}${extractId}`;
