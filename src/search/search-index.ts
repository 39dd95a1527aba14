import { isHeadingChunk } from '../notes/chunk.js';
import type { Chunk } from '../domain/note.js';
import { analyzeChunk, analyzeNoteChunks, type NoteTerms, searchableTitle } from './chunk-terms.js';
import { CompactChunks } from './compact-chunks.js';
import { FuzzyVocabulary } from './fuzzy.js';
import { PostingTable, TF_STEPS } from './postings.js';
import { type AnalyzedQuery, type QuerySlot, analyzeQuery } from './query-analysis.js';
import { namedWords } from './question-kind.js';
import { interrogativesOf, precisionOf, sharesInterrogative, subjectOf, subjectTerms } from './rerank.js';
import { isLatinTerm, tokenize } from './tokenize.js';
import { isTranslationIndexKey, translationIndexKey } from './translated-chunks.js';
import type { ChunkTerms, IndexedNoteMeta, SearchHit } from './types.js';

/**
 * In-memory BM25 index over note chunks, replaced note by note. A question is analyzed into
 * slots (one per content word, with katakana↔English and typo alternatives); a chunk's score is
 * the sum over slots of the slot's IDF weight times how well the chunk's best alternative
 * matches, so the best possible score of a question is known and scores compare across
 * questions and languages (`relevance`). The best candidates are re-ranked by whether the
 * chunk's own text (not just its children) matches and whether it defines the asked term.
 */

export interface SearchOptions {
  /** Hits to return (default 5). */
  top?: number;
  /** Only search this note. */
  noteId?: string;
}

/** One ranking of a question: hits, nearest sections and how the question was read. */
export interface QueryResult {
  analyzed: AnalyzedQuery;
  hits: SearchHit[];
  sections: NearestSection[];
  /**
   * The chunks of a hit's note on lines `from`..`to`, in line order, each with the share of the
   * question its own text mentions (0..1): where answer-lines.ts looks for the answering line.
   */
  around(hit: SearchHit, from: number, to: number): NearbyChunk[];
  /** The heading of the section a hit is in (null for the title, the preamble, or a heading itself). */
  headingOf(hit: SearchHit): NearbyChunk | null;
  /** Question words (QuerySlot labels) that no note mentions in any form. */
  unknown: string[];
}

/** A chunk near a hit, and how much of the question its own text mentions (computed when asked). */
export interface NearbyChunk {
  chunk: Chunk;
  mentions(): number;
}

/** A section close to a question, for "not in the notes; nearest sections are …". */
export interface NearestSection {
  note: IndexedNoteMeta;
  section: string[];
  /** The section's best matching chunk (its line is the one to cite). */
  chunk: Chunk;
  relevance: number;
}

interface NoteEntry {
  meta: IndexedNoteMeta;
  /** The note's chunks, packed (Chunk objects are made when a search returns them). */
  chunks: CompactChunks;
  /** The note's documents are firstDoc … firstDoc + chunks.count - 1 (renumbering keeps them together). */
  firstDoc: number;
  /** Distinct term ids of the note's documents and in how many of them each occurs (exact document frequencies on removal). */
  termIds: Int32Array;
  termCounts: Int32Array;
  /** Terms of the note's title, made when first needed. */
  titleTerms?: Set<string>;
}

/** Posting lists sized for many notes before they are added (see SearchIndex.startBulkLoad). */
export interface BulkLoad {
  /** Counts a note to come: its terms, and in how many of its chunks each occurs. */
  expect(terms: readonly string[], counts: ArrayLike<number>): void;
  /** Makes the room counted so far (one new pool for all posting lists). */
  reserve(): void;
}

interface ScoredDoc {
  doc: number;
  base: number;
  score: number;
  relevance: number;
  coverage: number;
  matched: number;
  absent: string[];
}

interface ChunkFeatures {
  ownTerms: Set<string>;
  subject: { terms: Set<string>; confidence: number } | null;
  kinds: Set<string>;
}

/** Per-slot numbers derived from the index statistics. */
interface WeightedSlot {
  /** The question word (QuerySlot.label). */
  label: string;
  /** QuerySlot.phrase: adjacency of other words. */
  phrase: boolean;
  /** Whether any note has any of its terms. */
  known: boolean;
  weight: number;
  representations: Array<{
    weight: number;
    /** A translation (サービス for "service"): a full mention for grounding, if ranked a little lower. */
    translation: boolean;
    /** `skip`: too common to be worth reading its postings (a rarer term of the representation stands for it). */
    terms: Array<{ id: number | undefined; idf: number; skip: boolean }>;
    idfSum: number;
  }>;
}

