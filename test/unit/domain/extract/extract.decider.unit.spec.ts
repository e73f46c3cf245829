import { DEFAULT_EXTERNAL_BODIES } from '../../../../src/domain/external-bodies/default-external-bodies.data.js';
import type { ExternalBody } from '../../../../src/domain/external-bodies/external-bodies.js';
import type { ExtractCommand, RequestExtractData } from '../../../../src/domain/extract/extract.commands.js';
import { bundlePurgeVerdict } from '../../../../src/domain/extract/extract-bundle-purge.js';
import { decideExtract, type ExtractContext } from '../../../../src/domain/extract/extract.decide.js';
import { extractDecider } from '../../../../src/domain/extract/extract.decider.js';
import type { ExtractEvent } from '../../../../src/domain/extract/extract.events.js';
import { evolveExtract, initialExtractState, type ExtractState } from '../../../../src/domain/extract/extract.state.js';
import type { ExtractBundleRecord } from '../../../../src/domain/extract/extract.types.js';
import type { LocalDate } from '../../../../src/domain/calendar/local-date.js';
import type { Actor } from '../../../../src/domain/shared/actor.js';
import type { DomainError } from '../../../../src/domain/shared/domain-error.js';

const clerk: Actor = { userId: 'clerk-kiss', role: 'clerk', unit: 'cso-budapest' };
const leader: Actor = { userId: 'group-leader', role: 'supervisor', unit: 'cso-budapest' };
const otherLeader: Actor = { userId: 'technical-manager', role: 'supervisor', unit: 'cso-budapest' };
const admin: Actor = { userId: 'admin-1', role: 'admin', unit: null };
const auditor: Actor = { userId: 'auditor-1', role: 'auditor', unit: null };
const regulator: Actor = { userId: 'reg-1', role: 'regulator', unit: null };
const body = (id: string): ExternalBody => DEFAULT_EXTERNAL_BODIES.find((b) => b.id === id)!;

/** Given events, when a command, then events or the refusal: the way the pipeline runs the decider. */
class ExtractScenario {
  readonly events: ExtractEvent[] = [];
  now = new Date('2026-03-02T09:00:00.000Z');
  private ids = 0;

  state(): ExtractState {
    return this.events.reduce(evolveExtract, initialExtractState);
  }

  context(actor: Actor): ExtractContext {
    return { now: this.now, newId: () => `id-${++this.ids}`, policy: null, actor, sequences: new Map() };
  }

  run(command: ExtractCommand, actor: Actor): ExtractEvent[] {
    const decided = [...extractDecider.decide(command, this.state(), this.context(actor))];
    this.events.push(...decided);
    return decided;
  }

  refuse(command: ExtractCommand, actor: Actor): DomainError {
    const before = this.events.length;
    try {
      decideExtract(command, this.state(), this.context(actor));
    } catch (error) {
      expect(this.events.length).toBe(before);
      return error as DomainError;
    }
    throw new Error(`Expected ${command.type} to be refused`);
  }
}

const request = (overrides: Partial<RequestExtractData> = {}): Extract<ExtractCommand, { type: 'RequestExtract' }> => ({
  type: 'RequestExtract',
  data: {
    extractId: 'x-1',
    scope: { kind: 'case_file', caseStreamId: 'complaint-c-1' },
    addressee: body('bfkh-fogyasztovedelem'),
    legalBasis: { kind: 'authority_request', reference: 'BP/FVF/01234-2/2026', allowsPersonalData: true },
    knownCheckpointSize: null,
    purpose: 'The authority asked for the complaint file',
    ...overrides,
  },
});
const statistics = (from: string, to: string, allowsPersonalData = false) =>
  request({ scope: { kind: 'statistics', from: from as LocalDate, to: to as LocalDate }, addressee: body('mekh'), legalBasis: { kind: 'statutory_reporting', reference: 'Tszt. 57/D', allowsPersonalData } });

const bundle = (overrides: Partial<ExtractBundleRecord> = {}): ExtractBundleRecord => ({
  formatVersion: 'heating-cases/extract/v1',
  sha256: 'a'.repeat(64),
  size: 10240,
  manifestSha256: 'b'.repeat(64),
  signingKeyId: 'k'.repeat(32),
  checkpoint: { treeSize: 42, rootHash: 'c'.repeat(64), signedAt: '2026-03-02T09:00:00.000Z', keyId: 'k'.repeat(32) },
  knownCheckpointSize: null,
  files: [{ name: 'events.jsonl', sha256: 'd'.repeat(64), size: 100 }],
  personalData: 'included',
  streams: [{ streamId: 'complaint-c-1', events: 9 }],
  eventCount: 9,
  createdAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});
