import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { RequestRefused } from '../http/conventions/request-errors.js';
import { Roles } from '../auth/auth.decorators.js';
import { SealReader } from '../sealing/seal-reader.service.js';

class TreeSizeQuery {
  @ApiPropertyOptional({ description: 'A signed checkpoint’s size; the latest by default', example: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) treeSize?: number;
}

class ConsistencyQuery {
  @ApiProperty({ example: 1000 }) @Type(() => Number) @IsInt() @Min(1) from!: number;
  @ApiProperty({ example: 2000 }) @Type(() => Number) @IsInt() @Min(1) to!: number;
}

/** The signed checkpoints of the log and proofs against them (RFC 6962). */
@ApiTags('seal')
@ApiBearerAuth()
@Controller('seal')
export class SealController {
  constructor(private readonly seals: SealReader) {}

  @Get('public-key')
  @Roles('auditor', 'admin', 'regulator')
  @ApiOperation({ summary: 'The provider’s Ed25519 public key that signs checkpoints and extracts (PEM)' })
  publicKey() {
    return { publicKeyPem: this.seals.publicKeyPem };
  }

  @Get('checkpoints')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Every signed checkpoint, smallest first' })
  checkpoints() {
    return this.seals.checkpoints();
  }

  @Get('checkpoints/latest')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'The latest signed checkpoint' })
  async latest() {
    const checkpoint = await this.seals.checkpoint();
    if (!checkpoint) throw new NotFoundException({ code: 'SEAL.NO_CHECKPOINT', message: 'No checkpoint is signed yet' });
    return checkpoint;
  }

  @Get('proofs/inclusion/:eventId')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'An event’s inclusion proof against a signed checkpoint' })
  async inclusion(@Param('eventId', ParseUUIDPipe) eventId: string, @Query() query: TreeSizeQuery) {
    const checkpoint = await this.seals.checkpoint(query.treeSize);
    if (!checkpoint) throw new NotFoundException({ code: 'SEAL.NO_CHECKPOINT', message: `No signed checkpoint${query.treeSize ? ` of size ${query.treeSize}` : ''}` });
    const proof = await this.seals.inclusionProof(eventId, checkpoint);
    if (!proof) throw new NotFoundException({ code: 'SEAL.NOT_SEALED', message: `Event ${eventId} is not sealed under the checkpoint of size ${checkpoint.treeSize}` });
    return proof;
  }

  @Get('proofs/consistency')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'The consistency proof between two signed checkpoints: the log only grew' })
  async consistency(@Query() query: ConsistencyQuery) {
    if (query.from > query.to) throw new RequestRefused(400, 'SEAL.INVALID_RANGE', 'from must not exceed to', [{ field: 'from', message: 'must not exceed to' }]);
    const [from, to] = await Promise.all([this.seals.checkpoint(query.from), this.seals.checkpoint(query.to)]);
    if (!from || !to) throw new NotFoundException({ code: 'SEAL.NO_CHECKPOINT', message: 'Both sizes must be signed checkpoints' });
    return { from, to, proof: await this.seals.consistencyProof(query.from, query.to) };
  }
}
