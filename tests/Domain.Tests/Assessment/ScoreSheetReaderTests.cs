using System.Text.Json;
using CommunityWorkflows.Domain.Assessment;

namespace CommunityWorkflows.Domain.Tests.Assessment;

public class ScoreSheetReaderTests
{
    static (IReadOnlyList<ScoreInput?>? Entries, IReadOnlyList<string> Fields) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var (entries, errors) = ScoreSheetReader.Read(document.RootElement);
        return (entries, errors.Select(e => e.Field).ToList());
    }

    [Theory]
    [InlineData("1.50", 1)]
    [InlineData("25e-1", 1)]
    [InlineData("1.10e1", 0)]
    [InlineData("1.2e5", 0)]
    [InlineData("100", 0)]
    [InlineData("0", 0)]
    [InlineData("0.000e-40", 0)]
    [InlineData("-0.001", 3)]
    [InlineData("1.005", 3)]
    [InlineData("1e-30", 30)]
    [InlineData("1.0000000000000000000000000000001", 31)]
    public void Decimal_places_are_counted_on_the_exact_digits(string number, long places) =>
        Assert.Equal(places, ScoreSheetReader.DecimalPlaces(number));

    [Theory]
    [InlineData("1e-30")]
    [InlineData("1.005")]
    [InlineData("20.0000000000000000000000000000001")]
    [InlineData("5e-99999999999999999999")]
    public void A_score_with_more_than_two_decimals_is_refused_however_small(string score)
    {
        var (_, fields) = Read($$"""{"indicators":[{"code":"work","score":20},{"code":"members","score":{{score}}}]}""");
        Assert.Equal(["/indicators/1/score"], fields);
    }

    [Fact]
    public void Scores_of_up_to_two_decimals_read_exactly_and_members_ignore_case()
    {
        var (entries, fields) = Read("""{"Indicators":[{"code":"work","score":19.25e0,"comment":"好"},null,{"CODE":"violation","vetoed":false,"extra":1}]}""");
        Assert.Empty(fields);
        Assert.Equal([new ScoreInput("work", 19.25m, null, "好"), null, new ScoreInput("violation", null, false, null)], entries);
    }

    [Fact]
    public void Wrong_types_are_named_by_pointer()
    {
        Assert.Equal(["/indicators/0/code", "/indicators/0/score", "/indicators/0/vetoed", "/indicators/1"],
            Read("""{"indicators":[{"code":1,"score":"20","vetoed":"no"},7]}""").Fields);
        Assert.Equal(["/indicators"], Read("""{"indicators":{}}""").Fields);
        Assert.Equal([""], Read("[]").Fields);
    }

    [Fact]
    public void Entries_sent_without_a_comment_member_are_told_apart_from_a_null_comment()
    {
        using var document = JsonDocument.Parse("""{"indicators":[{"code":"a","score":1},{"code":"b","score":2,"comment":null},{"code":"c","score":3,"Comment":"x"}]}""");
        Assert.Equal([0], ScoreSheetReader.WithoutComment(document.RootElement).Order());
    }
}
