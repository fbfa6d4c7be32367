using System.Globalization;
using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Domain.Tests.Calendar;

public class ShippedCalendarTests
{
    // MISSION.md, "Time", verbatim: the weekday holidays and the weekend working days (调休) of each year
    public static TheoryData<int, string, string> MissionTable => new()
    {
        { 2025, "01-01, 01-28…01-31, 02-03, 02-04, 04-04, 05-01, 05-02, 05-05, 06-02, 10-01…10-03, 10-06…10-08", "01-26, 02-08, 04-27, 09-28, 10-11" },
        { 2026, "01-01, 01-02, 02-16…02-20, 02-23, 04-06, 05-01, 05-04, 05-05, 06-19, 09-25, 10-01, 10-02, 10-05…10-07", "01-04, 02-14, 02-28, 05-09, 09-20, 10-10" },
    };

    // the official spans, weekend days inside them included
    public static TheoryData<int, string> Spans => new()
    {
        { 2025, "元旦 01-01; 春节 01-28…02-04; 清明节 04-04…04-06; 劳动节 05-01…05-05; 端午节 05-31…06-02; 国庆节、中秋节 10-01…10-08" },
        { 2026, "元旦 01-01…01-03; 春节 02-15…02-23; 清明节 04-04…04-06; 劳动节 05-01…05-05; 端午节 06-19…06-21; 中秋节 09-25…09-27; 国庆节 10-01…10-07" },
    };

    [Fact]
    public void Every_shipped_file_is_a_valid_schedule_of_the_year_its_name_says()
    {
        var files = ShippedCalendars.Files();
        Assert.Equal(["cn-2025.json", "cn-2026.json"], files.Select(f => f.Name));
        foreach (var file in files)
        {
            Assert.Equal($"cn-{file.Year}.json", file.Name);
            Assert.Empty(CalendarYearValidator.Validate(file.Year, file.Input).Errors);
            Assert.StartsWith("国务院办公厅关于", file.Input.Source);
        }
    }

    [Theory]
    [MemberData(nameof(MissionTable))]
    public void Weekday_holidays_and_weekend_workdays_are_exactly_the_mission_table(int year, string weekdayHolidays, string weekendWorkdays)
    {
        var schedule = ShippedCalendars.Year(year);

        Assert.Equal(Expand(year, weekdayHolidays), schedule.Holidays.Select(d => d.Date).Where(d => !IsWeekend(d)));
        Assert.Equal(Expand(year, weekendWorkdays), schedule.Workdays.Select(d => d.Date));
        Assert.All(schedule.Workdays, d => Assert.True(IsWeekend(d.Date), $"{d.Date} is listed as a working day but is not a weekend day."));
    }

    [Theory]
    [MemberData(nameof(Spans))]
    public void Holidays_list_every_day_of_each_official_span_with_its_chinese_name(int year, string spans)
    {
        var expected = spans.Split("; ")
            .Select(s => s.Split(' '))
            .SelectMany(p => Expand(year, p[1]).Select(d => new CalendarDay(d, p[0])));

        Assert.Equal(expected, ShippedCalendars.Year(year).Holidays);
    }

    [Theory]
    [InlineData(2025, "春节调休上班", "01-26, 02-08")]
    [InlineData(2025, "劳动节调休上班", "04-27")]
    [InlineData(2025, "国庆节、中秋节调休上班", "09-28, 10-11")]
    [InlineData(2026, "元旦调休上班", "01-04")]
    [InlineData(2026, "春节调休上班", "02-14, 02-28")]
    [InlineData(2026, "劳动节调休上班", "05-09")]
    [InlineData(2026, "国庆节调休上班", "09-20, 10-10")]
    public void Adjusted_working_days_are_named_after_the_holiday_they_pay_for(int year, string name, string dates) =>
        Assert.Equal(Expand(year, dates), ShippedCalendars.Year(year).Workdays.Where(d => d.Name == name).Select(d => d.Date));

    static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>"01-01, 01-28…01-31" as the dates it names, in order.</summary>
    static List<DateOnly> Expand(int year, string text) =>
        text.Split(", ").SelectMany(part =>
        {
            var ends = part.Split('…').Select(md => DateOnly.ParseExact($"{year}-{md}", "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
            var (first, last) = (ends[0], ends[^1]);
            return Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays);
        }).ToList();
}
