import {
  ChannelType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandChannelOption,
  type SlashCommandStringOption,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import type { ScheduleKind } from '../../domain/schedule.js';

export const RECAP_COMMAND = 'recap';
/** `/recap schedule add|list|remove|run-now`: scheduled recap posts, for admins. */
export const SCHEDULE_GROUP = 'schedule';
/** `/recap delete note:<…>`: for admins; anything but an exact note id asks first. */
export const DELETE_SUBCOMMAND = 'delete';
/** `/recap thread [link:] [save:]`, `/recap channel [channel:] [since:]`, `/recap purge [channel:]`: conversation recaps. */
export const CONVERSATION_SUBCOMMANDS = { thread: 'thread', channel: 'channel', purge: 'purge' } as const;

// Discord caps option values; these keep questions and names to what a person types.
const MAX_QUESTION_CHARS = 500;
const MAX_NOTE_CHARS = 200;
const MAX_TERM_CHARS = 100;
const MAX_URL_CHARS = 2_000;
const MAX_LANGUAGE_CHARS = 10;
const MAX_CRON_CHARS = 100;
const MAX_TIMEZONE_CHARS = 64;
const MAX_LANGUAGE_LIST_CHARS = 40;
const MAX_SCHEDULE_ID_CHARS = 30;
const MAX_LINK_CHARS = 200;
const MAX_SINCE_CHARS = 40;
/** Channels a conversation recap can read: text, announcement and forum posts, threads. */
const CONVERSATION_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread, ChannelType.GuildVoice] as const;

/** The kinds of schedule as choices (the Record keeps them in step with SCHEDULE_KINDS). */
const KIND_CHOICES: Record<ScheduleKind, { name: string; ja: string }> = {
  digest: { name: 'digest: every note new since the last post', ja: 'digest: 前回の投稿以降の新しいノートすべて' },
  latest: { name: "latest: the newest note's recap (each note once)", ja: 'latest: 最新ノートの要約(各ノート1回)' },
  'on-ingest': { name: 'on-ingest: each new note as it lands (no cron)', ja: 'on-ingest: ノートが追加されるたび(cron不要)' },
  'channel-digest': { name: "channel-digest: the channel's conversation since the last post", ja: 'channel-digest: 前回の投稿以降のチャンネルの会話' },
};

