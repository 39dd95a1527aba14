import { DiscordjsErrorCodes, Events, GatewayCloseCodes, type Client } from 'discord.js';
import type { ChatAdapter, ChatContext } from '../../chat/chat-adapter.js';
import { settingsOf } from '../../config.js';
import { discordSettingsReader, type DiscordSettings } from './discord-settings.js';
import { RecapError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { DiscordCapture } from './discord-capture.js';
import { createDiscordClient } from './discord-client.js';
import { DiscordHistory } from './discord-history.js';
import { guardGatewayPackets } from './guard-gateway-packets.js';
import { handleInteraction } from './handle-interaction.js';
import { handleMessage } from './handle-message.js';

// READY and every guild normally arrive within seconds; past this something is wrong (network, token).
const READY_TIMEOUT_MS = 60_000;

/** Gateway close codes that mean "fix the configuration", with the fix. */
const FATAL_CLOSE_REASONS: Partial<Record<number, string>> = {
  [GatewayCloseCodes.AuthenticationFailed]: 'DISCORD_TOKEN: Discord refused the token; copy it again (Developer Portal → Bot → Reset Token).',
  [GatewayCloseCodes.DisallowedIntents]:
    'DISCORD_TOKEN: the bot may not use the Message Content intent; switch on "Message Content Intent" (Developer Portal → Bot → Privileged Gateway Intents).',
  [GatewayCloseCodes.InvalidIntents]: 'DISCORD_TOKEN: Discord refused the intents the bot asked for.',
};

/**
 * The Discord bot: answers mentions and /recap, ingests attached notes, captures the
 * conversation of the channels it is in for conversation recaps. Maps Discord events to
 * the platform-neutral use cases and their replies to messages; knows nothing of notes itself.
 */
export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord';
  private client: Client | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly context: ChatContext,
    private readonly settings: DiscordSettings,
  ) {
    this.logger = context.logger.child({ platform: 'discord' });
  }

  /** Logs in and resolves once the bot has its guilds and channels (ready to answer). */
  async start(): Promise<void> {
    const client = createDiscordClient(this.settings);
    this.client = client;
    guardGatewayPackets(client, this.logger);
    const capture = new DiscordCapture(this.context, new DiscordHistory(client, this.context.config.conversations.offRecordReactions), this.logger);
    capture.attach(client);
    client.on(Events.MessageCreate, (message) => {
      // Captured first: a recap asked by a later message waits for it.
      void capture.created(message);
      void handleMessage(this.context, this.settings, this.logger, message, capture).catch((error: unknown) => this.logger.error({ err: error }, 'message handler failed'));
    });
    client.on(Events.InteractionCreate, (interaction) => void handleInteraction(this.context, this.settings, this.logger, interaction, capture).catch((error: unknown) => this.logger.error({ err: error }, 'interaction handler failed')));
    // Without a listener an 'error' event would crash the process.
    client.on(Events.Error, (error) => this.logger.error({ err: error }, 'discord client error'));
    client.on(Events.Warn, (warning) => this.logger.warn({ warning }, 'discord client warning'));
    // destroy() closes the socket too; only a close while running is news.
    client.on(Events.ShardReconnecting, () => {
      if (this.client === client) this.logger.warn('discord gateway connection lost; reconnecting');
    });
    client.on(Events.ShardDisconnect, (event) => this.logger.error({ code: event.code, reason: FATAL_CLOSE_REASONS[event.code] }, 'discord gateway closed for good'));
    try {
      await loginAndWaitUntilReady(client, this.settings.token);
    } catch (error) {
      await client.destroy().catch(() => undefined);
      this.client = null;
      throw error;
    }
    this.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord bot connected');
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.destroy();
  }
}

/**
 * Logs in and resolves once READY and every guild have arrived; rejects with the fix when the
 * token is refused, the gateway closes for good (intents not enabled) or READY never comes.
 */
function loginAndWaitUntilReady(client: Client, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown): void => {
      cleanup();
      reject(loginError(error));
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onClose = (event: { code: number }): void =>
      fail(new RecapError('config_invalid', `Invalid configuration:\n  ${FATAL_CLOSE_REASONS[event.code] ?? `DISCORD_TOKEN: the Discord gateway closed the connection (code ${event.code}).`}`));
    const timer = setTimeout(() => fail(new RecapError('config_invalid', `Discord did not get ready within ${READY_TIMEOUT_MS / 1000} s (check DISCORD_TOKEN and DISCORD_API_URL).`)), READY_TIMEOUT_MS);
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off(Events.ClientReady, onReady);
      client.off(Events.ShardDisconnect, onClose);
    };
    client.once(Events.ClientReady, onReady);
    client.on(Events.ShardDisconnect, onClose);
    client.login(token).catch(fail);
  });
}

/** The adapter when Discord is configured (DISCORD_TOKEN), else a clear error naming the variable. */
export function createDiscordAdapter(context: ChatContext, settings: DiscordSettings | null = settingsOf(discordSettingsReader, context.config)): DiscordAdapter {
  if (settings === null) throw new RecapError('config_invalid', 'Invalid configuration:\n  DISCORD_TOKEN: is required for Discord; set it to the bot token (Developer Portal → Bot → Reset Token).');
  return new DiscordAdapter(context, settings);
}

function loginError(error: unknown): unknown {
  if (error instanceof RecapError) return error;
  if (error instanceof Error && 'code' in error && error.code === DiscordjsErrorCodes.TokenInvalid) {
    return new RecapError('config_invalid', `Invalid configuration:\n  ${FATAL_CLOSE_REASONS[GatewayCloseCodes.AuthenticationFailed]}`, { cause: error });
  }
  return new RecapError('config_invalid', `Could not connect to Discord: ${error instanceof Error ? error.message : String(error)} (check DISCORD_API_URL and the network).`, { cause: error });
}
