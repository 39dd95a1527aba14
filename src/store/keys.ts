/**
 * Every Redis key recap uses, under one prefix so several installs (and test runs) can share a
 * server. On a Redis Cluster the prefix is a hash tag (`{recap}`, see Config.keyPrefix): every
 * key of an install is then in one slot, as the transactions, scripts and BullMQ's queues need.
 */
export function storeKeys(prefix: string) {
  return {
    /** JSON of a Note */
    note: (id: string) => `${prefix}:note:${id}`,
    /** JSON of StoredChunks (chunks + precomputed search terms) */
    chunks: (id: string) => `${prefix}:chunks:${id}`,
    /** HASH note id -> JSON of its NoteListing (written with the note: listing notes reads no note JSON). */
    noteListings: `${prefix}:note-listings`,
    /** Counter raised by every note save and delete: a cached list of notes is current while it stays. */
    noteListingsVersion: `${prefix}:note-listings-version`,
    /** SET of note ids */
    noteIds: `${prefix}:notes`,
    /** HASH source key -> note id */
    idBySource: `${prefix}:note-by-source`,
    /** HASH note id -> source key */
    sourceById: `${prefix}:source-by-note`,
    /** HASH language -> JSON of the note's latest StoredSummary in that language. */
    summaries: (noteId: string) => `${prefix}:summaries:${noteId}`,
    /** HASH language -> JSON of the note's latest StoredTranslation into that language. */
    translations: (noteId: string) => `${prefix}:translations:${noteId}`,
    /** HASH source key -> id of the blob whose bytes were last stored for it (a redone job's proof). */
    ingestedBlobBySource: `${prefix}:ingested-blob-by-source`,
    /** Bytes waiting to be ingested, referenced by job data (job data stays small). */
    blob: (blobId: string) => `${prefix}:blob:${blobId}`,
    /** JSON of an answer given in chat, for its "Share in channel" and feedback buttons (expires). */
    chatAnswer: (answerId: string) => `${prefix}:chat-answer:${answerId}`,
    /** LIST of JSON QuestionLogEntry, newest first, capped (the admin page's "what people asked"). */
    questions: `${prefix}:questions`,
    /** HASH "<platform>:<answer id>:<user>" -> JSON of one feedback vote (a changed vote replaces it). */
    feedback: `${prefix}:feedback`,
    /** Marker that a chat platform event was handled (retries and duplicates are answered once; expires). */
    handledEvent: (platform: string, eventId: string) => `${prefix}:handled:${platform}:${eventId}`,
    /** SORTED SET note id -> when it was first stored (ms): what "new since" means for digests. */
    noteArrivals: `${prefix}:note-arrivals`,
    /** HASH schedule id -> JSON of a Schedule. */
    schedules: `${prefix}:schedules`,
    /** HASH of one schedule's state: failing reason, last result, digest cutoff, latest note posted. */
    scheduleStatus: (scheduleId: string) => `${prefix}:schedule-status:${scheduleId}`,
    /** HASH of one post (a schedule's window): its state, notes, languages and posted message ids. */
    post: (scheduleId: string, window: string) => `${prefix}:post:${scheduleId}:${window}`,
    /** Lease of the worker posting a window (a token; expires so a killed worker's lease ends). */
    postLease: (scheduleId: string, window: string) => `${prefix}:post-lease:${scheduleId}:${window}`,
    /** SET of "<schedule id> <window>" of the posts that show a note (edited when it changes). */
    postsByNote: (noteId: string) => `${prefix}:posts-by-note:${noteId}`,
    /** Pub/sub channel announcing note changes to every process holding an index. */
    indexEvents: `${prefix}:index-events`,
    /** HASH message id -> JSON of a ConversationMessage captured in one channel (expires with the retention). */
    conversationMessages: (channelKey: string) => `${prefix}:conversation:${channelKey}`,
    /** SORTED SET message id -> when it was posted (ms), one per channel. */
    conversationTimes: (channelKey: string) => `${prefix}:conversation-times:${channelKey}`,
    /** SORTED SET message id -> when it was posted (ms), one per Slack thread (parent ts). */
    conversationThread: (channelKey: string, threadId: string) => `${prefix}:conversation-thread:${channelKey}:${threadId}`,
    /** HASH channel key -> since when (ms) every message of the channel is captured. */
    conversationCoverage: `${prefix}:conversation-coverage`,
    /** HASH "<channel key> <thread id>" -> JSON of a SavedThread (a thread saved as a note, re-synced as it grows). */
    savedThreads: `${prefix}:saved-threads`,
    /** HASH URL -> JSON of a SourceRecord (a note source fetched from a URL, re-fetched on a schedule). */
    urlSources: `${prefix}:url-sources`,
    /** BullMQ's own prefix. */
    bullPrefix: `${prefix}:bull`,
  };
}

export type StoreKeys = ReturnType<typeof storeKeys>;
