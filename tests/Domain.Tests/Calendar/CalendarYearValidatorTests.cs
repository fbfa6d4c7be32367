using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Domain.Tests.Calendar;

public class CalendarYearValidatorTests
{
    static CalendarDayInput Day(string? date, string? name = "节日") => new(date, name);

    static IReadOnlyList<string> Fields(CalendarYearInput input, int year = 2027) =>
        CalendarYearValidator.Validate(year, input).Errors.Select(e => e.Field).ToList();

    [Fact]
    public void A_good_schedule_comes_back_trimmed_and_sorted_by_date()
    {
        var (schedule, errors) = CalendarYearValidator.Validate(2027, new(" 国务院办公厅关于2027年部分节假日安排的通知 ",
            [Day("2027-02-07", "春节"), Day("2027-01-01", " 元旦 ")],
            [Day("2027-02-20", "春节调休上班")]));

        Assert.Empty(errors);
        Assert.Equal("国务院办公厅关于2027年部分节假日安排的通知", schedule!.Source);
        Assert.Equal([new CalendarDay(new(2027, 1, 1), "元旦"), new CalendarDay(new(2027, 2, 7), "春节")], schedule.Holidays);
        Assert.Equal([new CalendarDay(new(2027, 2, 20), "春节调休上班")], schedule.Workdays);
    }

    [Fact]
    public void Empty_lists_are_allowed_but_missing_ones_and_a_missing_source_are_not()
    {
        Assert.Empty(Fields(new("通知", [], [])));
        Assert.Equal(["/source", "/holidays", "/workdays"], Fields(new("  ", null, null)));
    }

    [Fact]
    public void Every_bad_day_is_named_by_its_pointer()
    {
        var fields = Fields(new("通知",
            [Day("2027-01-01"), Day("2026-12-31"), Day("2027-13-01"), Day("01/02/2027"), Day(null), Day("2027-03-01", " "), null],
            [Day("2028-01-01"), Day("2027-02-20", null)]));

        Assert.Equal(
            ["/holidays/1/date", "/holidays/2/date", "/holidays/3/date", "/holidays/4/date", "/holidays/5/name", "/holidays/6",
             "/workdays/0/date", "/workdays/1/name"],
            fields);
    }

    [Fact]
    public void A_date_outside_the_year_says_so()
    {
        var error = Assert.Single(CalendarYearValidator.Validate(2027, new("通知", [Day("2026-10-01")], [])).Errors);
        Assert.Equal(("/holidays/0/date", "2026-10-01 is outside 2027."), (error.Field, error.Message));
    }

    [Fact]
    public void A_duplicate_date_names_the_entry_it_repeats()
    {
        var error = Assert.Single(CalendarYearValidator.Validate(2027, new("通知",
            [Day("2027-01-01"), Day("2027-02-07"), Day("2027-01-01")], [])).Errors);
        Assert.Equal(("/holidays/2/date", "2027-01-01 is already listed at /holidays/0."), (error.Field, error.Message));
    }

    [Fact]
    public void A_date_in_both_lists_is_named_in_both()
    {
        var errors = CalendarYearValidator.Validate(2027, new("通知",
            [Day("2027-01-01"), Day("2027-02-07")], [Day("2027-02-20"), Day("2027-02-07")])).Errors;

        Assert.Equal(["/holidays/1/date", "/workdays/1/date"], errors.Select(e => e.Field));
        Assert.Contains("/workdays/1", errors[0].Message);
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(3000)]
    public void The_year_must_be_plausible(int year) =>
        Assert.Equal(["/year"], Fields(new("通知", [], []), year));

    [Fact]
    public void Overlong_text_and_lists_are_refused()
    {
        var longName = new string('节', CalendarYearValidator.MaxNameLength + 1);
        var tooMany = Enumerable.Range(0, 367).Select(i => (CalendarDayInput?)Day("2027-01-01")).ToList();

        Assert.Equal(["/source", "/holidays", "/workdays/0/name"],
            Fields(new(new string('x', CalendarYearValidator.MaxSourceLength + 1), tooMany, [Day("2027-02-20", longName)])));
    }
}
