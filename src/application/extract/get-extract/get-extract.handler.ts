import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { extractStreamId } from '../../../domain/extract/extract.decider.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { assertMayRead, extractView, loadExtract } from '../extract.reader.js';
import { type ExtractDetails, GetExtractQuery } from './get-extract.query.js';

@QueryHandler(GetExtractQuery)
export class GetExtractHandler implements IQueryHandler<GetExtractQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly accessLog: AccessLogService,
  ) {}

  async execute({ reader, extractId, purpose, correlationId }: GetExtractQuery): Promise<ExtractDetails> {
    const { state, version } = await loadExtract(this.store, extractId);
    const extract = assertMayRead(state, reader);
    // R-RET-04: recorded before it is served; a read that cannot be recorded is not served.
    await this.accessLog.record(reader.actor, { caseStreamId: extractStreamId(extractId), view: 'extract_details', purpose }, correlationId);
    return { view: extractView(extract, version, reader), version };
  }
}
