import { randomUUID } from 'node:crypto';
import { MongoError, MongoNetworkError, MongoServerError } from 'mongodb';
import { InvalidDocumentQueryError } from '../../../../src/application/ports/read-model.port.js';
import {
  MongoTransactionsUnavailableError,
  assertLimit,
  assertOrder,
  assertTransactionsSupported,
  encodeCursor,
  filterOf,
  indexesOf,
  keysetFilter,
  pagePipeline,
  rankOf,
  valueAt,
} from '../../../../src/infrastructure/projections/mongodb/mongo-document.mapping.js';
import { evolveDocuments } from '../../../../src/infrastructure/projections/document-table.js';
import { ProjectionCodeError, isTransient } from '../../../../src/infrastructure/projections/projection.errors.js';
import type { DocumentProjection, ProjectionEvent } from '../../../../src/projections/projection.js';

describe('MongoDB read-model mapping', () => {
  describe('documents and indexes', () => {
    it('a document path lives under doc; each declared index is the path then the id', () => {
      expect(indexesOf('rm_filing_register', [{ name: 'unit', path: 'unit' }, { name: 'status', path: 'case.status' }])).toEqual([
        { key: { 'doc.unit': 1, _id: 1 }, name: 'rm_filing_register_unit' },
        { key: { 'doc.case.status': 1, _id: 1 }, name: 'rm_filing_register_status' },
      ]);
    });

    it('reads a path of a stored document, missing as null, as the sort compares it', () => {
      const doc = { case: { status: 'open', number: 7 }, tags: ['a'] };
      expect(valueAt(doc, 'case.status')).toBe('open');
      expect(valueAt(doc, 'case.number')).toBe(7);
      expect(valueAt(doc, 'case.missing')).toBeNull();
      expect(valueAt(doc, 'tags.length')).toBeNull();
    });

    it('the fold of a batch is the one the SQL tables use: each touched document loaded once, evolved in order, deleted when evolve returns undefined', async () => {
      const event = (streamId: string, type: string, globalPosition: number): ProjectionEvent => ({
        streamId, streamVersion: 1, globalPosition, eventId: randomUUID(), type, data: {}, recordedAt: '2026-03-02T09:00:00.000Z', hash: '0'.repeat(64), erasedFields: [],
        metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'u', role: 'clerk', unit: null }, channel: 'phone', policyVersion: 'p', businessTime: '2026-03-02T09:00:00.000Z' },
      });
      const projection: DocumentProjection<{ n: number }> = {
        kind: 'documents',
        name: 'counts',
        version: 1,
        handles: ['Counted', 'Removed'],
        documentIds: (e) => [e.streamId],
        evolve: (doc, e) => (e.type === 'Removed' ? undefined : { n: (doc?.n ?? 0) + 1 }),
      };
      const loads: string[][] = [];
      const changes = await evolveDocuments(projection, [event('a', 'Counted', 10), event('b', 'Counted', 11), event('a', 'Counted', 12), event('b', 'Removed', 13)], async (ids) => {
        loads.push(ids);
        return new Map([['a', { n: 5 }]]);
      });
      expect(loads).toEqual([['a', 'b']]);
      expect(changes).toEqual({ upserts: [{ id: 'a', doc: { n: 7 }, pos: 12 }], deletes: ['b'] });
      const broken = { ...projection, documentIds: () => [''] };
      await expect(evolveDocuments(broken, [event('a', 'Counted', 1)], async () => new Map())).rejects.toBeInstanceOf(ProjectionCodeError);
    });
  });

  describe('filters', () => {
    it('equality is type-strict as in SQL: a string, a number, a boolean; null also matches a missing path', () => {
      expect(filterOf({ status: 'open' })).toEqual({ 'doc.status': { $eq: 'open' } });
      expect(filterOf({ number: 5 })).toEqual({ 'doc.number': { $eq: 5 } });
      expect(filterOf({ closed: false })).toEqual({ 'doc.closed': { $eq: false } });
      expect(filterOf({ clerk: null })).toEqual({ 'doc.clerk': null });
      expect(filterOf({})).toEqual({});
    });

    it('membership and ranges; several paths must all hold', () => {
      expect(filterOf({ unit: { in: ['cso-budapest', 7] }, dueAt: { gte: '2026-03-01', lt: '2026-04-01' } })).toEqual({
        $and: [{ 'doc.unit': { $in: ['cso-budapest', 7] } }, { 'doc.dueAt': { $gte: '2026-03-01', $lt: '2026-04-01' } }],
      });
      expect(filterOf({ amount: { gt: 100 } })).toEqual({ 'doc.amount': { $gt: 100 } });
    });

    it('refuses what the SQL store refuses, with the same 400 error', () => {
      const refused = (where: Record<string, unknown>) => () => filterOf(where as never);
      expect(refused({ 'bad path': 'x' })).toThrow(InvalidDocumentQueryError);
      expect(refused({ '$where': 'x' })).toThrow('Not a document path: "$where"');
      expect(refused({ n: Number.NaN })).toThrow('Condition on n needs a finite number');
      expect(refused({ n: { in: 'x' } })).toThrow('"in" on n takes a list and nothing else');
      expect(refused({ n: { in: [true] } })).toThrow('"in" on n takes strings and numbers');
      expect(refused({ n: { near: 1 } })).toThrow('Unknown operator "near" on n');
      expect(refused({ n: {} })).toThrow('Empty condition on n');
      expect(refused({ n: { lt: null } })).toThrow('lt on n takes a string or a number');
      expect(() => assertLimit(501)).toThrow('limit must be an integer from 1 to 500');
      expect(() => assertOrder([{ path: 'n', direction: 'up' as never }])).toThrow('direction of n must be asc or desc');
    });
  });

  describe('order and keyset pages', () => {
    const order = [{ path: 'dueAt', direction: 'asc' as const }, { path: 'number', direction: 'desc' as const }];

    it('values of different kinds sort as jsonb sorts them: null and missing, strings, numbers, booleans, arrays, objects', () => {
      expect([null, 'x', 10, false, [1], { a: 1 }].map(rankOf)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('a page filters, ranks each key, sorts by rank then value in each key\'s direction with the id last, and takes one more than the page', () => {
      const pipeline = pagePipeline({ where: { unit: 'north' }, orderBy: order, limit: 3 });
      expect(pipeline[0]).toEqual({ $match: { 'doc.unit': { $eq: 'north' } } });
      expect(pipeline[1]).toMatchObject({ $addFields: { _k0: { $ifNull: ['$doc.dueAt', null] }, _k1: { $ifNull: ['$doc.number', null] } } });
      expect(pipeline.slice(2)).toEqual([{ $sort: { _r0: 1, _k0: 1, _r1: -1, _k1: -1, _id: -1 } }, { $limit: 4 }, { $project: { doc: 1 } }]);
      expect(pagePipeline({ limit: 50 })).toEqual([{ $match: {} }, { $sort: { _id: 1 } }, { $limit: 51 }, { $project: { doc: 1 } }]);
    });

    it('a cursor continues strictly after the last item: by rank, then value, each key in its direction, then the id', () => {
      const cursor = encodeCursor(order, { _id: 'case-9', doc: { dueAt: '2026-03-10' }, updatedPosition: 3 });
      const pipeline = pagePipeline({ orderBy: order, cursor, limit: 3 });
      expect(pipeline[2]).toEqual({ $match: keysetFilter(order, cursor) });
      expect(keysetFilter(order, cursor)).toEqual({
        $expr: {
          $or: [
            { $gt: ['$_r0', 1] },
            { $and: [{ $eq: ['$_r0', 1] }, { $gt: ['$_k0', { $literal: '2026-03-10' }] }] },
            { $and: [{ $eq: ['$_r0', 1] }, { $eq: ['$_k0', { $literal: '2026-03-10' }] }, { $lt: ['$_r1', 0] }] },
            { $and: [{ $eq: ['$_r0', 1] }, { $eq: ['$_k0', { $literal: '2026-03-10' }] }, { $eq: ['$_r1', 0] }, { $lt: ['$_k1', { $literal: null }] }] },
            { $and: [{ $eq: ['$_r0', 1] }, { $eq: ['$_k0', { $literal: '2026-03-10' }] }, { $eq: ['$_r1', 0] }, { $eq: ['$_k1', { $literal: null }] }, { $lt: ['$_id', { $literal: 'case-9' }] }] },
          ],
        },
      });
    });

    it('refuses a cursor that is not one, or that belongs to another order', () => {
      expect(() => keysetFilter(order, 'not-a-cursor')).toThrow('The cursor is not valid');
      const other = encodeCursor([{ path: 'dueAt', direction: 'desc' }], { _id: 'x', doc: {}, updatedPosition: 0 });
      expect(() => keysetFilter([{ path: 'dueAt', direction: 'asc' }], other)).toThrow('The cursor belongs to another order');
    });
  });

  describe('the server and its errors', () => {
    it('accepts a replica set member or a mongos router, refuses a standalone server saying what to do', () => {
      expect(() => assertTransactionsSupported({ isWritablePrimary: true, setName: 'rs0' })).not.toThrow();
      expect(() => assertTransactionsSupported({ isWritablePrimary: true, msg: 'isdbgrid' })).not.toThrow();
      const refusal = (() => {
        try {
          assertTransactionsSupported({ isWritablePrimary: true, maxWireVersion: 25 });
          return undefined;
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(MongoTransactionsUnavailableError);
      expect((refusal as Error).message).toMatch(/^MongoDB at MONGODB_URL is a standalone server: .* needs a replica set \(one node will do: start mongod with --replSet rs0 and run rs\.initiate\(\) once\)/);
    });

    it('a transient transaction conflict or a lost connection is retried; other server errors are not', () => {
      const conflict = new MongoServerError({ message: 'WriteConflict', code: 112, codeName: 'WriteConflict', errorLabels: ['TransientTransactionError'] });
      expect(isTransient(conflict)).toBe(true);
      expect(isTransient(new MongoNetworkError('connection reset'))).toBe(true);
      expect(isTransient(new MongoServerError({ message: 'Document failed validation', code: 121, codeName: 'DocumentValidationFailure' }))).toBe(false);
      expect(isTransient(new MongoError('something else'))).toBe(false);
    });
  });
});
