/** The `error` of a Slack Web API platform error ("not_in_channel", "channel_not_found"), or null. */
export function slackErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : null;
}