// BM25 constants (the usual values; chunks are short, so length normalization matters little).
const K1 = 1.2;
const B = 0.75;
const DEFAULT_TOP = 5;
// Candidates re-ranked after BM25: enough to reach the defining bullet behind noisier matches.
const RERANK_CANDIDATES = 40;
// Re-ranking multipliers: own-text matches beat matches found only in children or headings;
// a bullet about exactly the asked term beats one that mentions it; a bullet asking the same
// kind of question (why/how/what) about the same thing is where the talk answered it.
const OWN_TEXT_BOOST = 0.6;
const SUBJECT_BOOST = 0.3;
const SUBJECT_BOOST_FOR_DEFINITIONAL_QUESTION = 1;
const INTERROGATIVE_BOOST = 0.3;
const OTHER_QUESTION_FACTOR = 0.5;
// A heading collects its section's bullets as children and so matches broadly; its answer lists
// only the top-level bullets. A bullet that matches as well is the better answer.
const HEADING_FACTOR = 0.8;
// "at CNDF2019", "per the JKD report notes": a question naming the event picks that note's lines.
const TITLE_BOOST = 1;
// Per thing the question names (Merpay, Envoy) that the hit's note never mentions.
const NAME_ABSENT_FACTOR = 0.5;
// … checked over this many of the best documents (a named thing's note is rarely further down).
const NAMED_POOL = 200;
// Renumber documents once this many ids are dead and they outnumber live ones.
const MIN_DEAD_DOCS_TO_COMPACT = 4096;
const FEATURE_CACHE_ENTRIES = 8192;
const INITIAL_DOC_CAPACITY = 1024;
// Terms in more than this share of chunks are not read when a rarer term stands for them …
const COMMON_TERM_SHARE = 0.03;
// … and only in indexes big enough for that to matter.
const MIN_COMMON_TERM_DOCS = 500;
// Stored term frequencies and lengths are thousandths (chunk-terms.ts rounds them so).
const TF_DECIMALS = 1000;

export class SearchIndex {
  private readonly postings = new PostingTable();
  private readonly fuzzy = new FuzzyVocabulary();
  private readonly notes = new Map<string, NoteEntry>();
  /** The note of each document id, null once removed. */
  private owners: Array<NoteEntry | null> = [];
  /** Scratch for counting a note's term ids while adding it (indexed by term id). */
  private termScratch = new Int32Array(1024);
  /** Weighted length of each document (BM25), -1 once it is removed; indexed by document id. */
  private lengths = new Float64Array(INITIAL_DOC_CAPACITY).fill(-1);
  private liveDocs = 0;
  private totalLength = 0;
  private readonly featureCache = new Map<number, ChunkFeatures>();
  private readonly onNewTerm = (term: string): void => {
    if (isLatinTerm(term)) this.fuzzy.add(term);
  };
  // Score accumulators, reused across searches (one slot per document id).
  private total = new Float64Array(0);
  private slotBest = new Float64Array(0);
  private repScore = new Float64Array(0);

  /** Weighted terms of a chunk of a note: computed at ingest and stored, so start-up need not tokenize. */
  static analyzeChunk(chunk: Chunk, note: { title: string; source: string }): ChunkTerms {
    return analyzeChunk(chunk, searchableTitle(note.title, note.source));
  }

  /** Number of chunks in the index. */
  get size(): number {
    return this.liveDocs;
  }

  hasNote(noteId: string): boolean {
    return this.notes.has(noteId);
  }

  /** Keys of everything indexed: note ids and their translations' keys (see translated-chunks.ts). */
  noteIds(): string[] {
    return [...this.notes.keys()];
  }

  /** How many notes are indexed (their translations not counted). */
  get noteCount(): number {
    let count = 0;
    for (const key of this.notes.keys()) if (!isTranslationIndexKey(key)) count++;
    return count;
  }

  /** What the index knows of a note (title, source). */
  noteMeta(noteId: string): IndexedNoteMeta | undefined {
    return this.notes.get(noteId)?.meta;
  }

  /**
   * Adds a note or replaces all of its chunks, in one synchronous step: a search never sees the
   * note half-replaced or missing. Uses `terms` (from ingest) when they match the chunks.
   */
  upsertNote(meta: IndexedNoteMeta, chunks: Chunk[], terms?: ChunkTerms[]): void {
    const compact = CompactChunks.fromChunks(chunks);
    if (!terms || terms.length !== chunks.length) {
      this.upsertCompact(meta, compact, analyzeNoteChunks(chunks, searchableTitle(meta.title, meta.source), { reuseScratch: true }));
      return;
    }
    const analyzed = chunks.map((chunk, index) => terms[index] ?? SearchIndex.analyzeChunk(chunk, meta));
    this.replaceNote(meta, compact, (addDoc, addPosting) => {
      for (const chunkTerms of analyzed) {
        const doc = addDoc(chunkTerms.length);
        const frequencies = chunkTerms.tf;
        for (const term in frequencies) {
          const tf = frequencies[term] as number;
          if (tf > 0) addPosting(this.postings.idOf(term, this.onNewTerm), doc, tf);
        }
      }
    });
  }

