import type { PlatformSettingsReader } from '../config.js';
import type { ChannelPoster } from '../domain/channel-poster.js';
import type { DoctorCheck } from '../domain/doctor-check.js';
import type { PlatformFacts } from '../domain/platform.js';
import type { Reply } from '../domain/reply.js';
import type { Logger } from '../logger.js';
import type { ChatAdapter, ChatContext } from './chat-adapter.js';

/**
 * Everything recap needs of one chat platform, exported by its adapter as one module
 * (src/adapters/<platform>/platform.ts) and listed once in app/platforms.ts. Nothing outside the
 * adapter names the platform: the registry reads its settings, starts its adapter, makes its
 * poster and runs its doctor checks through this interface.
 *
 * A platform module must load quickly: its SDK is imported only inside createAdapter and
 * createPoster (bolt and discord.js take about a second to load, which commands that do not talk
 * to the platform must not pay).
 */
export interface ChatPlatform<Settings = unknown, Values = unknown> extends PlatformFacts, PlatformSettingsReader<Settings, Values> {
  /** The connection that answers people (started by `recap start`). */
  createAdapter(context: ChatContext, settings: Settings): Promise<ChatAdapter>;
  /** Posting scheduled recaps to its channels (made on first use by the post-recap worker and the doctor). */
  createPoster(settings: Settings, logger: Logger): Promise<ChannelPoster>;
  /** A reply as the platform's messages (what its adapter and poster send). */
  render(reply: Reply): unknown[];
  /** `recap doctor`'s checks of its settings (the token is accepted), given its poster. */
  doctorChecks(settings: Settings, poster: ChannelPoster): Promise<DoctorCheck[]>;
}

/**
 * The doctor check most platforms need: the platform accepts the bot's token (the poster says who
 * the bot is), or what to check (`variables`) when it does not.
 */
export async function tokenAcceptedCheck(poster: ChannelPoster, variables: readonly string[]): Promise<DoctorCheck> {
  try {
    return { name: poster.platform, ok: true, detail: `token accepted: ${await poster.identity()}` };
  } catch (error) {
    return { name: poster.platform, ok: false, detail: error instanceof Error ? error.message : String(error), fix: `Check ${variables.join(' and ')}.` };
  }
}
