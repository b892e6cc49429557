import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { documentAccess } from '../../modules/auth/openapi-access';
import { correlationMiddleware } from './correlation';
import { ProblemDetailsFilter } from './problem-details.filter';
import { problem, sendProblem } from './problem';
import { refuseNulMiddleware } from './refuse-nul.middleware';
import { createValidationPipe } from './validation.pipe';

export type RawBodyRequest = Request & { rawBody?: Buffer };

/**
 * JSON bodies up to the configured limit. The raw bytes are kept for signature verification
 * (Standard Webhooks signs the exact body). Parser errors become problem documents here, because
 * they happen before Nest's exception filters can see them.
 */
function jsonBody(limitBytes: number, kind: 'json' | 'raw') {
  const keepRaw = (req: unknown, _res: unknown, buf: Buffer) => {
    (req as RawBodyRequest).rawBody = buf;
  };
  const parse =
    kind === 'json'
      ? express.json({ limit: limitBytes, type: ['application/json', 'application/*+json'], verify: keepRaw })
      : // Webhooks: the bytes exactly as sent, whatever the content type, parsed only once authentic.
        express.raw({ limit: limitBytes, type: () => true, verify: keepRaw });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const e = err as { type?: string; status?: number };
      const correlationId = (req as Request & { id?: string }).id;
      const instance = req.originalUrl.split('?')[0];
      if (e.type === 'entity.too.large') {
        return sendProblem(
          res,
          problem(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${limitBytes} bytes.`, {
            instance,
            correlationId,
          }),
        );
      }
      if (e.type === 'entity.parse.failed') {
        return sendProblem(
          res,
          problem(400, 'MALFORMED_JSON', 'The body is not valid JSON.', { instance, correlationId }),
        );
      }
      return sendProblem(
        res,
        problem(e.status && e.status < 500 ? e.status : 400, 'BAD_BODY', 'The body could not be read.', {
          instance,
          correlationId,
        }),
      );
    });
}

/**
 * Everything an HTTP app of the bridge needs, shared by main.ts and the end-to-end tests so they
 * test what runs: security headers, correlation ids, body limit, problem+json, validation, OpenAPI.
 */
export function configureHttpApp(
  app: INestApplication,
  opts: { bodyLimitBytes: number; shutdownHooks?: boolean },
): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  server.set('trust proxy', 'loopback, linklocal, uniquelocal');
  // upgrade-insecure-requests would break the console and the API docs served over plain HTTP on a
  // private network (TLS usually ends at the load balancer); HSTS is ignored by browsers over HTTP.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(correlationMiddleware);
  app.use('/webhooks', jsonBody(opts.bodyLimitBytes, 'raw'));
  app.use(jsonBody(opts.bodyLimitBytes, 'json'));
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.path.startsWith('/webhooks/') ? next() : refuseNulMiddleware(req, res, next),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  // SIGTERM/SIGINT: stop taking requests, drain workers, close connections (graceful shutdown).
  if (opts.shutdownHooks !== false) app.enableShutdownHooks();

  const document = documentAccess(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('lapor-bridge')
        .setDescription(
          'Bridge between SP4N-LAPOR! and the Ministry of Foreign Affairs and its missions. Errors are ' +
            'RFC 9457 problem documents (application/problem+json) with a stable `code` and a `correlationId`.',
        )
        .setVersion('1')
        .addBearerAuth({
          type: 'http',
          scheme: 'bearer',
          description: 'API token (npm run cli -- token:create)',
        })
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
