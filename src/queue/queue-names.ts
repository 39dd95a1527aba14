/** Every queue recap uses, for commands that look at all of them (`recap jobs`). */
export const QUEUE_NAMES = ['ingest', 'summarize', 'translate', 'post-recap'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
