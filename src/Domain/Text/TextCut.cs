using System.Globalization;

namespace CommunityWorkflows.Domain.Text;

/// <summary>Shortening text for titles, subjects and file names without splitting a character (an emoji, a surrogate pair).</summary>
public static class TextCut
{
    /// <summary>At most <paramref name="maxChars"/> UTF-16 units, cut between whole characters, with <paramref name="ellipsis"/> when cut.</summary>
    public static string Prefix(string text, int maxChars, string ellipsis = "")
    {
        if (text.Length <= maxChars) return text;
        var budget = Math.Max(0, maxChars - ellipsis.Length);
        var end = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + elements.GetTextElement().Length;
            if (next > budget) break;
            end = next;
        }
        return text[..end] + ellipsis;
    }

    /// <summary>
    /// The first <paramref name="shown"/> items joined by <paramref name="separator"/>, then "and N more" for the rest:
    /// a message naming a few of a hundred thousand stays a line, not megabytes.
    /// </summary>
    public static string FirstOf<T>(IReadOnlyCollection<T> items, int shown, Func<T, string> text, string separator = ", ")
    {
        var listed = string.Join(separator, items.Take(shown).Select(text));
        return items.Count > shown ? $"{listed}{separator}and {items.Count - shown} more" : listed;
    }

    /// <summary>The text without control and invisible formatting characters (bidi overrides, zero-width joiners...).</summary>
    public static string Visible(string text) =>
        new(text.Where(c => !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format).ToArray());
}