/** /recap ask|summary|translate|list|define|delete|thread|channel|purge and the schedule group, with Japanese descriptions for Japanese clients. */
export function recapSlashCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return new SlashCommandBuilder()
    .setName(RECAP_COMMAND)
    .setDescription('Answers from the meetup notes, with citations')
    .setDescriptionLocalizations({ ja: '勉強会ノートから出典つきで答えます' })
    // Notes belong to a server; in DMs there is no server to answer for.
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('ask')
        .setDescription('Ask a question; the answer cites note, section and line')
        .setDescriptionLocalizations({ ja: 'ノートに質問する(ノート・セクション・行を引用)' })
        .addStringOption((option) =>
          option.setName('question').setDescription('In Japanese or English').setDescriptionLocalizations({ ja: '日本語でも英語でも' }).setRequired(true).setMaxLength(MAX_QUESTION_CHARS),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('summary')
        .setDescription("A note's recap: key points per talk, terms, speakers")
        .setDescriptionLocalizations({ ja: 'ノートの要約(発表ごとの要点・用語・登壇者)' })
        .addStringOption((option) => noteOption(option))
        .addStringOption((option) => languageOption(option)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('translate')
        .setDescription('A note translated, keeping its outline and line numbers')
        .setDescriptionLocalizations({ ja: 'ノートを翻訳する(見出しと行番号はそのまま)' })
        .addStringOption((option) => noteOption(option))
        .addStringOption((option) => languageOption(option)),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('The notes, newest first').setDescriptionLocalizations({ ja: 'ノートの一覧(新しい順)' }))
    .addSubcommand((sub) =>
      sub
        .setName('define')
        .setDescription('Where the notes define a term, and in which talk')
        .setDescriptionLocalizations({ ja: '用語がどのノートのどの発表で定義されているか' })
        .addStringOption((option) =>
          option.setName('term').setDescription('A term such as Brown Field').setDescriptionLocalizations({ ja: '用語(例: Brown Field)' }).setRequired(true).setMaxLength(MAX_TERM_CHARS),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName(DELETE_SUBCOMMAND)
        .setDescription('Delete a note (admins); anything but its exact id asks first')
        .setDescriptionLocalizations({ ja: 'ノートを削除する(管理者のみ。正確なID以外は確認します)' })
        .addStringOption((option) => noteOption(option)),
    )
    .addSubcommand((sub) =>
      sub
        .setName(CONVERSATION_SUBCOMMANDS.thread)
        .setDescription('Recap this thread (or a linked one), citing its messages')
        .setDescriptionLocalizations({ ja: 'このスレッド(またはリンク先)の会話をまとめる' })
        .addStringOption((option) =>
          option
            .setName('link')
            .setDescription('Link to the thread or the message that started it (default: this thread)')
            .setDescriptionLocalizations({ ja: 'スレッドか最初のメッセージへのリンク(省略時はこのスレッド)' })
            .setMaxLength(MAX_LINK_CHARS),
        )
        .addBooleanOption((option) =>
          option
            .setName('save')
            .setDescription('Save the thread as a note, kept up to date as it grows (admins)')
            .setDescriptionLocalizations({ ja: 'スレッドをノートとして保存し、以後の発言も反映する(管理者のみ)' }),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName(CONVERSATION_SUBCOMMANDS.channel)
        .setDescription("Recap a channel's conversation: what you missed")
        .setDescriptionLocalizations({ ja: 'チャンネルの会話をまとめる(見逃した分)' })
        .addStringOption((option) =>
          option
            .setName('since')
            .setDescription('From when: 2h, 30m, 3d, yesterday, today or 2026-12-01 (default: 24h)')
            .setDescriptionLocalizations({ ja: 'いつから: 2h, 30m, 3d, yesterday, today, 2026-12-01 など(省略時は24時間)' })
            .setMaxLength(MAX_SINCE_CHARS),
        )
        .addChannelOption((option) => conversationChannelOption(option)),
    )
    .addSubcommand((sub) =>
      sub
        .setName(CONVERSATION_SUBCOMMANDS.purge)
        .setDescription('Forget the messages recap stored of a channel (admins)')
        .setDescriptionLocalizations({ ja: 'recapが保存したチャンネルの発言を消去する(管理者のみ)' })
        .addChannelOption((option) => conversationChannelOption(option)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('ingest')
        .setDescription('Add a note from a URL: HackMD, Scrapbox, GitHub, a gist or a web page (admins)')
        .setDescriptionLocalizations({ ja: 'URLからノートを追加する(HackMD・Scrapbox・GitHub・Gist・Webページ。管理者のみ)' })
        .addStringOption((option) =>
          option.setName('url').setDescription('https://…').setRequired(true).setMaxLength(MAX_URL_CHARS),
        ),
    )
    .addSubcommandGroup((group) => scheduleGroup(group))
    .toJSON();
}

/** /recap schedule add|list|remove|run-now (the handler lets only admins use it). */
function scheduleGroup(group: SlashCommandSubcommandGroupBuilder): SlashCommandSubcommandGroupBuilder {
  return group
    .setName(SCHEDULE_GROUP)
    .setDescription('Recaps posted to a channel on a schedule (admins)')
    .setDescriptionLocalizations({ ja: 'チャンネルへの定期的な要約投稿(管理者のみ)' })
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Post recaps to a channel on a schedule')
        .setDescriptionLocalizations({ ja: '要約を定期的にチャンネルへ投稿する' })
        .addStringOption((option) =>
          option
            .setName('kind')
            .setDescription('What each post recaps')
            .setDescriptionLocalizations({ ja: '投稿する内容' })
            .setRequired(true)
            .addChoices(...Object.entries(KIND_CHOICES).map(([value, choice]) => ({ name: choice.name, name_localizations: { ja: choice.ja }, value }))),
        )
        .addStringOption((option) =>
          option
            .setName('cron')
            .setDescription('When: cron pattern such as "0 9 * * 1" (Mondays 9:00); none for on-ingest')
            .setDescriptionLocalizations({ ja: 'いつ: cron形式(例: "0 9 * * 1" は毎週月曜9時)。on-ingestでは不要' })
            .setMaxLength(MAX_CRON_CHARS),
        )
        .addStringOption((option) =>
          option
            .setName('timezone')
            .setDescription('Time zone of the cron pattern, such as Asia/Tokyo (default: RECAP_TIMEZONE)')
            .setDescriptionLocalizations({ ja: 'cronのタイムゾーン(例: Asia/Tokyo。省略時は RECAP_TIMEZONE)' })
            .setMaxLength(MAX_TIMEZONE_CHARS),
        )
        .addStringOption((option) =>
          option
            .setName('lang')
            .setDescription('Recap languages, such as ja,en (each posted in turn)')
            .setDescriptionLocalizations({ ja: '要約の言語(例: ja,en。順に投稿)' })
            .setMaxLength(MAX_LANGUAGE_LIST_CHARS),
        )
        .addBooleanOption((option) =>
          option
            .setName('nothing_new')
            .setDescription('Post a short "nothing new" line when there is nothing to recap')
            .setDescriptionLocalizations({ ja: '新しいノートがないときも「新着なし」と投稿する' }),
        )
        .addChannelOption((option) =>
          option
            .setName('channel')
            .setDescription('Where to post (default: this channel)')
            .setDescriptionLocalizations({ ja: '投稿先(省略時はこのチャンネル)' })
            .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('list')
        .setDescription("This channel's schedules, with their next posts")
        .setDescriptionLocalizations({ ja: 'このチャンネルのスケジュールと次の投稿予定' })
        .addBooleanOption((option) => option.setName('all').setDescription('Every channel of this bot').setDescriptionLocalizations({ ja: 'すべてのチャンネル' })),
    )
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Stop a schedule (posts already made stay)')
        .setDescriptionLocalizations({ ja: 'スケジュールを削除する(投稿済みのメッセージは残ります)' })
        .addStringOption((option) => scheduleIdOption(option)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('run-now')
        .setDescription("Post a schedule's recap now")
        .setDescriptionLocalizations({ ja: 'スケジュールの要約を今すぐ投稿する' })
        .addStringOption((option) => scheduleIdOption(option)),
    );
}

function scheduleIdOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName('id')
    .setDescription('Schedule id such as sch_1a2b3c4d5e (see /recap schedule list)')
    .setDescriptionLocalizations({ ja: 'スケジュールID(/recap schedule list で確認)' })
    .setRequired(true)
    .setMaxLength(MAX_SCHEDULE_ID_CHARS);
}

/** The channel a conversation command is about (thread recap, channel recap, purge): this one when unset. */
function conversationChannelOption(option: SlashCommandChannelOption): SlashCommandChannelOption {
  return option
    .setName('channel')
    .setDescription('Which channel (default: this one)')
    .setDescriptionLocalizations({ ja: '対象のチャンネル(省略時はこのチャンネル)' })
    .addChannelTypes(...CONVERSATION_CHANNEL_TYPES);
}

function noteOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName('note')
    .setDescription('Note id or title (suggestions as you type)')
    .setDescriptionLocalizations({ ja: 'ノートのIDかタイトル(入力すると候補が出ます)' })
    .setRequired(true)
    .setAutocomplete(true)
    .setMaxLength(MAX_NOTE_CHARS);
}

function languageOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option.setName('lang').setDescription('Language code such as ja or en').setDescriptionLocalizations({ ja: '言語コード(ja, en など)' }).setMaxLength(MAX_LANGUAGE_CHARS);
}
