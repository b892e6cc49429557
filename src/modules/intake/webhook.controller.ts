import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiHeader,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import type { RawBodyRequest } from '../../core/http/http-app';
import { ValidationFailedError } from '../../core/http/domain.errors';
import { isLaporError } from '../../integrations/lapor/lapor.errors';
import { mapComplaint, mapFollowUp } from '../../integrations/lapor/lapor.mapper';
import { Public } from '../auth/auth.decorators';
import { IntakeService, type IngestOutcome } from './intake.service';
import { isDataError } from './poll-item.service';
import { parseWebhookEvent } from './webhook-event';
import { WebhookSignatureVerifier } from './webhook-signature.verifier';

/** Maps a LAPOR! object inside an authentic delivery; a broken one is the sender's 400. */
function mapped<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isLaporError(e)) throw new ValidationFailedError([{ field, message: e.message }]);
    throw e;
  }
}

@ApiTags('webhooks')
@Public()
@Controller('webhooks')
export class WebhookController {
  constructor(
    private readonly verifier: WebhookSignatureVerifier,
    private readonly intake: IntakeService,
  ) {}

  @Post('lapor')
  @HttpCode(202)
  @ApiOperation({
    summary: 'LAPOR! callback (Standard Webhooks signed; no bearer token)',
    description:
      'Answered 202 only after the delivery, the complaint and its routing request are committed. ' +
      'The same webhook-id again is answered 200 and changes nothing. A thin event (no complaint object) ' +
      'makes the bridge fetch the detail itself.',
  })
  @ApiHeader({ name: 'webhook-id', required: true })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'unix seconds' })
  @ApiHeader({
    name: 'webhook-signature',
    required: true,
    description: 'v1,<base64 HMAC-SHA256>, space-separated',
  })
  @ApiAcceptedResponse({ description: '{ status: "accepted", outcome }' })
  @ApiUnauthorizedResponse({ description: 'WEBHOOK_SIGNATURE_* / WEBHOOK_TIMESTAMP_* (problem+json)' })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED or WEBHOOK_UNKNOWN_TYPE: authentic but malformed body',
  })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE' })
  @ApiServiceUnavailableResponse({ description: 'DATABASE_UNAVAILABLE: retry later' })
  async receive(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ status: 'accepted'; outcome: IngestOutcome }> {
    const raw = (req as RawBodyRequest).rawBody ?? Buffer.alloc(0);
    const headers = {
      id: req.header('webhook-id'),
      timestamp: req.header('webhook-timestamp'),
      signature: req.header('webhook-signature'),
    };
    this.verifier.verify(headers, raw);
    const event = parseWebhookEvent(raw);
    const complaint =
      event.complaint === undefined
        ? undefined
        : mapped('data.complaint', () => mapComplaint(event.complaint));
    if (complaint && complaint.laporId !== event.laporId) {
      throw new ValidationFailedError([
        {
          field: 'data.complaint.id',
          message: 'the complaint object is not the one named by data.complaint_id',
        },
      ]);
    }
    const followUps =
      event.followup === undefined ? [] : [mapped('data.followup', () => mapFollowUp(event.followup))];
    const result = await this.intake
      .ingest({
        source: 'webhook',
        deliveryKey: headers.id!,
        laporId: event.laporId,
        eventType: event.type,
        payloadSha256: createHash('sha256').update(raw).digest('hex'),
        complaint,
        followUps,
      })
      .catch((e: unknown) => {
        // A value the database refuses (an id too long for its index…): the sender's 400, not a 500.
        const sqlState = isDataError(e);
        if (!sqlState) throw e;
        throw new ValidationFailedError([
          { field: 'data', message: `the database refused a value (SQLSTATE ${sqlState})` },
        ]);
      });
    if (result.outcome === 'duplicate') res.status(200);
    return { status: 'accepted', outcome: result.outcome };
  }
}
