import { PostFailure } from '../domain/channel-poster.js';
import { postReplies } from './post-content.js';
import { asPostFailure, contentHashOf, type PostDeps } from './post-window.js';

export interface RefreshOutcome {
  edited: number;
  unchanged: number;
  /** Posts that could not be edited for good (message deleted, channel gone), with why. */
  failed: Array<{ scheduleId: string; window: string; reason: string }>;
}

/**
 * Edits every post that shows a note after the note changed or was deleted, so the channel never
 * keeps a recap of text that is gone. A post is edited only when what it renders changed; a post
 * that now needs more messages gets them, one that needs fewer loses the rest. A busy or
 * unreachable platform throws (the job retries; edits are idempotent).
 */
export async function refreshPostsShowing(deps: PostDeps, noteId: string): Promise<RefreshOutcome> {
  const { runtime } = deps;
  const outcome: RefreshOutcome = { edited: 0, unchanged: 0, failed: [] };
  for (const { scheduleId, window } of await runtime.posts.postsShowing(noteId)) {
    const record = await runtime.posts.get(scheduleId, window);
    if (record === null || record.state !== 'posted') continue;
    const poster = deps.posters[record.platform];
    if (!poster) {
      outcome.failed.push({ scheduleId, window, reason: `${record.platform} is not configured where the post-recap worker runs` });
      continue;
    }
    const lease = await runtime.posts.lease(scheduleId, window, deps.leaseMs);
    if (lease === null) throw new PostFailure(`another worker is posting or editing ${scheduleId} window ${window}`, false);
    try {
      const parts = poster.render(await postReplies(runtime, record, record));
      const hash = contentHashOf(parts);
      if (hash === record.contentHash) {
        outcome.unchanged++;
        continue;
      }
      const ids = [...record.parts];
      for (let index = 0; index < parts.length; index++) {
        const marker = { scheduleId, window, part: index };
        const existing = ids[index];
        if (existing !== undefined) {
          await poster.update(record.channel, existing, parts[index], marker);
        } else {
          ids.push(await poster.post(record.channel, parts[index], marker));
          await runtime.posts.recordParts(scheduleId, window, ids);
        }
      }
      for (const surplus of ids.slice(parts.length)) await poster.remove(record.channel, surplus);
      await runtime.posts.recordParts(scheduleId, window, ids.slice(0, parts.length));
      await runtime.posts.finish(scheduleId, window, 'posted', hash);
      outcome.edited++;
    } catch (error) {
      const failure = asPostFailure(error);
      if (!failure.permanent) throw failure;
      deps.logger.warn({ scheduleId, window, noteId, reason: failure.message }, 'a posted recap could not be edited');
      outcome.failed.push({ scheduleId, window, reason: failure.message });
    } finally {
      await lease.release().catch(() => undefined);
    }
  }
  return outcome;
}
