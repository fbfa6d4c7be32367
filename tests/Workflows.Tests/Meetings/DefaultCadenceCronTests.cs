using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Workflows.Meetings;

namespace CommunityWorkflows.Workflows.Tests.Meetings;

public class DefaultCadenceCronTests
{
    public static TheoryData<string> Shipped => [.. DefaultCadences.All.Select(c => c.Key)];

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_shipped_and_preset_cadence_is_written_in_the_accepted_five_field_form(string key)
    {
        var cadence = DefaultCadences.All.Single(c => c.Key == key);
        var errors = new List<FieldError>();
        Assert.NotNull(CadenceSchedule.Create(cadence.Cron, ChinaTime.ZoneId, ChinaTime.At(new DateOnly(2026, 5, 12), 10), errors));
        Assert.Empty(errors);
    }
}
