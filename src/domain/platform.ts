/** The chat platforms recap runs on (app/platforms.ts holds what each one needs). */
export const PLATFORMS = ['slack', 'discord'] as const;
export type Platform = (typeof PLATFORMS)[number];
