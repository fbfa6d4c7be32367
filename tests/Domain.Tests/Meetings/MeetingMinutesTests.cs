using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Meetings;

namespace CommunityWorkflows.Domain.Tests.Meetings;

public class MeetingMinutesTests
{
    static readonly MeetingPeriod Q1 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));

    static MeetingMinutes Parse(string json, DateOnly today) => MeetingMinutes.Parse(JsonDocument.Parse(json).RootElement, Q1, today);

    [Fact]
    public void A_meeting_held_inside_its_period_is_recorded_with_topics_as_one_text_or_a_list()
    {
        var minutes = Parse("""{"heldOn": "2026-03-20", "attendees": ["王书记", "李委员"], "topics": "研究社区党建工作", "minutes": "会议纪要……", "decisions": ["建立联系点台账"]}""", new DateOnly(2026, 4, 2));
        Assert.Equal(new DateOnly(2026, 3, 20), minutes.HeldOn);
        Assert.Equal(["研究社区党建工作"], minutes.Topics);
        Assert.Equal(["建立联系点台账"], minutes.Decisions);
    }

    [Theory]
    [InlineData("""{"heldOn": "2026-04-01", "attendees": ["王"], "topics": ["t"], "minutes": "m"}""", "/heldOn")]
    [InlineData("""{"heldOn": "2026-03-25", "attendees": ["王"], "topics": ["t"], "minutes": "m"}""", "/heldOn")]
    [InlineData("""{"heldOn": "20260320", "attendees": ["王"], "topics": ["t"], "minutes": "m"}""", "/heldOn")]
    [InlineData("""{"heldOn": "2026-03-20", "attendees": [], "topics": ["t"], "minutes": "m"}""", "/attendees")]
    [InlineData("""{"heldOn": "2026-03-20", "attendees": ["王", ""], "topics": ["t"], "minutes": "m"}""", "/attendees/1")]
    [InlineData("""{"heldOn": "2026-03-20", "attendees": ["王"], "topics": ["t"], "minutes": " "}""", "/minutes")]
    [InlineData("""{"heldOn": "2026-03-20", "attendees": ["王"], "topics": ["t"], "minutes": "m", "agenda": "x"}""", "/agenda")]
    public void Outside_the_period_in_the_future_or_incomplete_is_refused_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<RuleViolationException>(() => Parse(json, new DateOnly(2026, 3, 24)));
        Assert.Equal(field, Assert.Single(error.Errors).Field);
    }
}
