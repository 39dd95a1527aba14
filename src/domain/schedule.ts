import { z } from 'zod';
import { languageCodeSchema } from './language.js';
import { platformIdSchema } from './platform.js';

/**
 * What a schedule posts each time it fires:
 * - `digest`: a recap of every note new since the schedule's last post;
 * - `latest`: the recap of the newest note (once per note);
 * - `on-ingest`: a recap of each new note as it lands (no cron);
 * - `channel-digest`: a recap of the schedule's channel's conversation since its last post.
 */
export const SCHEDULE_KINDS = ['digest', 'latest', 'on-ingest', 'channel-digest'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** A stored schedule: where to post what, and when. */
export const scheduleSchema = z.object({
  id: z.string().regex(/^sch_[a-z0-9]{6,20}$/),
  /** A chat platform's id (app/platforms.ts lists them). */
  platform: platformIdSchema,
  /** A channel id of that platform (its pattern is checked when the schedule is made). */
  channel: z.string().min(1).max(40),
  kind: z.enum(SCHEDULE_KINDS),
  /** Cron pattern (5 fields, or 6 with seconds first); null for on-ingest. */
  cron: z.string().nullable(),
  /** IANA time zone the pattern is read in. */
  timezone: z.string().min(1),
  /** Recap languages, each posted in turn. */
  languages: z.array(languageCodeSchema).min(1),
  /** Post a short "nothing new" line when a window has nothing to recap (default: post nothing). */
  sayNothingNew: z.boolean(),
  createdAt: z.string(),
  /** Who made it: "cli", "slack:U123", "discord:123…". */
  createdBy: z.string(),
});

export type Schedule = z.infer<typeof scheduleSchema>;
