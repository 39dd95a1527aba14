import { infoReply, type Reply } from '../../domain/reply.js';

/** The `/recap help` text; `problem` says what was wrong with the input that led here. */
export function recapHelp(problem?: string): Reply {
  const lines = [
    ...(problem ? [problem, ''] : []),
    '/recap answers from the meetup notes, always citing note, section and line.',
    '- /recap ask <question> — an answer only you see, with a button to share it in the channel',
    '- /recap summary [note] [language] — recap of a note (the latest when no note is given), in a language such as en or ja (default: the first of RECAP_LANGUAGES)',
    '- /recap translate <note> <language> — a note in another language (e.g. en, ja)',
    '- /recap list — the notes, newest first',
    '- /recap define <term> — where the notes define a term, and in which talk',
    '- /recap ingest — how to add a note; /recap ingest <url> — add one from a HackMD, Scrapbox, GitHub or web page URL (admins)',
    '- /recap delete <note> — remove a note (admins): its exact id deletes at once, words of its title ask first with Delete / Cancel buttons',
    '- /recap schedule add <digest|latest|on-ingest|channel-digest> [cron] [tz=Asia/Tokyo] [lang=ja,en] [nothing-new=say|skip] [channel=#channel] — post recaps to this (or that) channel on a schedule (admins); for example: /recap schedule add digest 0 9 * * 1 tz=Asia/Tokyo',
    '- /recap schedule list [all] | remove <id> | run-now <id> — the schedules of this channel (or all), remove one, post one now (admins)',
    '- /recap thread <message link> — recap of a thread: questions and answers, links shared, what drew replies, each citing its message (a link to a reply recaps its whole thread)',
    '- /recap channel [#channel] [since 2h|yesterday|2026-12-01] — recap of what was said in this (or that) channel, the last 24 hours by default',
    '- /recap thread save <message link> — keep a thread as a note, searchable with /recap ask; new replies update it (admins)',
    '- /recap purge [#channel] — forget the messages recap stored of this (or that) channel (admins)',
    '- /recap help — this help',
    '',
    'A note can be given by its id or by words of its title.',
    'Mention @recap with a question in a channel it is in: it answers in a thread, and follow-up mentions in that thread are answered there too.',
    'Or message recap directly (Apps → recap → Messages): a question, or a command without /recap, such as list or summary cloud native #8.',
    'Mention "@recap まとめて" or "@recap recap" in a thread for a recap of it (outside a thread: the channel\'s last 24 hours).',
    'recap keeps the messages of the channels it is in for RECAP_CHAT_RETENTION_DAYS (bots\' messages, messages marked [オフレコ] and messages with the off-the-record reaction never). Older ones are read from Slack\'s history.',
  ];
  return infoReply(lines.join('\n'));
}

/** How to add a note from Slack. */
export function ingestHelp(): Reply {
  return infoReply(
    [
      'To add a note: share a .md or .txt file in a channel @recap is in, with a message that mentions @recap and says "ingest" (for example "@recap ingest").',
      'recap replies in the thread with what happened to each file (ingested, updated, unchanged, or failed and why).',
      'Only workspace admins and owners, and the people listed in SLACK_ADMIN_USER_IDS, can add or delete notes.',
    ].join('\n\n'),
  );
}

/** The polite refusal for people who may not change the notes or their scheduled recaps. */
export function notAdminReply(): Reply {
  return infoReply(
    'Sorry, only workspace admins and owners (and the people in SLACK_ADMIN_USER_IDS) can add notes, delete notes or schedule recap posts. Ask one of them to share the file with "@recap ingest" or to set up the schedule.',
  );
}

/** The refusal for people who may not save threads as notes or purge stored messages. */
export function notAdminForConversationsReply(): Reply {
  return infoReply(
    'Sorry, only workspace admins and owners (and the people in SLACK_ADMIN_USER_IDS) can save threads as notes or make recap forget a channel\'s messages. Ask one of them to do it; anyone can recap a thread with /recap thread <message link>.',
  );
}
