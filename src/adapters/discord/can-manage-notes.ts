import { PermissionFlagsBits, type GuildMember } from 'discord.js';

/**
 * Whether a member may add notes: Manage Server (Administrator implies it), or one of the roles
 * in DISCORD_ADMIN_ROLE_IDS for communities whose note keepers are not server managers.
 */
export function canManageNotes(member: GuildMember | null, adminRoleIds: readonly string[]): boolean {
  if (member === null) return false;
  if (member.permissions.has(PermissionFlagsBits.ManageGuild)) return true;
  return adminRoleIds.some((id) => member.roles.cache.has(id));
}
