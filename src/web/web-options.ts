/** How the web app is served and who may see what (from WEB_* and RECAP_* variables). */
export interface WebOptions {
  host: string;
  /** 0 = any free port (tests). */
  port: number;
  /** Read pages (notes, ask, schedules) open to anyone who can reach the server; otherwise they need a login. */
  publicPages: boolean;
  /** The admin login token (RECAP_ADMIN_TOKEN); `recap start` makes one per run when unset. */
  adminToken: string;
  /** Whether the token was made for this run (printed once in a login link) rather than configured. */
  generatedToken: boolean;
  /** Where people reach the pages (RECAP_PUBLIC_URL), for links from chat; null when unset. */
  publicUrl: string | null;
}
