import { InteractionContextType, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody, type SlashCommandStringOption } from 'discord.js';

export const RECAP_COMMAND = 'recap';

// Discord caps option values; these keep questions and names to what a person types.
const MAX_QUESTION_CHARS = 500;
const MAX_NOTE_CHARS = 200;
const MAX_TERM_CHARS = 100;
const MAX_LANGUAGE_CHARS = 10;

/** /recap ask|summary|translate|list|define, with Japanese descriptions for Japanese clients. */
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
    .toJSON();
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
