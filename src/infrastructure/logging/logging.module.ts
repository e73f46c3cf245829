import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';

/** Personal fields (DESIGN.md, Personal data) and secrets never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.name',
  '*.fullName',
  '*.address',
  '*.email',
  '*.phone',
  '*.birthPlace',
  '*.birthDate',
  '*.mothersName',
  '*.bankAccount',
  '*.complainant',
  '*.applicant',
  '*.reporter',
];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request id: the caller's X-Request-Id when it is sane, a fresh UUID otherwise. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            // Fastify already assigned the id (genReqId below); reuse it so logs and problems agree.
            genReqId: (request) => (request as IncomingMessage & { id?: string }).id ?? requestIdOf(request),
            customProps: (request) => ({ actor: (request as IncomingMessage & { actor?: unknown }).actor }),
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
            },
            autoLogging: { ignore: (request) => request.url?.startsWith('/api/v1/health') ?? false },
          },
        }),
      ],
    };
  }
}
