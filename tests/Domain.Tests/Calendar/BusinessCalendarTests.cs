using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Domain.Tests.Calendar;

public class BusinessCalendarTests
{
    static readonly BusinessCalendar China = ShippedCalendars.Calendar();

    static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-02-13", 1, "2026-02-14")] // Friday → Saturday worked before the Spring Festival
    [InlineData("2026-02-14", 1, "2026-02-24")] // across the nine-day Spring Festival
    [InlineData("2026-09-30", 1, "2026-10-08")] // across National Day
    [InlineData("2026-09-24", 1, "2026-09-28")] // across the Mid-Autumn Festival
    [InlineData("2026-09-18", 1, "2026-09-20")] // Friday → Sunday worked for National Day
    [InlineData("2025-01-24", 1, "2025-01-26")] // Friday → Sunday worked before the Spring Festival
    [InlineData("2025-01-24", 2, "2025-01-27")] // …then the Monday before the holiday starts
    [InlineData("2025-01-27", 1, "2025-02-05")]
    [InlineData("2025-12-31", 1, "2026-01-04")] // into the next loaded year: New Year's Day off, the Sunday after worked
    [InlineData("2026-01-04", 1, "2026-01-05")]
    [InlineData("2026-06-18", 1, "2026-06-22")] // Dragon Boat Festival
    [InlineData("2026-03-02", 5, "2026-03-09")] // an ordinary week
    [InlineData("2026-04-30", 2, "2026-05-07")]
    public void Adding_working_days_skips_holidays_and_counts_adjusted_working_days(string from, int days, string expected)
    {
        var (date, assumed) = China.AddWorkdays(D(from), days);

        Assert.Equal(D(expected), date);
        Assert.Empty(assumed);
    }

    [Theory]
    [InlineData("2026-10-08", -1, "2026-09-30")]
    [InlineData("2026-02-24", -1, "2026-02-14")]
    [InlineData("2026-02-24", -2, "2026-02-13")]
    [InlineData("2025-01-27", -1, "2025-01-26")]
    [InlineData("2026-03-02", -5, "2026-02-24")] // Saturday 02-28 is worked, so five back stops short of the holiday
    public void Negative_counts_go_backwards(string from, int days, string expected) =>
        Assert.Equal(D(expected), China.AddWorkdays(D(from), days).Date);

    [Fact]
    public void Zero_working_days_is_the_day_itself_even_when_it_is_a_holiday()
    {
        var (date, assumed) = China.AddWorkdays(D("2026-10-01"), 0);

        Assert.Equal(D("2026-10-01"), date);
        Assert.Empty(assumed);
    }

    [Fact]
    public void Crossing_into_a_year_without_a_schedule_reports_it_and_counts_only_weekends_there()
    {
        var (date, assumed) = China.AddWorkdays(D("2026-12-30"), 3);

        Assert.Equal(D("2027-01-04"), date); // 12-31, then 2027-01-01 as an ordinary Friday (元旦 is not guessed), then Monday
        Assert.Equal([2027], assumed);
    }

    [Fact]
    public void Going_back_into_a_year_without_a_schedule_reports_it_too()
    {
        var (date, assumed) = China.AddWorkdays(D("2025-01-02"), -2);

        Assert.Equal(D("2024-12-30"), date);
        Assert.Equal([2024], assumed);
    }

    [Fact]
    public void A_long_count_names_every_unknown_year_crossed_once_in_order()
    {
        var (_, assumed) = China.AddWorkdays(D("2026-06-01"), 600);
        Assert.Equal([2027, 2028], assumed);
    }

    [Fact]
    public void A_count_that_stays_in_the_starting_unknown_year_still_says_so()
    {
        var (date, assumed) = BusinessCalendar.WeekendsOnly.AddWorkdays(D("2030-05-03"), 1);

        Assert.Equal(D("2030-05-06"), date);
        Assert.Equal([2030], assumed);
    }

    [Theory]
    [InlineData("2026-02-14", true)]  // Saturday, adjusted working day
    [InlineData("2026-02-15", false)] // Sunday inside the Spring Festival span
    [InlineData("2026-02-16", false)] // Monday, holiday
    [InlineData("2026-02-24", true)]
    [InlineData("2026-03-07", false)] // an ordinary Saturday
    [InlineData("2025-10-11", true)]
    [InlineData("2025-10-08", false)]
    public void Working_days_follow_the_schedule(string date, bool working) =>
        Assert.Equal(working, China.IsWorkday(D(date)));

    [Fact]
    public void The_next_working_day_from_a_holiday_is_after_the_holiday()
    {
        Assert.Equal(D("2026-10-08"), China.OnOrNextWorkday(D("2026-10-01")));
        Assert.Equal(D("2026-10-08"), China.OnOrNextWorkday(D("2026-10-08")));
        Assert.Equal(D("2026-10-10"), China.OnOrNextWorkday(D("2026-10-10")));
    }

    [Fact]
    public void Loaded_years_are_known()
    {
        Assert.Equal([2025, 2026], China.LoadedYears.Order());
        Assert.True(China.IsLoaded(2026));
        Assert.False(China.IsLoaded(2027));
        Assert.Empty(BusinessCalendar.WeekendsOnly.LoadedYears);
    }
}
