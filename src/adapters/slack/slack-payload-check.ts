/**
 * Why a parsed request body is not a Slack payload, or null when it is one. Slack sends JSON
 * objects only: Events API callbacks and interactivity payloads carry a string `type`, slash
 * commands a string `command` (every field of their form body a single string). The nested
 * fields bolt dereferences before any listener runs (`event`, `actions`) must be objects.
 * Deeper shape errors are left to bolt, whose failures are answered 400 by the receiver.
 */
export function slackPayloadProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return `the body is ${describe(body)}, not a JSON object`;
  const payload = body as Record<string, unknown>;
  if (payload.ssl_check === '1') return null;
  if (payload.command !== undefined) {
    if (typeof payload.command !== 'string') return '"command" is not a single string';
    const repeated = Object.keys(payload).find((key) => typeof payload[key] !== 'string');
    return repeated === undefined ? null : `slash command field "${repeated}" is not a single string`;
  }
  if (typeof payload.type !== 'string') return payload.type === undefined ? 'it has neither "type" nor "command"' : '"type" is not a string';
  if (payload.event !== undefined && !isObject(payload.event)) return `"event" is ${describe(payload.event)}, not an object`;
  if (payload.actions !== undefined && !(Array.isArray(payload.actions) && payload.actions.every(isObject))) return '"actions" is not a list of objects';
  return null;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
