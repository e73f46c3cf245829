import type { PipelineDecider } from '../shared/pipeline-decider.js';
import type { ComplaintCommand } from './complaint.commands.js';
import { decideComplaint, type ComplaintPolicy } from './complaint.decide.js';
import type { ComplaintEvent } from './complaint.events.js';
import { evolveComplaint, initialComplaintState, type ComplaintState } from './complaint.state.js';

export const complaintDecider: PipelineDecider<ComplaintCommand, ComplaintEvent, ComplaintState, ComplaintPolicy> = {
  initialState: initialComplaintState,
  evolve: evolveComplaint,
  decide: decideComplaint,
};

export const complaintStreamId = (complaintId: string) => `complaint-${complaintId}`;