  /**
   * upsertNote for a note already packed, with its terms as analyzeNoteChunks gives them (or a
   * stored index record holds them): no Chunk objects, no per-chunk term records.
   */
  upsertCompact(meta: IndexedNoteMeta, chunks: CompactChunks, terms: NoteTerms): void {
    if (terms.starts.length !== chunks.count + 1) throw new Error(`terms of ${terms.starts.length - 1} chunks given for ${chunks.count}`);
    const globalIds: number[] = new Array<number>(terms.terms.length).fill(-1);
    const { starts, termIndex, tfThousandths, lengthThousandths } = terms;
    this.replaceNote(meta, chunks, (addDoc, addPosting) => {
      for (let chunk = 0; chunk < chunks.count; chunk++) {
        const doc = addDoc((lengthThousandths[chunk] as number) / TF_DECIMALS);
        for (let i = starts[chunk] as number; i < (starts[chunk + 1] as number); i++) {
          const tf = (tfThousandths[i] as number) / TF_DECIMALS;
          if (!(tf > 0)) continue;
          const local = termIndex[i] as number;
          let id = globalIds[local] as number;
          if (id < 0) {
            id = this.postings.idOf(terms.terms[local] as string, this.onNewTerm);
            globalIds[local] = id;
          }
          addPosting(id, doc, tf);
        }
      }
    });
  }

  /**
   * Sizes the posting lists for many notes about to be added (start-up: every stored note), so
   * that each list is made once at its size instead of growing note by note: `expect` each note's
   * terms with the number of its chunks that have each, `reserve`, then add the notes as usual.
   * Nothing changes for searches until the notes are added.
   */
  startBulkLoad(): BulkLoad {
    let extra = new Int32Array(Math.max(1024, this.postings.termCount));
    return {
      expect: (terms, counts) => {
        for (let local = 0; local < terms.length; local++) {
          const count = counts[local] as number;
          if (count <= 0) continue;
          const id = this.postings.idOf(terms[local] as string, this.onNewTerm);
          if (id >= extra.length) {
            const grown = new Int32Array(Math.max(id + 1, extra.length * 2));
            grown.set(extra);
            extra = grown;
          }
          extra[id] = (extra[id] as number) + count;
        }
      },
      reserve: () => {
        this.postings.reserve(extra);
        extra = new Int32Array(0);
      },
    };
  }

  /** Removes the note's old documents, then adds the new ones through `fill`, counting term ids as they come. */
  private replaceNote(
    meta: IndexedNoteMeta,
    chunks: CompactChunks,
    fill: (addDoc: (length: number) => number, addPosting: (id: number, doc: number, tf: number) => void) => void,
  ): void {
    this.removeNote(meta.noteId);
    const entry: NoteEntry = { meta, chunks, firstDoc: this.owners.length, termIds: new Int32Array(0), termCounts: new Int32Array(0) };
    const touched: number[] = [];
    fill(
      (length) => {
        const doc = this.owners.length;
        this.ensureDocCapacity(doc + 1);
        this.owners.push(entry);
        this.lengths[doc] = Math.max(0, length);
        this.liveDocs++;
        this.totalLength += length;
        return doc;
      },
      (id, doc, tf) => {
        // A term all of whose documents were removed may have been pruned from the typo vocabulary.
        if (this.postings.frequencyOf(id) === 0) this.onNewTerm(this.postings.nameOf(id));
        this.postings.add(id, doc, tf);
        if (id >= this.termScratch.length) {
          const grown = new Int32Array(Math.max(id + 1, this.termScratch.length * 2));
          grown.set(this.termScratch);
          this.termScratch = grown;
        }
        const seen = this.termScratch[id] as number;
        if (seen === 0) touched.push(id);
        this.termScratch[id] = seen + 1;
      },
    );
    entry.termIds = Int32Array.from(touched);
    entry.termCounts = new Int32Array(touched.length);
    touched.forEach((id, position) => {
      entry.termCounts[position] = this.termScratch[id] as number;
      this.termScratch[id] = 0;
    });
    this.notes.set(meta.noteId, entry);
  }

  /** Removes a note's chunks; false when the note was not indexed. */
  removeNote(noteId: string): boolean {
    const entry = this.notes.get(noteId);
    if (!entry) return false;
    this.notes.delete(noteId);
    const end = entry.firstDoc + entry.chunks.count;
    for (let doc = entry.firstDoc; doc < end; doc++) {
      this.owners[doc] = null;
      this.liveDocs--;
      this.totalLength -= Math.max(0, this.lengths[doc] ?? 0);
      this.lengths[doc] = -1;
      this.featureCache.delete(doc);
    }
    const isLive = (doc: number): boolean => this.owners[doc] != null;
    entry.termIds.forEach((id, position) => this.postings.releaseMany(id, entry.termCounts[position] as number, isLive));
    this.compactIfSparse();
    return true;
  }

  clear(): void {
    this.postings.clear();
    this.fuzzy.clear();
    this.notes.clear();
    this.owners = [];
    this.lengths = new Float64Array(INITIAL_DOC_CAPACITY).fill(-1);
    this.liveDocs = 0;
    this.totalLength = 0;
    this.featureCache.clear();
  }

