using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;

namespace CommunityWorkflows.Domain.Tests.Calendar;

public class WorkdayQueryTests
{
    static IReadOnlyList<string> Fields(string? from, string? days) =>
        Assert.Throws<RuleViolationException>(() => WorkdayQuery.Parse(from, days)).Errors.Select(e => e.Field).ToList();

    [Theory]
    [InlineData("2026-02-13", "1", 1)]
    [InlineData(" 2026-02-13 ", "-7", -7)]
    [InlineData("2026-02-13", "+3", 3)]
    [InlineData("2026-02-13", "0", 0)]
    [InlineData("2026-02-13", "1000", 1000)]
    public void Text_parameters_are_read(string from, string days, int expected) =>
        Assert.Equal(new WorkdayQuery(new DateOnly(2026, 2, 13), expected), WorkdayQuery.Parse(from, days));

    [Theory]
    [InlineData(null, "1", "/from")]
    [InlineData("2026-2-13", "1", "/from")]
    [InlineData("2026-02-30", "1", "/from")]
    [InlineData("13/02/2026", "1", "/from")]
    [InlineData("9999-12-31", "1", "/from")]
    [InlineData("2026-02-13", null, "/days")]
    [InlineData("2026-02-13", "1.5", "/days")]
    [InlineData("2026-02-13", "ten", "/days")]
    [InlineData("2026-02-13", "1001", "/days")]
    [InlineData("2026-02-13", "-1001", "/days")]
    [InlineData("2026-02-13", "99999999999", "/days")]
    public void A_bad_parameter_is_named(string? from, string? days, string field) =>
        Assert.Equal([field], Fields(from, days));

    [Fact]
    public void Both_bad_parameters_are_named_at_once() =>
        Assert.Equal(["/from", "/days"], Fields("yesterday", "many"));

    [Fact]
    public void Queries_built_in_code_are_bounded_too() =>
        Assert.Throws<RuleViolationException>(() => WorkdayQuery.Create(DateOnly.MaxValue, 1));
}
