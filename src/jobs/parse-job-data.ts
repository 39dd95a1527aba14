import { UnrecoverableError } from 'bullmq';

/** A zod schema, as far as job payloads need one. */
export interface JobDataSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: Error };
}

/** A job's payload, checked: a malformed one fails the job for good (retrying cannot fix it). */
export function parseJobData<T>(schema: JobDataSchema<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`Malformed job data: ${parsed.error.message}`);
  return parsed.data;
}
