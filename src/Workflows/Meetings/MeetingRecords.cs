using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Timers;
using Microsoft.Extensions.Logging;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>
/// Recording a held meeting: the day (inside its period), attendees, topics, minutes and decisions close the
/// obligation (Held) and stop its timers. Recorded after the due time, it stays marked late.
/// </summary>
public sealed class MeetingRecords(CommandRunner commands, MeetingQueries queries, ILogger<MeetingRecords> logger)
{
    /// <summary>The actor of what the cadences do by themselves, in the journal.</summary>
    public const string SystemActor = "meetings";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MeetingDetail> RecordAsync(long meetingId, JsonElement body, Caller caller, CancellationToken ct)
    {
        var (meeting, heldOn, late) = await commands.RunAsync(caller, scope => RecordInAsync(scope, meetingId, body, caller), ct);
        logger.LogInformation("Meeting {MeetingId} of {Unit} ({Period}) recorded by {User}, held on {HeldOn}{Late}",
            meetingId, meeting.Units.ParticipantCode, meeting.Period.Label(), caller.Username, heldOn, late ? ", late" : "");
        return await queries.GetAsync(meetingId, caller, ct);
    }

    static async Task<(MeetingContext Meeting, DateOnly HeldOn, bool Late)> RecordInAsync(CommandScope scope, long meetingId, JsonElement body, Caller caller)
    {
        var meeting = await MeetingContext.LockAsync(scope.Transaction, meetingId, caller, scope.Cancellation);
        if (!meeting.CanRecord(caller))
            throw new ForbiddenException(Say.Text($"Only the people answering for {meeting.UnitName}'s meetings may record them.", $"只有负责{meeting.UnitName}会议的人员才能登记会议记录。"));
        if (meeting.Status == "Held")
            throw new ConflictException(Say.Text($"Meeting {meetingId} is already recorded as held.", $"会议 {meetingId} 已登记为已召开。"));
        var now = scope.Now;
        var minutes = MeetingMinutes.Parse(body, meeting.Period, ChinaTime.DateOf(now));
        var late = now > meeting.DueAt;
        await scope.ExecuteAsync(
            """
            update meeting set status = 'Held', held_on = @heldOn, attendees = @attendees::jsonb, topics = @topics::jsonb, minutes = @minutes,
                               decisions = @decisions::jsonb, recorded_at = @now, recorded_by = @by, late = @late
            where id = @meetingId
            """,
            new
            {
                meetingId, minutes.HeldOn, attendees = JsonSerializer.Serialize(minutes.Attendees, Json), topics = JsonSerializer.Serialize(minutes.Topics, Json),
                minutes = minutes.Minutes, decisions = JsonSerializer.Serialize(minutes.Decisions, Json), now, by = caller.Username, late,
            });
        await DeadlineTimers.CancelAsync(scope.Transaction, MeetingTimers.Target, meetingId, now, scope.Cancellation);
        scope.Journal(new JournalDraft(JournalStreams.Meeting(meetingId), "MeetingRecorded", $"meeting:{meetingId}", new
        {
            unitCode = meeting.Units.ParticipantCode, period = meeting.Period.Label(), heldOn = minutes.HeldOn, attendees = minutes.Attendees.Count,
            minutes.Topics, minutes.Decisions, late,
        }));
        return (meeting, minutes.HeldOn, late);
    }
}
