using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Tests.Text;

public class TextTests
{
    [Fact]
    public void Cutting_never_splits_an_emoji()
    {
        var text = "a" + string.Concat(Enumerable.Repeat("😀", 10));
        var cut = TextCut.Prefix(text, 4);
        Assert.Equal("a😀", cut);
        Assert.False(char.IsHighSurrogate(cut[^1]));
        Assert.Equal("ab…", TextCut.Prefix("abcdef", 3, "…"));
        Assert.Equal("short", TextCut.Prefix("short", 10));
    }

    [Fact]
    public void A_long_list_names_the_first_few_and_counts_the_rest()
    {
        Assert.Equal("1; 2; 3; and 97 more", TextCut.FirstOf(Enumerable.Range(1, 100).ToList(), 3, i => $"{i}", "; "));
        Assert.Equal("1, 2, 3", TextCut.FirstOf([1, 2, 3], 3, i => $"{i}"));
        Assert.Equal("", TextCut.FirstOf(Array.Empty<int>(), 3, i => $"{i}"));
    }

    [Fact]
    public void Invisible_formatting_and_control_characters_are_dropped() =>
        Assert.Equal("reportfdp.exe", TextCut.Visible("report\u202Efdp.exe\u0007"));

    [Theory]
    [InlineData("minor", true)]
    [InlineData(" Major ", true)]
    [InlineData("Minor, Major", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    public void Enum_text_is_one_name_and_nothing_else(string text, bool parsed) =>
        Assert.Equal(parsed, EnumText.TryParse<Severity>(text, out _));

    enum Severity { Minor, Major }
}
