import type { webApi } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/**
 * Workspace roles change rarely; a minute of caching spares users.info calls when someone shares
 * several files, while a promotion or demotion takes effect soon.
 */
const ROLE_CACHE_TTL_MS = 60_000;

/**
 * Who may change the notes (ingest, delete): users listed in SLACK_ADMIN_USER_IDS, and workspace
 * admins and owners according to users.info. When Slack cannot be asked, the answer is no.
 */
export class AdminCheck {
  private readonly cache = new Map<string, { admin: boolean; until: number }>();

  constructor(
    private readonly adminUserIds: readonly string[],
    private readonly logger: Logger,
  ) {}

  async isAdmin(client: webApi.WebClient, userId: string): Promise<boolean> {
    if (this.adminUserIds.includes(userId)) return true;
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.admin;
    try {
      const { user } = await client.users.info({ user: userId });
      const admin = user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
      this.cache.set(userId, { admin, until: Date.now() + ROLE_CACHE_TTL_MS });
      return admin;
    } catch (error) {
      this.logger.warn({ err: error, user: userId }, 'users.info failed; treating the user as not an admin');
      return false;
    }
  }
}
