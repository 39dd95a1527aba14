import { normalizeText } from '../search/normalize.js';
import type { NoteListing, NoteStore } from '../store/note-store.js';

interface CachedList {
  version: string;
  listings: NoteListing[];
  /** Per listing: title, event, id and speakers folded (NFKC, lower case) for the search box. */
  searchText: string[];
}

/**
 * The list of notes the notes page shows, kept between requests while no note changes (the
 * store's listings version): parsing thousands of listings per page view would hold up the
 * event loop that also answers chat.
 */
export class NoteListCache {
  private cached: CachedList | null = null;

  constructor(private readonly store: NoteStore) {}

  async current(): Promise<CachedList> {
    const version = await this.store.listingsVersion();
    if (this.cached?.version === version) return this.cached;
    const listings = await this.store.listNotes();
    this.cached = { version, listings, searchText: listings.map((listing) => fold([listing.title, listing.event ?? '', listing.id, ...listing.speakers].join(' '))) };
    return this.cached;
  }

  /** Listings whose title, event, id or speakers contain the query (folded), newest first. */
  async matching(query: string): Promise<NoteListing[]> {
    const { listings, searchText } = await this.current();
    const wanted = fold(query);
    return listings.filter((_listing, position) => searchText[position]?.includes(wanted));
  }
}

function fold(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}