  /** Best chunks for a question, best first, near-duplicates (a bullet and its own sub-bullets) folded. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return this.query(query, options).hits;
  }

  /** The sections whose chunks come closest to a question, best first, one entry per section. */
  nearestSections(query: string, count = 3, noteId?: string): NearestSection[] {
    return this.query(query, { top: 1, noteId, sections: count }).sections;
  }

  /**
   * Hits and nearest sections from one ranking (an answer needs both when the notes do not
   * cover the question), plus the question's analysis.
   */
  query(query: string, options: SearchOptions & { sections?: number } = {}): QueryResult {
    const top = Math.max(1, options.top ?? DEFAULT_TOP);
    const sectionCount = Math.max(0, options.sections ?? 0);
    const { analyzed, ranked, slots, maxScore } = this.rank(query, options.noteId);
    const hits: SearchHit[] = [];
    const taken: Chunk[] = [];
    const sections: NearestSection[] = [];
    const seenSections = new Set<string>();
    for (const scored of ranked) {
      const owner = this.owners[scored.doc];
      if (!owner) continue;
      const chunk = owner.chunks.chunk(scored.doc - owner.firstDoc);
      if (hits.length < top && !taken.some((other) => sameThread(other, chunk))) {
        taken.push(chunk);
        const { score, relevance, coverage, matched, absent } = scored;
        hits.push({ chunk, note: owner.meta, score, relevance, coverage, matched, absent, absentFromNote: this.absentFromNote(slots, owner) });
      }
      const key = `${owner.meta.noteId}\u0000${chunk.section.join('\u0000')}`;
      if (sections.length < sectionCount && !seenSections.has(key)) {
        seenSections.add(key);
        sections.push({ note: owner.meta, section: chunk.section, chunk, relevance: scored.relevance });
      }
      if (hits.length >= top && sections.length >= sectionCount) break;
    }
    const unknown = slots.filter((slot) => !slot.phrase && slot.representations.every((representation) => representation.terms.every((term) => term.id === undefined))).map((slot) => slot.label);
    return {
      analyzed,
      hits,
      sections,
      unknown,
      around: (hit, from, to) => this.around(hit, from, to, slots, maxScore),
      headingOf: (hit) => this.headingOf(hit, slots, maxScore),
    };
  }

  private around(hit: SearchHit, from: number, to: number, slots: WeightedSlot[], maxScore: number): NearbyChunk[] {
    const entry = this.entryOf(hit);
    if (!entry) return [];
    const nearby: NearbyChunk[] = [];
    for (let index = 0; index < entry.chunks.count; index++) {
      const line = entry.chunks.line(index);
      if (line >= from && line <= to) nearby.push(this.nearby(entry, index, slots, maxScore));
    }
    return nearby.sort((a, b) => a.chunk.line - b.chunk.line);
  }

  private headingOf(hit: SearchHit, slots: WeightedSlot[], maxScore: number): NearbyChunk | null {
    const entry = this.entryOf(hit);
    const section = hit.chunk.section;
    if (!entry || section.length === 0 || section.at(-1) === hit.chunk.text) return null;
    // Chunks are in document order: a section's heading chunk comes before its items.
    for (let index = 0; index < entry.chunks.count; index++) {
      if (entry.chunks.line(index) >= hit.chunk.line) break;
      const { section: path, text } = entry.chunks.sectionAndText(index);
      if (path.at(-1) === text && path.length === section.length && path.every((part, at) => part === section[at])) {
        return this.nearby(entry, index, slots, maxScore);
      }
    }
    return null;
  }

  private entryOf(hit: SearchHit): NoteEntry | undefined {
    return this.notes.get(hit.note.noteId) ?? this.notes.get(hit.chunk.noteId);
  }

  private nearby(entry: NoteEntry, index: number, slots: WeightedSlot[], maxScore: number): NearbyChunk {
    const doc = entry.firstDoc + index;
    const chunk = entry.chunks.chunk(index);
    let mentions: number | undefined;
    return {
      chunk,
      mentions: () => (mentions ??= maxScore > 0 ? this.coverage(slots, this.features(doc, chunk).ownTerms) / maxScore : 0),
    };
  }

  /**
   * The bullet a chunk is nested under, if any (for answers that need their context). For a
   * translated chunk, the parent in the same translation when it has one, so an answer does not
   * mix languages.
   */
  parentOf(chunk: Chunk): Chunk | null {
    const entry = this.notes.get(chunk.noteId);
    if (!entry) return null;
    const chunks = entry.chunks;
    let parent = -1;
    let parentLine = 0;
    for (let index = 0; index < chunks.count; index++) {
      const line = chunks.line(index);
      if (line >= chunk.line || (parent >= 0 && line <= parentLine)) continue;
      if (chunks.hasChildOnLine(index, chunk.line)) {
        parent = index;
        parentLine = line;
      }
    }
    if (parent < 0) return null;
    const translation = chunk.translation ? this.notes.get(translationIndexKey(chunk.noteId, chunk.translation.language)) : undefined;
    return (translation && chunkOnLine(translation.chunks, parentLine)) ?? chunks.chunk(parent);
  }

