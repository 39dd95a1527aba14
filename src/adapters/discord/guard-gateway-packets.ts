import type { Client } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../../logger.js';

/** One gateway dispatch as discord.js receives it: event name in t, payload in d. */
interface DispatchPacket {
  t?: unknown;
  d?: unknown;
}

type PacketHandler = (packet?: DispatchPacket, shard?: unknown) => boolean;

const snowflake = z.string().regex(/^\d{1,20}$/);
const user = z.looseObject({ id: snowflake });

/**
 * The fields of the events the bot acts on that discord.js takes on trust. Some would make it
 * throw (author null, mentions "x"), others pass through as nonsense the handlers then trip over
 * (content 42, an attachment whose url is a number). Everything else is left to discord.js.
 */
const EVENT_SCHEMAS: Partial<Record<string, z.ZodType>> = {
  MESSAGE_CREATE: z.looseObject({
    id: snowflake,
    channel_id: snowflake,
    author: user,
    content: z.string(),
    mentions: z.array(user),
    mention_roles: z.array(snowflake).optional(),
    member: z.looseObject({}).optional(),
    attachments: z.array(z.looseObject({ id: snowflake, filename: z.string(), size: z.number(), url: z.string() })),
  }),
  // Edits come whole (content and author) or, for embed unfurls, as a partial update.
  MESSAGE_UPDATE: z.looseObject({
    id: snowflake,
    channel_id: snowflake,
    author: user.optional(),
    content: z.string().optional(),
    mentions: z.array(user).optional(),
    attachments: z.array(z.looseObject({ id: snowflake })).optional(),
  }),
  MESSAGE_DELETE: z.looseObject({ id: snowflake, channel_id: snowflake }),
  MESSAGE_DELETE_BULK: z.looseObject({ ids: z.array(snowflake), channel_id: snowflake }),
  MESSAGE_REACTION_ADD: z.looseObject({ message_id: snowflake, channel_id: snowflake, user_id: snowflake, emoji: z.looseObject({ name: z.string().nullable() }) }),
  MESSAGE_REACTION_REMOVE: z.looseObject({ message_id: snowflake, channel_id: snowflake, user_id: snowflake, emoji: z.looseObject({ name: z.string().nullable() }) }),
  INTERACTION_CREATE: z.looseObject({
    id: snowflake,
    application_id: snowflake,
    type: z.number(),
    token: z.string(),
    channel_id: snowflake.optional(),
    member: z.looseObject({ user }).optional(),
    user: user.optional(),
    data: z.looseObject({}).optional(),
  }),
};

/**
 * Makes a malformed gateway packet cost only itself: it is dropped with a warning and the bot
 * stays up.
 *
 * Why here: discord.js's WebSocketManager runs every dispatch through `handlePacket` (straight
 * from @discordjs/ws's 'dispatch' event, and later from its queue of packets that came before
 * READY). A handler that throws there unwinds into @discordjs/ws's async onMessage, which nobody
 * awaits: an unhandled rejection, which ends the Node process. handlePacket is private API, but
 * it is the one place every packet passes before any handler and the one place it can be caught;
 * wrapping the instance's method keeps discord.js itself unchanged. The events the bot acts on are
 * also checked against a schema first, for packets discord.js would accept but turn into nonsense.
 */
export function guardGatewayPackets(client: Client, logger: Logger): void {
  const manager = client.ws as unknown as { handlePacket: PacketHandler };
  const handlePacket = manager.handlePacket.bind(manager);
  manager.handlePacket = (packet, shard) => {
    const problem = packet === undefined || packet === null ? null : malformation(packet);
    if (problem !== null) {
      logger.warn({ event: String(packet?.t), problem }, 'dropped a malformed discord gateway packet');
      // With no packet, discord.js still hands on the next packet queued before READY (as it does
      // for every packet it handles), so a dropped one holds nothing up.
      return handlePacket(undefined, shard);
    }
    try {
      return handlePacket(packet, shard);
    } catch (error) {
      logger.warn({ event: String(packet?.t), err: error }, 'dropped a malformed discord gateway packet');
      return true;
    }
  };
}

/** What is wrong with a packet the bot acts on, or null when it looks as Discord documents it. */
function malformation(packet: DispatchPacket): string | null {
  const schema = typeof packet.t === 'string' ? EVENT_SCHEMAS[packet.t] : undefined;
  if (schema === undefined) return null;
  const result = schema.safeParse(packet.d);
  if (result.success) return null;
  return result.error.issues.map((issue) => `${issue.path.join('.') || 'd'}: ${issue.message}`).join('; ');
}
