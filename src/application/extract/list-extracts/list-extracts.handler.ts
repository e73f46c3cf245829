import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '../../../domain/shared/domain-error.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { EXTRACT_INDEX, type ExtractIndex } from '../extract-index.port.js';
import { assertMayRead, extractView, loadExtract } from '../extract.reader.js';
import { type ExtractListPage, ListExtractsQuery } from './list-extracts.query.js';

/** Lists extracts; the list carries no personal data, only who asked what for whom and the bundle digests. */
@QueryHandler(ListExtractsQuery)
export class ListExtractsHandler implements IQueryHandler<ListExtractsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EXTRACT_INDEX) private readonly index: ExtractIndex,
  ) {}

  async execute({ reader, filter }: ListExtractsQuery): Promise<ExtractListPage> {
    let addresseeBodyId = filter.addresseeBodyId;
    const regulator = reader.actor.role === 'regulator';
    if (regulator) {
      if (!reader.body) throw new ForbiddenError('EXTRACT.NO_BODY_CLAIM', 'A regulator token must name its external body (claim `body`)');
      if (addresseeBodyId !== undefined && addresseeBodyId !== reader.body) {
        throw new ForbiddenError('EXTRACT.NOT_ADDRESSED_TO_YOUR_BODY', `A regulator lists only extracts addressed to ${reader.body}`);
      }
      addresseeBodyId = reader.body;
    }
    const page = await this.index.find({ addresseeBodyId, generatedOnly: regulator, limit: filter.limit, cursor: filter.cursor ?? null });
    const items: Record<string, unknown>[] = [];
    for (const extractId of page.extractIds) {
      const { state, version } = await loadExtract(this.store, extractId);
      items.push(extractView(assertMayRead(state, reader), version, reader));
    }
    return { items, nextCursor: page.nextCursor };
  }
}