  /** Query analysis as the index sees it (for tests and explanations). */
  analyze(query: string): AnalyzedQuery {
    return analyzeQuery(query, {
      documentFrequency: (term) => this.postings.documentFrequency(term),
      fuzzyNeighbours: (term) => this.fuzzy.neighbours(term, (candidate) => this.postings.documentFrequency(candidate) > 0),
    });
  }

  /** The best candidates, re-ranked, best first. */
  private rank(query: string, noteId: string | undefined): { analyzed: AnalyzedQuery; ranked: ScoredDoc[]; slots: WeightedSlot[]; maxScore: number } {
    const analyzed = this.analyze(query);
    if (this.liveDocs === 0 || analyzed.slots.length === 0) return { analyzed, ranked: [], slots: [], maxScore: 0 };
    const slots = capPhrases(analyzed.slots.map((slot) => this.weighSlot(slot)));
    const maxScore = slots.reduce((sum, slot) => sum + slot.weight, 0);
    if (maxScore <= 0) return { analyzed, ranked: [], slots, maxScore };
    const touched = this.accumulate(slots, noteId);
    const { candidates, noteFactors } = this.candidates(slots, touched, namedWords(query));
    for (const doc of touched) this.total[doc] = 0;
    const subjectBoost = analyzed.definitional ? SUBJECT_BOOST_FOR_DEFINITIONAL_QUESTION : SUBJECT_BOOST;
    const questionTerms = new Set(analyzed.slots.flatMap((slot) => slot.representations.flatMap((representation) => representation.terms)));
    const questionKinds = interrogativesOf(query);
    const titleShares = new Map<NoteEntry, number>();
    const titleShareOf = (entry: NoteEntry): number => {
      let share = titleShares.get(entry);
      if (share === undefined) {
        share = this.coverage(slots, this.titleTerms(entry)) / maxScore;
        titleShares.set(entry, share);
      }
      return share;
    };
    const ranked = candidates.map(({ doc, base }) => {
      const noteFactor = noteFactors.get(this.owners[doc] as NoteEntry) ?? 1;
      const { matched, absent } = this.matchedShare(slots, doc, maxScore);
      const chunk = this.chunkAt(doc);
      const features = this.features(doc, chunk);
      const coverage = this.coverage(slots, features.ownTerms) / maxScore;
      const subject = features.subject;
      // "Why containers?" is about containers, but does not answer "what is a container".
      const otherQuestion = features.kinds.size > 0 && !sharesInterrogative(questionKinds, features.kinds) ? OTHER_QUESTION_FACTOR : 1;
      const subjectMatch = subject
        ? (this.coverage(slots, subject.terms) / maxScore) * precisionOf(subject.terms, questionTerms) * subject.confidence * otherQuestion
        : 0;
      const echoes = questionKinds.size > 0 && sharesInterrogative(questionKinds, features.kinds) ? 1 : 0;
      const score =
        base *
        noteFactor *
        (1 + OWN_TEXT_BOOST * coverage) *
        (1 + subjectBoost * subjectMatch) *
        (1 + INTERROGATIVE_BOOST * echoes * coverage) *
        (1 + TITLE_BOOST * titleShareOf(this.owners[doc] as NoteEntry)) *
        (isHeadingChunk(chunk) ? HEADING_FACTOR : 1);
      return { doc, base, score, relevance: base / maxScore, coverage, matched, absent };
    });
    return { analyzed, ranked: ranked.sort((a, b) => b.score - a.score || a.doc - b.doc), slots, maxScore };
  }

  /**
   * The documents to re-rank: the best by BM25, after lowering those whose note never mentions a
   * thing the question names ("how do they split services in the Merpay keynote" belongs to the
   * note that names Merpay, not to a bullet elsewhere that says "services"). Only a wider pool of
   * the best is checked, note by note: the check costs a lookup per note, not per document.
   * Returns each checked note's factor.
   */
  private candidates(slots: WeightedSlot[], touched: number[], names: readonly string[]): { candidates: Array<{ doc: number; base: number }>; noteFactors: Map<NoteEntry, number> } {
    const noteFactors = new Map<NoteEntry, number>();
    const named = slots.filter((slot) => names.includes(slot.label));
    if (named.length === 0) return { candidates: topDocs(touched, this.total, RERANK_CANDIDATES), noteFactors };
    const pool = topDocs(touched, this.total, NAMED_POOL);
    const factorOf = (entry: NoteEntry): number => {
      let factor = noteFactors.get(entry);
      if (factor === undefined) {
        factor = NAME_ABSENT_FACTOR ** this.absentFromNote(named, entry).length;
        noteFactors.set(entry, factor);
      }
      return factor;
    };
    const candidates = pool
      .map((candidate) => ({ ...candidate, boosted: candidate.base * factorOf(this.owners[candidate.doc] as NoteEntry) }))
      .sort((a, b) => b.boosted - a.boosted || a.doc - b.doc)
      .slice(0, RERANK_CANDIDATES)
      .map(({ doc, base }) => ({ doc, base }));
    return { candidates, noteFactors };
  }

