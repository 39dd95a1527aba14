import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthorizationError, HTTPModuleFunctions, HTTPReceiver, isRawBodyError, type BufferedIncomingMessage, type HTTPReceiverOptions, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { slackPayloadProblem } from './slack-payload-check.js';

/**
 * How far ahead of our clock a request's timestamp may be. Slack stamps a request when it sends
 * it, so a genuine one is ahead only by the clock difference between Slack and this host: NTP
 * keeps that under a second, a minute tolerates a badly synchronized one. bolt refuses stamps
 * over 5 minutes old but accepts any in the future, and a request stamped ahead stays
 * replayable for as long as it is ahead plus those 5 minutes.
 */
export const MAX_FUTURE_SKEW_S = 60;

export interface CheckedHttpReceiverOptions {
  signingSecret: string;
  port: number;
  processBeforeResponse: boolean;
  /** bolt's own log lines (HTTPReceiver logs through it). */
  boltLogger: NonNullable<HTTPReceiverOptions['logger']>;
  /** Where refused requests are logged. */
  logger: Logger;
}

const EVENTS_PATH = '/slack/events';

/**
 * bolt's HTTPReceiver with the request checks it lacks: bolt reads fields of the parsed body
 * outside its try blocks (a signed `null` body throws in a fire-and-forget promise and Node
 * exits) and sends other non-payloads into the app, where they end in 404s after 3 s or 500s.
 * Here every POST to /slack/events is buffered, verified and parsed first, with bolt's own
 * functions: a bad signature or a timestamp too far ahead gets 401, a body that is not a Slack
 * payload 400, each with a warning; only payloads are handed to bolt (which finds the body
 * already buffered, verifies it again and goes on as usual). Errors bolt throws while reading a
 * payload, before any listener acked, are answered 400 too. Nothing a request sends can reach
 * an unhandled rejection: the check itself runs inside a catch.
 */
export class CheckedHttpReceiver extends HTTPReceiver {
  constructor(private readonly options: CheckedHttpReceiverOptions) {
    super({
      signingSecret: options.signingSecret,
      endpoints: [EVENTS_PATH],
      port: options.port,
      processBeforeResponse: options.processBeforeResponse,
      logger: options.boltLogger,
      processEventErrorHandler: (args) => answerUnreadablePayload(args, options.logger),
    });
    const boltListener = this.requestListener;
    this.requestListener = (request, response) => {
      // Other paths and methods keep bolt's routing (404, and its errors to dispatchErrorHandler).
      if (request.method !== 'POST' || pathOf(request) !== EVENTS_PATH) {
        boltListener(request, response);
        return;
      }
      this.check(request, response)
        .then((payload) => {
          if (payload) boltListener(payload, response);
        })
        .catch((error: unknown) => {
          options.logger.error({ err: error }, 'slack request failed');
          if (!response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(response, 500);
        });
    };
  }

  /** The buffered request when it is a signed Slack payload; otherwise answers it and returns null. */
  private async check(request: IncomingMessage, response: ServerResponse): Promise<BufferedIncomingMessage | null> {
    const { logger, signingSecret } = this.options;
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ enabled: true, signingSecret, bodyLimit: HTTPModuleFunctions.defaultBodyLimit }, request);
    } catch (error) {
      const tooLarge = isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413);
      logger.warn({ reason: error instanceof Error ? error.message : String(error) }, tooLarge ? 'slack request refused: body too large' : 'slack request refused: signature not verified');
      HTTPModuleFunctions.buildNoBodyResponse(response, tooLarge ? 413 : 401);
      return null;
    }
    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch (error) {
      return refuse(response, logger, 400, `the body does not parse: ${error instanceof Error ? error.message : String(error)}`);
    }
    // ssl_check is the one request Slack does not sign (bolt strips anything else from it).
    if (isSslCheck(body)) return buffered;
    const aheadS = Number(request.headers['x-slack-request-timestamp']) - Math.floor(Date.now() / 1000);
    if (aheadS > MAX_FUTURE_SKEW_S) {
      return refuse(response, logger, 401, `x-slack-request-timestamp is ${aheadS} s in the future (at most ${MAX_FUTURE_SKEW_S} s allowed)`);
    }
    const problem = slackPayloadProblem(body);
    if (problem !== null) return refuse(response, logger, 400, `not a Slack payload: ${problem}`);
    return buffered;
  }
}

function refuse(response: ServerResponse, logger: Logger, status: 400 | 401, reason: string): null {
  logger.warn({ status, reason }, 'slack request refused');
  HTTPModuleFunctions.buildNoBodyResponse(response, status);
  return null;
}

/**
 * bolt reads the payload's nested fields (team, user, view…) before any listener runs; an error
 * there means a malformed payload, answered 400. Authorization failures and errors after ack()
 * keep bolt's handling.
 */
async function answerUnreadablePayload(args: ReceiverProcessEventErrorHandlerArgs, logger: Logger): Promise<boolean> {
  if (args.response.headersSent || args.error instanceof AuthorizationError) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
  // Typed Error, but a thrown value can be anything; this handler must not throw itself.
  const error: unknown = args.error;
  logger.warn({ status: 400, reason: error instanceof Error ? error.message : String(error) }, 'slack request refused: bolt could not read the payload');
  HTTPModuleFunctions.buildNoBodyResponse(args.response, 400);
  // Answered: tells bolt to stop its 3 s "not acknowledged" timer.
  return true;
}

function isSslCheck(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { ssl_check?: unknown }).ssl_check === '1';
}

function pathOf(request: IncomingMessage): string | null {
  try {
    return new URL(request.url ?? '', 'http://localhost').pathname;
  } catch {
    return null;
  }
}
