import type { RecapSummary } from '../domain/recap.js';
import type { NoteSummary } from './summary.js';

/** The extractive recap in the stored shape; its overview names the event and its talks. */
export function recapFromExtractive(summary: NoteSummary): RecapSummary {
  const heading = `${summary.event ?? summary.title} (${summary.date ?? 'date unknown'})`;
  const titles = summary.talks.map((talk) => talk.title).filter((title) => title !== '');
  return {
    overview: titles.length > 0 ? `${heading}: ${titles.join(' / ')}` : heading,
    talks: summary.talks.map((talk) => ({
      title: talk.title,
      path: talk.path,
      line: talk.line,
      keyPoints: talk.keyPoints.map((point) => ({ text: point.text, line: point.line })),
      speakers: talk.speakers,
    })),
    terms: summary.terms.map((term) => ({ term: term.term, definition: term.definition, line: term.line })),
    speakers: summary.speakers,
  };
}