  /** IDF-based weights of a slot and its representations. */
  private weighSlot(slot: QuerySlot): WeightedSlot {
    const docs = Math.max(1, this.liveDocs);
    const idf = (frequency: number): number => Math.log(1 + (docs - frequency + 0.5) / (frequency + 0.5));
    const common = Math.max(MIN_COMMON_TERM_DOCS, docs * COMMON_TERM_SHARE);
    let strongest = 0;
    const representations = slot.representations.map((representation) => {
      const terms = representation.terms.map((term) => {
        const id = this.postings.find(term);
        const frequency = id === undefined ? 0 : this.postings.frequencyOf(id);
        // An unknown term weighs like a term seen once: it is rare, not infinitely important.
        const termIdf = idf(Math.max(1, frequency));
        if (representation.kind === 'native') strongest = Math.max(strongest, termIdf);
        return { id: frequency > 0 ? id : undefined, idf: termIdf, frequency, skip: false };
      });
      // Bigrams like サー or ービ are in a tenth of all chunks and add little; when a rarer term
      // of the same word is there to find its chunks, their long posting lists are not read.
      if (terms.some((term) => term.id !== undefined && term.frequency <= common)) {
        for (const term of terms) term.skip = term.frequency > common;
      } else if (representation.kind === 'translation') {
        // A glossary translation of an everyday word ("use" → 利用, "new" → 新規) in thousands of
        // chunks says little and costs a long read: only rarer translations are read.
        for (const term of terms) term.skip = term.frequency > common;
      }
      const idfSum = terms.reduce((sum, term) => sum + term.idf, 0);
      return { weight: representation.weight, translation: representation.kind === 'translation', terms, idfSum };
    });
    const known = representations.some((representation) => representation.terms.some((term) => term.id !== undefined));
    return { label: slot.label, phrase: slot.phrase === true, known, weight: slot.importance * strongest, representations };
  }

  /** Adds every slot's contribution into `this.total`; returns the documents touched. */
  private accumulate(slots: WeightedSlot[], noteId: string | undefined): number[] {
    this.ensureAccumulators();
    // Locals: this loop runs once per posting of every question term (100k+ at 2,000 notes), and
    // each array it touches at a random document costs a cache miss: keep them few.
    const { total, slotBest, repScore, lengths } = this;
    const docPool = this.postings.docPool;
    const tfPool = this.postings.tfPool;
    const avgLength = this.totalLength / Math.max(1, this.liveDocs) || 1;
    const normBase = K1 * (1 - B);
    const normSlope = (K1 * B) / avgLength;
    // Documents of one note are consecutive ids: [onlyFrom, onlyTo) when filtering by note.
    const onlyEntry = noteId === undefined ? undefined : this.notes.get(noteId);
    const only = noteId !== undefined;
    const onlyFrom = onlyEntry?.firstDoc ?? 0;
    const onlyTo = onlyEntry ? onlyEntry.firstDoc + onlyEntry.chunks.count : 0;
    const touched: number[] = [];
    const slotTouched: number[] = [];
    const repTouched: number[] = [];
    for (const slot of slots) {
      if (slot.weight <= 0) continue;
      for (const representation of slot.representations) {
        if (representation.idfSum <= 0) continue;
        for (const term of representation.terms) {
          if (term.id === undefined || term.skip) continue;
          const share = (representation.weight * term.idf) / representation.idfSum;
          const start = this.postings.startOf(term.id);
          const end = start + this.postings.countOf(term.id);
          for (let i = start; i < end; i++) {
            const doc = docPool[i] as number;
            // Dead documents have length -1 (one array read instead of two).
            const length = lengths[doc] as number;
            if (length < 0 || (only && (doc < onlyFrom || doc >= onlyTo))) continue;
            const tf = (tfPool[i] as number) / TF_STEPS;
            const previous = repScore[doc] as number;
            if (previous === 0) repTouched.push(doc);
            repScore[doc] = previous + (share * tf) / (tf + normBase + normSlope * length);
          }
        }
        // A slot counts its best representation only: サービス and service are one concept.
        for (const doc of repTouched) {
          const value = repScore[doc] as number;
          repScore[doc] = 0;
          const best = slotBest[doc] as number;
          if (best === 0) slotTouched.push(doc);
          if (value > best) slotBest[doc] = value;
        }
        repTouched.length = 0;
      }
      for (const doc of slotTouched) {
        if (total[doc] === 0) touched.push(doc);
        total[doc] = (total[doc] as number) + slot.weight * (slotBest[doc] as number);
        slotBest[doc] = 0;
      }
      slotTouched.length = 0;
    }
    return touched;
  }

