import type { RedisClient } from './redis-connection.js';

// Writes a hash field only while the note still has the text it was made from: a recap or
// translation of an older text (the note changed or was deleted during the model call) must not
// land over a newer one.
const SAVE_IF_NOTE_UNCHANGED = `
local note = redis.call('GET', KEYS[1])
if not note then return 0 end
local ok, decoded = pcall(cjson.decode, note)
if not ok or decoded.contentHash ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return 1
`;

/** Sets `field` of the hash at `hashKey` to `json` if the note at `noteKey` has `contentHash`; returns whether it did. */
export async function saveIfNoteUnchanged(
  redis: RedisClient,
  keys: { note: string; hash: string },
  contentHash: string,
  field: string,
  json: string,
): Promise<boolean> {
  return (await redis.eval(SAVE_IF_NOTE_UNCHANGED, 2, keys.note, keys.hash, contentHash, field, json)) === 1;
}