const generated = (b: ExtractBundleRecord = bundle()): ExtractCommand => ({ type: 'RecordExtractGenerated', data: { bundle: b } });
const delivery = (deliveredAt = '2026-03-02T09:30:00.000Z'): ExtractCommand => ({ type: 'DeliverExtract', data: { channel: 'hivatali_kapu', deliveredAt, recipient: { office: 'Fogyasztóvédelmi Főosztály', reference: 'BP/FVF/01234-3/2026' } } });

function approved(): ExtractScenario {
  const s = new ExtractScenario();
  s.run(request(), clerk);
  s.run({ type: 'ApproveExtract', data: { note: null } }, leader);
  return s;
}

describe('extract decider', () => {
  describe('a request', () => {
    it('R-LAW-12: records the case, the addressee as the directory lists it, the legal basis, and who asked when', () => {
      const s = new ExtractScenario();
      expect(s.run(request(), clerk)).toEqual([
        {
          type: 'ExtractRequested',
          data: {
            extractId: 'x-1',
            scope: { kind: 'case_file', caseStreamId: 'complaint-c-1' },
            addressee: body('bfkh-fogyasztovedelem'),
            legalBasis: { kind: 'authority_request', reference: 'BP/FVF/01234-2/2026', allowsPersonalData: true },
            knownCheckpointSize: null,
            purpose: 'The authority asked for the complaint file',
            requestedBy: { userId: 'clerk-kiss', role: 'clerk' },
            requestedAt: '2026-03-02T09:00:00.000Z',
          },
        },
      ]);
      expect(s.state()).toMatchObject({ status: 'requested', approval: null, bundle: null, deliveries: [] });
    });

    it('statistics for a period that has ended, for the regulator, with the checkpoint the body holds', () => {
      const s = new ExtractScenario();
      const [event] = s.run({ ...statistics('2026-01-01', '2026-03-01'), data: { ...statistics('2026-01-01', '2026-03-01').data, knownCheckpointSize: 1200 } }, leader);
      expect(event).toMatchObject({ data: { scope: { kind: 'statistics', from: '2026-01-01', to: '2026-03-01' }, addressee: { id: 'mekh', kind: 'energy_regulator' }, knownCheckpointSize: 1200 } });
    });

    it('R-LAW-12: an addressee that is not an external body of a known kind is refused', () => {
      const stranger = { ...body('mekh'), id: 'ombudsman', kind: 'ombudsman' as never };
      expect(new ExtractScenario().refuse(request({ addressee: stranger }), clerk)).toMatchObject({ code: 'EXTRACT.UNKNOWN_ADDRESSEE', rule: 'R-LAW-12', details: { field: 'addresseeBodyId' } });
    });

    it('auditors and regulators do not request extracts', () => {
      for (const actor of [auditor, regulator]) expect(new ExtractScenario().refuse(request(), actor)).toMatchObject({ code: 'EXTRACT.NOT_STAFF', kind: 'forbidden' });
    });

    it('a statistics extract carries no personal data: a basis that allows it is refused', () => {
      expect(new ExtractScenario().refuse(statistics('2026-01-01', '2026-02-28', true), clerk)).toMatchObject({ code: 'EXTRACT.STATISTICS_WITHOUT_PERSONAL_DATA', details: { field: 'legalBasis.allowsPersonalData' } });
    });

    it('a period must exist, be in order and be over', () => {
      const s = new ExtractScenario();
      expect(s.refuse(statistics('2026-02-30', '2026-03-01'), clerk)).toMatchObject({ code: 'EXTRACT.INVALID_PERIOD', details: { field: 'scope.from' } });
      expect(s.refuse(statistics('2026-03-01', '2026-02-01'), clerk)).toMatchObject({ code: 'EXTRACT.PERIOD_REVERSED', details: { field: 'scope.to' } });
      expect(s.refuse(statistics('2026-03-01', '2026-03-03'), clerk)).toMatchObject({ code: 'EXTRACT.PERIOD_NOT_OVER', details: { field: 'scope.to' } });
    });

    it('the legal basis names its reference, the case is a case, the checkpoint size is a tree size, the purpose is given', () => {
      const s = new ExtractScenario();
      expect(s.refuse(request({ legalBasis: { kind: 'court_order', reference: '  ', allowsPersonalData: true } }), clerk)).toMatchObject({ code: 'EXTRACT.LEGAL_BASIS_REFERENCE_MISSING', details: { field: 'legalBasis.reference' } });
      expect(s.refuse(request({ scope: { kind: 'case_file', caseStreamId: 'extract-x-0' } }), clerk)).toMatchObject({ code: 'EXTRACT.NOT_A_CASE', details: { field: 'scope.caseStreamId' } });
      expect(s.refuse(request({ scope: { kind: 'case_file', caseStreamId: 'access-complaint-c-1' } }), clerk)).toMatchObject({ code: 'EXTRACT.NOT_A_CASE' });
      expect(s.refuse(request({ knownCheckpointSize: 0 }), clerk)).toMatchObject({ code: 'EXTRACT.INVALID_CHECKPOINT_SIZE', details: { field: 'knownCheckpointSize' } });
      expect(s.refuse(request({ purpose: '' }), clerk)).toMatchObject({ code: 'EXTRACT.PURPOSE_MISSING', details: { field: 'purpose' } });
    });

    it('the same extract is not requested twice', () => {
      const s = new ExtractScenario();
      s.run(request(), clerk);
      expect(s.refuse(request(), clerk)).toMatchObject({ code: 'EXTRACT.ALREADY_REQUESTED', kind: 'conflict' });
    });
  });

  describe('the review (four eyes)', () => {
    it('a supervisor other than the requester approves; an administrator may too', () => {
      const s = new ExtractScenario();
      s.run(request(), leader);
      expect(s.refuse({ type: 'ApproveExtract', data: { note: null } }, leader)).toMatchObject({ code: 'EXTRACT.FOUR_EYES', kind: 'forbidden', details: { requestedBy: 'group-leader' } });
      expect(s.run({ type: 'ApproveExtract', data: { note: ' covered by the letter ' } }, otherLeader)).toEqual([
        { type: 'ExtractApproved', data: { approvedBy: { userId: 'technical-manager', role: 'supervisor' }, approvedAt: '2026-03-02T09:00:00.000Z', note: 'covered by the letter' } },
      ]);
      const byAdmin = new ExtractScenario();
      byAdmin.run(request(), clerk);
      expect(byAdmin.run({ type: 'ApproveExtract', data: { note: null } }, admin)[0]).toMatchObject({ data: { approvedBy: { userId: 'admin-1', role: 'admin' } } });
    });

    it('a clerk, an auditor or a regulator does not review', () => {
      const s = new ExtractScenario();
      s.run(request(), leader);
      for (const actor of [clerk, auditor, regulator]) expect(s.refuse({ type: 'ApproveExtract', data: { note: null } }, actor)).toMatchObject({ code: 'EXTRACT.NOT_A_REVIEWER' });
    });

    it('a refusal names its reason and ends the extract: nothing is generated', () => {
      const s = new ExtractScenario();
      s.run(request(), clerk);
      expect(s.refuse({ type: 'RefuseExtract', data: { reason: ' ' } }, leader)).toMatchObject({ code: 'EXTRACT.REFUSAL_REASON_MISSING', details: { field: 'reason' } });
      s.run({ type: 'RefuseExtract', data: { reason: 'The request does not cover this case' } }, leader);
      expect(s.state()).toMatchObject({ status: 'refused', refusal: { refusedBy: { userId: 'group-leader' }, reason: 'The request does not cover this case' } });
      expect(s.refuse(generated(), clerk)).toMatchObject({ code: 'EXTRACT.REFUSED' });
      expect(s.refuse({ type: 'ApproveExtract', data: { note: null } }, otherLeader)).toMatchObject({ code: 'EXTRACT.REFUSED' });
    });

    it('an approved extract is not reviewed again', () => {
      expect(approved().refuse({ type: 'RefuseExtract', data: { reason: 'changed my mind' } }, otherLeader)).toMatchObject({ code: 'EXTRACT.ALREADY_REVIEWED' });
    });

    it('an extract that was never requested is not found', () => {
      expect(new ExtractScenario().refuse({ type: 'ApproveExtract', data: { note: null } }, leader)).toMatchObject({ code: 'EXTRACT.NOT_FOUND', kind: 'not_found' });
    });
  });

  describe('generation', () => {
    it('is refused before approval', () => {
      const s = new ExtractScenario();
      s.run(request(), clerk);
      expect(s.refuse(generated(), clerk)).toMatchObject({ code: 'EXTRACT.NOT_APPROVED', kind: 'conflict' });
    });

    it('records the bundle digest, the checkpoint, the files and who generated it; once', () => {
      const s = approved();
      expect(s.run(generated(), clerk)).toEqual([{ type: 'ExtractGenerated', data: { bundle: bundle(), generatedBy: { userId: 'clerk-kiss', role: 'clerk' }, generatedAt: '2026-03-02T09:00:00.000Z' } }]);
      expect(s.state()).toMatchObject({ status: 'generated', bundle: { sha256: 'a'.repeat(64), checkpoint: { treeSize: 42 } } });
      expect(s.refuse(generated(), clerk)).toMatchObject({ code: 'EXTRACT.ALREADY_GENERATED' });
    });

    it('a bundle showing personal data the legal basis does not allow is refused', () => {
      const s = new ExtractScenario();
      s.run(request({ legalBasis: { kind: 'authority_request', reference: 'BP/FVF/1/2026', allowsPersonalData: false } }), clerk);
      s.run({ type: 'ApproveExtract', data: { note: null } }, leader);
      expect(s.refuse(generated(), clerk)).toMatchObject({ code: 'EXTRACT.PERSONAL_DATA_WITHOUT_BASIS', kind: 'rule' });
      expect(s.run(generated(bundle({ personalData: 'redacted' })), clerk)).toHaveLength(1);
    });

    it('a bundle for a body holding a checkpoint must prove consistency from it', () => {
      const s = new ExtractScenario();
      s.run(request({ knownCheckpointSize: 20 }), clerk);
      s.run({ type: 'ApproveExtract', data: { note: null } }, leader);
      expect(s.refuse(generated(), clerk)).toMatchObject({ code: 'EXTRACT.CONSISTENCY_PROOF_MISSING' });
      expect(s.run(generated(bundle({ knownCheckpointSize: 20 })), clerk)).toHaveLength(1);
    });

    it('auditors and regulators do not generate', () => {
      for (const actor of [auditor, regulator]) expect(approved().refuse(generated(), actor)).toMatchObject({ code: 'EXTRACT.NOT_STAFF', kind: 'forbidden' });
    });
  });

  describe('delivery', () => {
    it('records the channel, the time, the receiving office and the digest of what was sent; each resend too', () => {
      const s = approved();
      expect(s.refuse(delivery(), clerk)).toMatchObject({ code: 'EXTRACT.NOT_GENERATED' });
      s.run(generated(), clerk);
      s.now = new Date('2026-03-02T10:00:00.000Z');
      expect(s.run(delivery(), clerk)).toEqual([
        {
          type: 'ExtractDelivered',
          data: { deliveryId: 'id-1', channel: 'hivatali_kapu', deliveredAt: '2026-03-02T09:30:00.000Z', recipient: { office: 'Fogyasztóvédelmi Főosztály', reference: 'BP/FVF/01234-3/2026' }, bundleSha256: 'a'.repeat(64), recordedBy: { userId: 'clerk-kiss', role: 'clerk' } },
        },
      ]);
      s.run(delivery('2026-03-02T09:45:00.000Z'), leader);
      expect(s.state()).toMatchObject({ status: 'delivered', deliveries: [{ deliveredAt: '2026-03-02T09:30:00.000Z' }, { deliveredAt: '2026-03-02T09:45:00.000Z' }] });
    });

    it('is not dated before the bundle was built, nor in the future', () => {
      const s = approved();
      s.run(generated(), clerk);
      s.now = new Date('2026-03-02T10:00:00.000Z');
      expect(s.refuse(delivery('2026-03-02T08:00:00.000Z'), clerk)).toMatchObject({ code: 'EXTRACT.DELIVERED_BEFORE_GENERATED', details: { field: 'deliveredAt' } });
      expect(s.refuse(delivery('2026-03-03T09:00:00.000Z'), clerk)).toMatchObject({ code: 'EXTRACT.TIME_IN_FUTURE', details: { field: 'deliveredAt' } });
      expect(s.refuse({ type: 'DeliverExtract', data: { channel: 'email', deliveredAt: '2026-03-02T09:30:00.000Z', recipient: { office: '', reference: null } } }, clerk)).toMatchObject({ code: 'EXTRACT.RECIPIENT_MISSING', details: { field: 'recipient.office' } });
      expect(s.refuse(delivery(), auditor)).toMatchObject({ code: 'EXTRACT.NOT_STAFF' });
    });
  });

  describe('purging the kept bundle when the case’s retention ends', () => {
    const purge = (overrides: Partial<{ runId: string; caseStreamId: string; bundleSha256: string }> = {}): ExtractCommand => ({
      type: 'PurgeExtractBundle',
      data: { runId: 'run-1', caseStreamId: 'complaint-c-1', bundleSha256: 'a'.repeat(64), ...overrides },
    });
    const delivered = (): ExtractScenario => {
      const s = approved();
      s.run(generated(), clerk);
      s.now = new Date('2026-03-02T10:00:00.000Z');
      s.run(delivery(), clerk);
      return s;
    };

    it('R-RET-03: a case file showing personal data goes with its case; statistics, redacted bundles and other cases’ extracts stay', () => {
      expect(bundlePurgeVerdict(delivered().state(), 'complaint-c-1')).toEqual({ purge: true, bundleOnRecord: 'a'.repeat(64), purgeRecorded: false });
      expect(bundlePurgeVerdict(delivered().state(), 'complaint-c-2')).toEqual({ purge: false, reason: 'not_covering' });
      expect(bundlePurgeVerdict(initialExtractState, 'complaint-c-1')).toEqual({ purge: false, reason: 'no_extract' });

      const redacted = new ExtractScenario();
      redacted.run(request({ legalBasis: { kind: 'authority_request', reference: 'BP/FVF/1/2026', allowsPersonalData: false } }), clerk);
      redacted.run({ type: 'ApproveExtract', data: { note: null } }, leader);
      // Approved, built, never recorded: it carried what the basis allowed.
      expect(bundlePurgeVerdict(redacted.state(), 'complaint-c-1')).toEqual({ purge: false, reason: 'no_personal_data' });
      expect(bundlePurgeVerdict(approved().state(), 'complaint-c-1')).toEqual({ purge: true, bundleOnRecord: null, purgeRecorded: false });
      redacted.run(generated(bundle({ personalData: 'redacted' })), clerk);
      expect(bundlePurgeVerdict(redacted.state(), 'complaint-c-1')).toEqual({ purge: false, reason: 'no_personal_data' });

      const stats = new ExtractScenario();
      stats.run(statistics('2026-01-01', '2026-03-01'), leader);
      stats.run({ type: 'ApproveExtract', data: { note: null } }, otherLeader);
      stats.run(generated(bundle({ personalData: 'redacted', streams: [{ streamId: 'complaint-c-1', events: 9 }] })), leader);
      expect(bundlePurgeVerdict(stats.state(), 'complaint-c-1')).toEqual({ purge: false, reason: 'no_personal_data' });
    });

    it('R-RET-03: the run’s administrator records the purge once, with the run, the case and the digest; the record stays', () => {
      const s = delivered();
      s.now = new Date('2029-03-03T09:00:00.000Z');
      expect(s.run(purge(), admin)).toEqual([
        { type: 'ExtractBundlePurged', data: { runId: 'run-1', caseStreamId: 'complaint-c-1', bundleSha256: 'a'.repeat(64), purgedBy: { userId: 'admin-1', role: 'admin' }, purgedAt: '2029-03-03T09:00:00.000Z', rule: 'R-RET-03' } },
      ]);
      expect(s.state()).toMatchObject({ status: 'delivered', bundle: { sha256: 'a'.repeat(64) }, bundlePurge: { runId: 'run-1', caseStreamId: 'complaint-c-1' } });
      expect(bundlePurgeVerdict(s.state(), 'complaint-c-1')).toEqual({ purge: true, bundleOnRecord: 'a'.repeat(64), purgeRecorded: true });
      expect(s.refuse(purge({ runId: 'run-2' }), admin)).toMatchObject({ code: 'EXTRACT.BUNDLE_ALREADY_PURGED', rule: 'R-RET-03', kind: 'conflict' });
    });

    it('R-RET-03: refused for anyone but an administrator, another digest, another case, a redacted bundle or none', () => {
      const s = delivered();
      for (const actor of [clerk, leader, auditor]) expect(s.refuse(purge(), actor)).toMatchObject({ code: 'EXTRACT.PURGE_NOT_ALLOWED', kind: 'forbidden' });
      expect(s.refuse(purge({ bundleSha256: 'e'.repeat(64) }), admin)).toMatchObject({ code: 'EXTRACT.BUNDLE_DIGEST_MISMATCH', kind: 'invalid' });
      expect(s.refuse(purge({ caseStreamId: 'complaint-c-2' }), admin)).toMatchObject({ code: 'EXTRACT.BUNDLE_KEPT', rule: 'R-RET-03', details: { reason: 'not_covering' } });
      expect(approved().refuse(purge(), admin)).toMatchObject({ code: 'EXTRACT.NOT_GENERATED' });
      const redacted = new ExtractScenario();
      redacted.run(request({ legalBasis: { kind: 'authority_request', reference: 'BP/FVF/1/2026', allowsPersonalData: false } }), clerk);
      redacted.run({ type: 'ApproveExtract', data: { note: null } }, leader);
      redacted.run(generated(bundle({ personalData: 'redacted' })), clerk);
      expect(redacted.refuse(purge(), admin)).toMatchObject({ code: 'EXTRACT.BUNDLE_KEPT', kind: 'rule', details: { reason: 'no_personal_data' } });
    });
  });
});