  /**
   * Share of the question a document mentions at all (any field; tf ignored), for the grounding
   * decision. Postings are sorted by document id, so membership is a binary search.
   */
  private matchedShare(slots: WeightedSlot[], doc: number, maxScore: number): { matched: number; absent: string[] } {
    const absent: string[] = [];
    const present = presentWeight(slots, (id) => this.containsDoc(id, doc), { grounding: true, onAbsent: (slot) => absent.push(slot.label) });
    return { matched: present / maxScore, absent };
  }

  /** Weighted share of the question found among `terms` (same slot logic, presence only). */
  private coverage(slots: WeightedSlot[], terms: Set<string>): number {
    return presentWeight(slots, (id) => terms.has(this.postings.nameOf(id)));
  }

  /** The terms of a note's title (kept with the note: asked for every candidate of every question). */
  private titleTerms(entry: NoteEntry): Set<string> {
    entry.titleTerms ??= new Set(tokenize(searchableTitle(entry.meta.title, entry.meta.source)));
    return entry.titleTerms;
  }

  /** Query-independent re-ranking inputs of a document, computed once and kept for a while. */
  private features(doc: number, chunk: Chunk): ChunkFeatures {
    let features = this.featureCache.get(doc);
    if (!features) {
      const subject = subjectOf(chunk);
      features = {
        ownTerms: new Set(tokenize(chunk.text)),
        subject: subject ? { terms: subjectTerms(subject.text), confidence: subject.confidence } : null,
        kinds: interrogativesOf(chunk.text),
      };
      if (this.featureCache.size >= FEATURE_CACHE_ENTRIES) this.featureCache.clear();
      this.featureCache.set(doc, features);
    }
    return features;
  }

  private ensureDocCapacity(needed: number): void {
    if (this.lengths.length >= needed) return;
    const size = Math.max(needed, this.lengths.length * 2);
    const lengths = new Float64Array(size).fill(-1);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }

  /** Question words that none of a note's chunks mention. */
  private absentFromNote(slots: WeightedSlot[], entry: NoteEntry): string[] {
    const absent: string[] = [];
    const from = entry.firstDoc;
    const to = entry.firstDoc + entry.chunks.count;
    presentWeight(slots, (id) => this.containsDocIn(id, from, to), { grounding: true, onAbsent: (slot) => absent.push(slot.label) });
    return absent;
  }

  /** Whether a term's postings contain a document in [from, to). */
  private containsDocIn(id: number, from: number, to: number): boolean {
    const pool = this.postings.docPool;
    let low = this.postings.startOf(id);
    let high = low + this.postings.countOf(id);
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((pool[middle] as number) < from) low = middle + 1;
      else high = middle;
    }
    return low < this.postings.startOf(id) + this.postings.countOf(id) && (pool[low] as number) < to;
  }

  /** Whether a term's postings (sorted by document id) contain a document. */
  private containsDoc(id: number, doc: number): boolean {
    const pool = this.postings.docPool;
    let low = this.postings.startOf(id);
    let high = low + this.postings.countOf(id) - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = pool[middle] as number;
      if (found === doc) return true;
      if (found < doc) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** The chunk of a live document, as a new object. */
  private chunkAt(doc: number): Chunk {
    const owner = this.owners[doc] as NoteEntry;
    return owner.chunks.chunk(doc - owner.firstDoc);
  }

  private ensureAccumulators(): void {
    const needed = this.owners.length;
    if (this.total.length >= needed) return;
    const size = Math.max(needed, Math.ceil(this.total.length * 1.5), 1024);
    this.total = new Float64Array(size);
    this.slotBest = new Float64Array(size);
    this.repScore = new Float64Array(size);
  }

  /** Renumbers documents when dead ids dominate, so arrays and postings stay proportional to live data. */
  private compactIfSparse(): void {
    const dead = this.owners.length - this.liveDocs;
    if (dead < MIN_DEAD_DOCS_TO_COMPACT || dead <= this.liveDocs) return;
    const newIds = new Int32Array(this.owners.length).fill(-1);
    const owners: Array<NoteEntry | null> = [];
    const lengths = new Float64Array(Math.max(INITIAL_DOC_CAPACITY, this.liveDocs * 2)).fill(-1);
    this.owners.forEach((owner, doc) => {
      if (!owner) return;
      newIds[doc] = owners.length;
      lengths[owners.length] = this.lengths[doc] ?? 0;
      owners.push(owner);
    });
    this.postings.renumber((doc) => newIds[doc] ?? -1);
    for (const entry of this.notes.values()) entry.firstDoc = newIds[entry.firstDoc] ?? -1;
    this.owners = owners;
    this.lengths = lengths;
    this.featureCache.clear();
    this.fuzzy.prune((term) => this.postings.documentFrequency(term) > 0);
  }
}


