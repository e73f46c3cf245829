import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DownloadExtractBundleQuery } from '../../../application/extract/download-extract-bundle/download-extract-bundle.query.js';
import type { ExtractReader } from '../../../application/extract/extract.reader.js';
import { GetExtractQuery } from '../../../application/extract/get-extract/get-extract.query.js';
import { ListExtractsQuery } from '../../../application/extract/list-extracts/list-extracts.query.js';
import type { Actor } from '../../../domain/shared/actor.js';
import { CurrentActor, CurrentUser, Roles } from '../../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { AccessPurpose } from '../conventions/access-purpose.js';
import { etagOf } from '../conventions/command-headers.js';
import { ListExtractsQueryDto } from './extracts.request.dto.js';

/** Staff and auditors read every extract; a regulator only those addressed to its own body. */
const READERS = ['clerk', 'supervisor', 'admin', 'auditor', 'regulator'] as const;

const readerOf = (actor: Actor, user: AuthenticatedUser): ExtractReader => ({ actor, body: user.body });

@ApiTags('extracts')
@ApiBearerAuth()
@Controller('extracts')
export class ExtractReadsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Extracts, newest first; a regulator sees only generated extracts addressed to its body (token claim `body`)' })
  list(@Query() query: ListExtractsQueryDto, @CurrentActor() actor: Actor, @CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new ListExtractsQuery(readerOf(actor, user), { ...(query.addressee ? { addresseeBodyId: query.addressee } : {}), limit: query.limit ?? 50, cursor: query.cursor ?? null }));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiHeader({ name: 'X-Access-Purpose', required: true, description: 'Why the extract is read; recorded with the read (R-RET-04)' })
  @ApiOperation({ summary: 'One extract: request, review, bundle digest and checkpoint, deliveries; the read is recorded (R-RET-04)' })
  async details(@Param('id', ParseUUIDPipe) id: string, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @CurrentUser() user: AuthenticatedUser, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { view, version } = await this.queries.execute(new GetExtractQuery(readerOf(actor, user), id, purpose, String(request.id)));
    void reply.header('etag', etagOf(version));
    return view;
  }

  @Get(':id/bundle')
  @Roles(...READERS)
  @ApiProduces('application/x-tar')
  @ApiHeader({ name: 'X-Access-Purpose', required: true, description: 'Why the bundle is downloaded; recorded with the download (R-RET-04)' })
  @ApiOperation({ summary: 'Download the bundle (tar) exactly as recorded at generation; verify it offline with extract-verifier. The download is recorded (R-RET-04). A bundle deleted when its case’s retention ended answers 410 `EXTRACT.BUNDLE_PURGED` (R-RET-03)' })
  async bundle(@Param('id', ParseUUIDPipe) id: string, @AccessPurpose() purpose: string, @CurrentActor() actor: Actor, @CurrentUser() user: AuthenticatedUser, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const download = await this.queries.execute(new DownloadExtractBundleQuery(readerOf(actor, user), id, purpose, String(request.id)));
    void reply
      .type('application/x-tar')
      .header('content-disposition', `attachment; filename="${download.fileName}"`)
      .header('content-digest', `sha-256=:${Buffer.from(download.sha256, 'hex').toString('base64')}:`)
      .header('etag', `"${download.sha256}"`);
    return download.archive;
  }
}
