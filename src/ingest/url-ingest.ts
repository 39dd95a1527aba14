import type { Config } from '../config.js';
import type { IngestResult } from '../domain/ingest-result.js';
import { isRecapError } from '../errors.js';
import { submitIngest } from '../queue/submit-jobs.js';
import type { JobWaiter } from '../queue/wait-for-jobs.js';
import type { Runtime } from '../runtime.js';
import { SourceStore, type SourceRecord } from '../store/source-store.js';
import { withJobs, type FileOutcome } from './run-ingest.js';
import { parseAllowance, type SafeFetchPolicy } from './safe-fetch.js';
import { fetchSource, planSource, type SourceDocument, type SourcePlan } from './url-source.js';

/** Redirects followed for one request (each hop checked again). */
const MAX_REDIRECTS = 5;
/** The longest a server may stay silent during a fetch. */
const MAX_IDLE_MS = 10_000;

/** How URLs are fetched under this configuration. */
export function sourcePolicy(config: Pick<Config, 'sources' | 'maxNoteBytes'>): SafeFetchPolicy {
  return {
    allowance: parseAllowance(config.sources.allowPrivate.join(',')),
    timeoutMs: config.sources.timeoutMs,
    idleTimeoutMs: Math.min(MAX_IDLE_MS, config.sources.timeoutMs),
    maxBytes: config.maxNoteBytes,
    maxRedirects: MAX_REDIRECTS,
  };
}

export function sourceStore(runtime: Runtime): SourceStore {
  return new SourceStore(runtime.redis, runtime.config.keyPrefix);
}

/**
 * Fetches each URL (see url-source for what is fetched for which site) and ingests its notes
 * through the queue, like files; each source is kept for re-syncs. A URL that is refused or fails
 * is one failed outcome with its reason, and the others go on.
 */
export async function ingestUrls(runtime: Runtime, urls: readonly string[], onOutcome: (outcome: FileOutcome) => void = () => undefined): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const report = (outcome: FileOutcome): void => {
    outcomes.push(outcome);
    onOutcome(outcome);
  };
  await withJobs(runtime, async (waiter) => {
    for (const url of urls) await syncSource(runtime, waiter, url, null, report);
  });
  return outcomes;
}

/** How one source's re-sync went. */
export interface SourceRefresh {
  url: string;
  result: SourceRecord['result'];
  reason: string | null;
  outcomes: FileOutcome[];
}

/**
 * Fetches the kept sources again (all, or the one URL), each with a conditional request: a 304 is
 * "unchanged", a changed body goes through the ingest queue (which re-summarizes changed notes
 * and edits posted recaps). Never throws for one source.
 */
export async function refreshSources(runtime: Runtime, onlyUrl: string | null = null): Promise<SourceRefresh[]> {
  const store = sourceStore(runtime);
  const records = onlyUrl === null ? await store.list() : [await findRecord(store, runtime, onlyUrl)].filter((record): record is SourceRecord => record !== null);
  if (records.length === 0) return [];
  const refreshes: SourceRefresh[] = [];
  await withJobs(runtime, async (waiter) => {
    for (const record of records) {
      const outcomes: FileOutcome[] = [];
      const after = await syncSource(runtime, waiter, record.url, record, (outcome) => outcomes.push(outcome));
      refreshes.push({ url: record.url, result: after?.result ?? 'failed', reason: after?.reason ?? null, outcomes });
    }
  });
  return refreshes;
}

/** The kept source for a URL as typed (or as recap reads it: HackMD's /edit dropped, and so on). */
export async function findRecord(store: SourceStore, runtime: Runtime, url: string): Promise<SourceRecord | null> {
  const exact = await store.get(url);
  if (exact !== null) return exact;
  try {
    return await store.get(planSource(url, runtime.config.sources.hosts).url);
  } catch {
    return null;
  }
}

/**
 * Fetches one source and ingests what changed; records the result when the source is kept (or
 * becomes kept: a first ingest that stored a note). Returns the record as now stored, or null.
 */
async function syncSource(runtime: Runtime, waiter: JobWaiter, url: string, former: SourceRecord | null, report: (outcome: FileOutcome) => void): Promise<SourceRecord | null> {
  const store = sourceStore(runtime);
  const now = new Date().toISOString();
  let plan: SourcePlan;
  try {
    plan = planSource(url, runtime.config.sources.hosts);
  } catch (error) {
    report({ file: url, status: 'failed', reason: reasonOf(error) });
    return null;
  }
  const kept = former ?? (await store.get(plan.url));
  try {
    const fetched = await fetchSource(plan, sourcePolicy(runtime.config), runtime.config.sources.hosts, former === null ? null : { etag: former.etag, lastModified: former.lastModified });
    if (fetched.status === 'unchanged') {
      const record = { ...(kept as SourceRecord), lastFetchAt: now, result: 'unchanged' as const, reason: null };
      await store.put(record);
      return record;
    }
    const outcomes = await Promise.all(fetched.documents.map((document) => ingestDocument(runtime, waiter, document)));
    outcomes.forEach(report);
    const stored = outcomes.filter((outcome): outcome is Extract<FileOutcome, { status: IngestResult['status'] }> => outcome.status !== 'failed');
    const failures = outcomes.filter((outcome) => outcome.status === 'failed');
    if (stored.length === 0 && kept === null) return null;
    const record: SourceRecord = {
      url: plan.url,
      kind: plan.kind,
      addedAt: kept?.addedAt ?? now,
      lastFetchAt: now,
      result: stored.length === 0 ? 'failed' : stored.every((outcome) => outcome.status === 'unchanged') && failures.length === 0 ? 'unchanged' : 'ok',
      reason: failures.length === 0 ? null : failures.map((failure) => `${failure.file}: ${failure.status === 'failed' ? failure.reason : ''}`).join('; '),
      // A failed fetch keeps the validators of the last good one.
      etag: stored.length === 0 ? (kept?.etag ?? null) : fetched.etag,
      lastModified: stored.length === 0 ? (kept?.lastModified ?? null) : fetched.lastModified,
      sourceKeys: [...new Set([...(kept?.sourceKeys ?? []), ...fetched.documents.map((document) => document.sourceKey)])],
      noteIds: [...new Set([...(kept?.noteIds ?? []), ...stored.map((outcome) => outcome.noteId)])],
    };
    await store.put(record);
    return record;
  } catch (error) {
    const reason = reasonOf(error);
    report({ file: plan.url, status: 'failed', reason });
    if (kept === null) return null;
    const record = { ...kept, lastFetchAt: now, result: 'failed' as const, reason };
    await store.put(record);
    return record;
  }
}

async function ingestDocument(runtime: Runtime, waiter: JobWaiter, document: SourceDocument): Promise<FileOutcome> {
  if ('failed' in document) return { file: document.source, status: 'failed', reason: document.failed };
  try {
    const jobId = await submitIngest(runtime.queue, runtime.store, { source: document.source, sourceKey: document.sourceKey, bytes: document.bytes });
    const outcome = await waiter.wait(jobId);
    if (outcome.state === 'failed') return { file: document.source, status: 'failed', reason: outcome.reason };
    return { file: document.source, ...(outcome.value as IngestResult) };
  } catch (error) {
    return { file: document.source, status: 'failed', reason: reasonOf(error) };
  }
}

function reasonOf(error: unknown): string {
  if (isRecapError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