/**
 * Whether a lower-ranked chunk adds nothing to a higher-ranked one of the same note: it is one of
 * the taken bullet's sub-bullets (its answer shows them), or the taken bullet's direct parent (its
 * answer shows that as the header). A section heading lists its bullets but not their
 * sub-bullets, so it folds nothing and is folded by nothing.
 */
function sameThread(taken: Chunk, candidate: Chunk): boolean {
  if (taken.noteId !== candidate.noteId) return false;
  if (taken.line === candidate.line) return true;
  if (isHeadingChunk(taken) || isHeadingChunk(candidate)) return false;
  return (
    taken.children.some((child) => child.line === candidate.line) ||
    candidate.children.some((child) => child.line === taken.line && child.depth === 1)
  );
}

/**
 * A phrase (adjacent words: "service mesh day" as サービスメッシュ + メッシュデイ) is a bonus over its
 * words. A part no note has weighs like the rarest term, so left alone the bonus would outweigh
 * every real word of the question: it weighs at most a share of the words' own weight (and of the
 * least of them when no note has any of it, a guess rather than a missing topic).
 */
function capPhrases(slots: WeightedSlot[]): WeightedSlot[] {
  const knownWeights = slots.filter((slot) => !slot.phrase && slot.known).map((slot) => slot.weight);
  if (knownWeights.length === 0) return slots;
  const cap = (slot: WeightedSlot): number => (slot.known ? Math.max(...knownWeights) : Math.min(...knownWeights)) * PHRASE_SHARE;
  return slots.map((slot) => (slot.phrase ? { ...slot, weight: Math.min(slot.weight, cap(slot)) } : slot));
}

// Phrase slots weigh this share of a word (query-analysis.ts PHRASE_IMPORTANCE).
const PHRASE_SHARE = 0.4;


/** The `count` highest-scoring documents, best first (a bounded min-heap, not a full sort). */
function topDocs(docs: number[], scores: Float64Array, count: number): Array<{ doc: number; base: number }> {
  const heap: number[] = [];
  const better = (a: number, b: number): boolean => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa > sb || (sa === sb && a < b);
  };
  for (const doc of docs) {
    if (heap.length < count) {
      heap.push(doc);
      siftUp(heap, heap.length - 1, better);
    } else if (better(doc, heap[0] as number)) {
      heap[0] = doc;
      siftDown(heap, 0, better);
    }
  }
  return heap
    .map((doc) => ({ doc, base: scores[doc] as number }))
    .sort((a, b) => b.base - a.base || a.doc - b.doc);
}

// Min-heap by `better`: the root is the worst of the kept documents.
function siftUp(heap: number[], index: number, better: (a: number, b: number) => boolean): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!better(heap[parent] as number, heap[child] as number)) break;
    [heap[parent], heap[child]] = [heap[child] as number, heap[parent] as number];
    child = parent;
  }
}

function siftDown(heap: number[], index: number, better: (a: number, b: number) => boolean): void {
  let parent = index;
  for (;;) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let worst = parent;
    if (left < heap.length && better(heap[worst] as number, heap[left] as number)) worst = left;
    if (right < heap.length && better(heap[worst] as number, heap[right] as number)) worst = right;
    if (worst === parent) return;
    [heap[parent], heap[worst]] = [heap[worst] as number, heap[parent] as number];
    parent = worst;
  }
}

/** The chunk starting on a line, or null (a translation leaves unchanged lines out). */
function chunkOnLine(chunks: CompactChunks, line: number): Chunk | null {
  for (let index = 0; index < chunks.count; index++) if (chunks.line(index) === line) return chunks.chunk(index);
  return null;
}

// For grounding, a word is mentioned when this share of its terms (IDF-weighted) is there: a
// katakana compound whose one part matches (サッカーチーム vs チーム) is not mentioned.
const MIN_MENTIONED_SHARE = 0.4;

/**
 * The weight of the question's slots that are present, by `has` (a term id): each slot counts its
 * best representation, by the IDF share of that representation's terms found. For `grounding`,
 * a translated word counts as mentioned (not at its ranking weight), and a word barely there
 * (under MIN_MENTIONED_SHARE) not at all.
 */
function presentWeight(
  slots: readonly WeightedSlot[],
  has: (termId: number) => boolean,
  options: { grounding?: boolean; onAbsent?: (slot: WeightedSlot) => void } = {},
): number {
  let present = 0;
  for (const slot of slots) {
    let best = 0;
    for (const representation of slot.representations) {
      if (representation.idfSum <= 0) continue;
      let found = 0;
      for (const term of representation.terms) {
        if (term.id !== undefined && has(term.id)) found += term.idf;
      }
      const weight = options.grounding && representation.translation ? 1 : representation.weight;
      const share = found / representation.idfSum;
      if (options.grounding && share < MIN_MENTIONED_SHARE) continue;
      best = Math.max(best, weight * share);
    }
    if (best === 0 && slot.weight > 0) options.onAbsent?.(slot);
    present += slot.weight * best;
  }
  return present;
}
