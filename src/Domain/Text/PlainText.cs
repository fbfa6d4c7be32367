using System.Buffers;
using System.Globalization;

namespace CommunityWorkflows.Domain.Text;

/// <summary>
/// What a name, a title or a text a person typed may hold. A name or title is one line: no C0 control character
/// (U+0000–U+001F) and no DEL (U+007F). A multi-line text (a description, a summary, minutes) keeps its tabs and
/// line breaks (TAB, LF, CR) but no other of them. Neither holds the noncharacters U+FFFE and U+FFFF. Such
/// characters come from a paste or a broken export and garble every list, spreadsheet, CSV and calendar feed
/// the text later reaches.
/// </summary>
public static class PlainText
{
    static readonly SearchValues<char> RefusedInLine = SearchValues.Create(Refused(keepLineBreaks: false));
    static readonly SearchValues<char> RefusedInMultiLine = SearchValues.Create(Refused(keepLineBreaks: true));

    /// <summary>
    /// Why <paramref name="text"/> cannot be stored as a name or title — or, with <paramref name="multiline"/>, as a
    /// multi-line text — naming the first character refused; null when it can (and for no text at all).
    /// </summary>
    public static string? Problem(string? text, bool multiline = false)
    {
        if (text is null) return null;
        var at = text.AsSpan().IndexOfAny(multiline ? RefusedInMultiLine : RefusedInLine);
        if (at < 0) return null;
        var found = Say.Text($"The text holds U+{(int)text[at]:X4} at character {(at + 1).ToString(CultureInfo.InvariantCulture)}", $"文本第 {(at + 1).ToString(CultureInfo.InvariantCulture)} 个字符为 U+{(int)text[at]:X4}");
        return multiline
            ? Say.Text($"{found}: a text may hold tabs and line breaks, but no other control character (U+0000–U+001F, U+007F) nor U+FFFE or U+FFFF.", $"{found}：文本可以包含制表符和换行，但不能包含其他控制字符（U+0000–U+001F、U+007F）或 U+FFFE、U+FFFF。")
            : Say.Text($"{found}: a name or title is one line, without control characters (U+0000–U+001F, U+007F, tabs and line breaks included) or U+FFFE/U+FFFF.", $"{found}：名称或标题只能有一行，不能包含控制字符（U+0000–U+001F、U+007F，含制表符和换行）或 U+FFFE/U+FFFF。");
    }

    static char[] Refused(bool keepLineBreaks) =>
    [
        .. Enumerable.Range(0, 0x20).Select(c => (char)c).Where(c => !keepLineBreaks || c is not ('\t' or '\n' or '\r')),
        '\u007F', '\uFFFE', '\uFFFF',
    ];
}
