using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Tests.Meetings;

public class CadenceScheduleTests
{
    static readonly DateTimeOffset Now = ChinaTime.At(new DateOnly(2026, 5, 12), 10);

    static CadenceSchedule Quarterly => CadenceSchedule.Of("0 9 1 1,4,7,10 *", ChinaTime.ZoneId);

    [Fact]
    public void A_quarterly_occurrence_opens_its_quarter_at_nine_in_china_time()
    {
        var april = Quarterly.NextAfter(ChinaTime.At(new DateOnly(2026, 3, 31), 23))!.Value;
        Assert.Equal(ChinaTime.At(new DateOnly(2026, 4, 1), 9), april);
        Assert.Equal(new MeetingPeriod(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)), Quarterly.PeriodOf(april));
        Assert.Equal("2026年第2季度", Quarterly.PeriodOf(april).Label());
    }

    [Fact]
    public void Half_years_months_and_odd_periods_are_named_as_people_name_them()
    {
        var semiannual = CadenceSchedule.Of("0 9 1 1,7 *", ChinaTime.ZoneId);
        Assert.Equal("2026年下半年", semiannual.PeriodOf(ChinaTime.At(new DateOnly(2026, 7, 1), 9)).Label());
        Assert.Equal(new DateOnly(2026, 12, 31), semiannual.PeriodOf(ChinaTime.At(new DateOnly(2026, 7, 1), 9)).End);
        Assert.Equal("2026年2月", CadenceSchedule.Of("0 9 1 * *", ChinaTime.ZoneId).PeriodOf(ChinaTime.At(new DateOnly(2026, 2, 1), 9)).Label());
        Assert.Equal("2026年3月2日至2026年3月8日", CadenceSchedule.Of("0 9 * * 1", ChinaTime.ZoneId).PeriodOf(ChinaTime.At(new DateOnly(2026, 3, 2), 9)).Label());
    }

    [Fact]
    public void A_cadence_that_never_ran_opens_the_current_period_while_it_lasts_then_each_next_one()
    {
        Assert.Equal(ChinaTime.At(new DateOnly(2026, 4, 1), 9), Quarterly.Pending(null, Now));
        // before 09:00 on 1 January the fourth quarter has ended: the first to open is the new one
        Assert.Equal(ChinaTime.At(new DateOnly(2027, 1, 1), 9), Quarterly.Pending(null, ChinaTime.At(new DateOnly(2027, 1, 1), 8)));
        Assert.Equal(ChinaTime.At(new DateOnly(2026, 7, 1), 9), Quarterly.Pending(ChinaTime.At(new DateOnly(2026, 4, 1), 9), Now));
    }

    [Theory]
    [InlineData("0 9 1 1,4,7,10", "/cron")]
    [InlineData("0 0 9 1 1,4,7,10 *", "/cron")]
    [InlineData("0 9 31 2 *", "/cron")]
    [InlineData("0 */6 * * *", "/cron")]
    [InlineData("every quarter", "/cron")]
    [InlineData("", "/cron")]
    public void A_cron_that_is_not_five_fields_never_occurs_or_occurs_twice_a_day_is_refused(string cron, string field)
    {
        var errors = new List<FieldError>();
        Assert.Null(CadenceSchedule.Create(cron, ChinaTime.ZoneId, Now, errors));
        Assert.Equal([field], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("@yearly")]
    [InlineData("@daily")]
    [InlineData("0 9 L * *")]
    [InlineData("0 9 15W * *")]
    [InlineData("0 9 ? * 1#1")]
    [InlineData("0 9 * * 1#1")]
    [InlineData("0 9 * * 5L")]
    [InlineData("0 9 1 JAN,JUL *")]
    [InlineData("0 9 * * MON")]
    [InlineData("0 0 9 1 1 ?")]
    [InlineData("0 9 1 1/3 *")]
    [InlineData("0 9 1 1,4,7,10 * 2026")]
    public void Macros_names_and_the_quartz_extensions_are_refused_saying_what_is_accepted(string cron)
    {
        var errors = new List<FieldError>();
        Assert.Null(CadenceSchedule.Create(cron, ChinaTime.ZoneId, Now, errors));
        var error = Assert.Single(errors);
        Assert.Equal("/cron", error.Field);
        Assert.Contains("minute hour day-of-month month day-of-week", error.Message);
        Assert.Contains("@yearly", error.Message);
    }

    [Theory]
    [InlineData("0 9 1 1,4,7,10 *")]
    [InlineData("0 9 1 1,7 *")]
    [InlineData("0 9 1 * *")]
    [InlineData("30  8 1 */3 *")]
    [InlineData("0 9 1-7 1-12/3 1")]
    [InlineData("0 9 * * 0")]
    [InlineData("0 9 * * 7")]
    [InlineData("0 9 * * 1,3,5")]
    public void Numbers_stars_ranges_steps_and_lists_are_accepted(string cron)
    {
        var errors = new List<FieldError>();
        Assert.NotNull(CadenceSchedule.Create(cron, ChinaTime.ZoneId, Now, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_by_name_alongside_a_bad_cron()
    {
        var errors = new List<FieldError>();
        Assert.Null(CadenceSchedule.Create("61 9 1 * *", "Asia/Beijing", Now, errors));
        Assert.Equal(["/timeZone", "/cron"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_cadence_body_reports_every_broken_field_with_its_pointer()
    {
        var body = JsonDocument.Parse("""
            {"name": "", "appliesTo": "City", "cron": "0 9 1 1,4,7,10 *", "timeZone": "Mars/Olympus", "reminders": [0, 3, 3],
             "colour": "red"}
            """).RootElement;
        var (cadence, errors) = CadenceParser.Parse("Bad Key", body, Now);
        Assert.Null(cadence);
        Assert.Equal(new[] { "/appliesTo", "/colour", "/key", "/name", "/reminders/0", "/reminders/2", "/timeZone" }, errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("District, Street")]
    [InlineData("2")]
    [InlineData("SeatedUnit")]
    public void AppliesTo_is_one_named_tier_never_a_number_or_a_combination(string appliesTo)
    {
        var body = JsonSerializer.SerializeToElement(new { name = "例会", appliesTo, cron = "0 9 1 1,4,7,10 *", timeZone = "Asia/Shanghai" });
        var (cadence, errors) = CadenceParser.Parse("k", body, Now);
        Assert.Null(cadence);
        Assert.Equal("/appliesTo", Assert.Single(errors).Field);
        var (street, _) = CadenceParser.Parse("k", JsonSerializer.SerializeToElement(new { name = "例会", appliesTo = "street", cron = "0 9 1 1,4,7,10 *", timeZone = "Asia/Shanghai" }), Now);
        Assert.Equal(OrgUnitKind.Street, street!.AppliesTo);
    }

    [Fact]
    public void A_cadence_takes_reminders_as_a_list_or_as_templates_write_them_and_defaults_its_escalation()
    {
        var (street, _) = CadenceParser.Parse("s", JsonDocument.Parse("""{"name": "例会", "appliesTo": "Street", "cron": "0 9 1 1,4,7,10 *", "timeZone": "Asia/Shanghai", "reminders": [3, 14]}""").RootElement, Now);
        Assert.Equal([14, 3], street!.Reminders.DaysBefore);
        Assert.Equal("firstResponsible", Assert.Single(street.Escalation).To);
        var (district, _) = CadenceParser.Parse("d", JsonDocument.Parse("""{"name": "例会", "appliesTo": "District", "cron": "0 9 1 1,7 *", "timeZone": "Asia/Shanghai", "reminders": {"daysBefore": [30]}}""").RootElement, Now);
        Assert.Equal([30], district!.Reminders.DaysBefore);
        Assert.Empty(district.Escalation);
        Assert.Equal(OrgUnitKind.District, district.AppliesTo);
        var (_, errors) = CadenceParser.Parse("d", JsonDocument.Parse("""{"name": "例会", "appliesTo": "District", "cron": "0 9 1 1,7 *", "timeZone": "Asia/Shanghai", "escalation": [{"afterWorkdays": 5, "to": "directResponsible"}]}""").RootElement, Now);
        Assert.Equal("/escalation/0/to", Assert.Single(errors).Field);
    }
}
