import type { webApi } from '@slack/bolt';
import { RecapError } from '../../errors.js';
import { renderSlackReply } from './render-slack.js';
import { uploadOutcomesReply } from '../../chat/upload-reply.js';
import { ingestChatUpload, type UploadOutcome } from '../../ingest/ingest-chat-upload.js';
import type { Logger } from '../../logger.js';
import { deliverToThread, postPlaceholder } from './deliver.js';
import { downloadSlackFile } from './download-slack-file.js';
import { notAdminReply } from './recap-help.js';
import { PLATFORM, type SlackServices } from './slack-services.js';

/** One message may carry up to 10 files in Slack; more than that is not a note upload. */
const MAX_FILES_PER_MESSAGE = 10;

/** A file as it appears on a message event (the full record comes from files.info). */
export interface SharedFile {
  id: string;
  name?: string;
}

export interface FileIngestRequest {
  client: webApi.WebClient;
  teamId: string;
  user: string;
  channel: string;
  threadTs: string;
  files: readonly SharedFile[];
  logger: Logger;
}

/**
 * "@recap ingest" with files attached: admins' files are ingested through the ingest queue and
 * the thread says what became of each; anyone else gets a polite refusal only they see.
 */
export async function ingestSharedFiles(services: SlackServices, request: FileIngestRequest): Promise<void> {
  const { client, logger } = request;
  if (!(await services.admins.isAdmin(client, request.user))) {
    logger.info({ user: request.user }, 'ingest refused: not an admin');
    const [message] = renderSlackReply(notAdminReply());
    await client.chat.postEphemeral({ channel: request.channel, user: request.user, thread_ts: request.threadTs, text: message?.text ?? '', blocks: message?.blocks ?? [] });
    return;
  }
  const files = request.files.slice(0, MAX_FILES_PER_MESSAGE);
  const placeholderTs = await postPlaceholder(client, request.channel, request.threadTs, `Ingesting ${files.length} file${files.length === 1 ? '' : 's'}…`, logger);
  const outcomes: UploadOutcome[] = [];
  for (const file of files) outcomes.push(await ingestOne(services, request, file));
  for (const outcome of outcomes) logger.info({ file: outcome.name, status: outcome.status, ...(outcome.status === 'failed' ? { reason: outcome.reason } : { noteId: outcome.noteId }) }, 'slack upload processed');
  await deliverToThread(client, { channel: request.channel, threadTs: request.threadTs, placeholderTs }, renderSlackReply(uploadOutcomesReply(outcomes)), logger);
}

async function ingestOne(services: SlackServices, request: FileIngestRequest, shared: SharedFile): Promise<UploadOutcome> {
  const { runtime } = services.context;
  const fallbackName = shared.name ?? shared.id;
  let info: webApi.FilesInfoResponse['file'];
  try {
    info = (await request.client.files.info({ file: shared.id })).file;
  } catch (error) {
    request.logger.warn({ err: error, file: shared.id }, 'files.info failed');
    return { name: fallbackName, file: fallbackName, status: 'failed', reason: 'Slack did not give recap the file (files.info failed; does the app have the files:read scope?).' };
  }
  const url = info?.url_private_download ?? info?.url_private;
  const name = info?.name ?? fallbackName;
  return ingestChatUpload(runtime, {
    name,
    platform: PLATFORM,
    sourceKey: `slack:${request.teamId}:${shared.id}`,
    size: info?.size ?? 0,
    download: async (maxBytes) => {
      if (!url || info?.is_external) throw new RecapError('input_unsupported', 'the file is not stored in Slack (an external link), so it cannot be downloaded.');
      return downloadSlackFile(url, name, { botToken: services.slack.botToken, apiUrl: services.slack.apiUrl, maxBytes });
    },
  });
}
