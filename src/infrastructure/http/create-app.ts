import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from '../app.module.js';
import { requestIdOf } from '../logging/logging.module.js';
import { registerJsonBodyParser } from './conventions/json-body.parser.js';
import { toProblem, } from './conventions/problem-details.filter.js';
import { PROBLEM_CONTENT_TYPE } from './conventions/problem-details.js';

/** Builds the HTTP application: Fastify, /api/v1, OpenAPI at /api/docs, problem details everywhere. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    requestIdHeader: false,
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParser(fastify);
  // Errors Fastify raises before Nest sees the request (body too large, bad media type).
  fastify.setErrorHandler((error, request, reply) => {
    const { problem, headers } = toProblem(error);
    void reply.status(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send({ ...problem, instance: request.url, requestId: request.id });
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.setGlobalPrefix('api/v1');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('District-heating case management API')
      .setDescription(
        'Complaints, fault reports, contracts and escalations as event streams. Errors are RFC 9457 problem details with a stable `code` and, where a business rule refused, its `rule` ID. Every POST needs an `Idempotency-Key`; case commands accept `If-Match` with the case version and answer the new version as `ETag`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
