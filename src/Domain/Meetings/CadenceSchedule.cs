using Cronos;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Meetings;

/// <summary>
/// When a meeting cadence occurs: a five-field cron (<see cref="FiveFieldCron"/>) read in a time zone (Cronos, the
/// parser Hangfire uses), and the period each occurrence opens — from its date to the day before the next occurrence's date.
/// </summary>
public sealed class CadenceSchedule
{
    /// <summary>How far back the occurrence before an instant is looked for: a cadence occurs at least once a year.</summary>
    public const int MaxDaysBetweenOccurrences = 366;

    readonly CronExpression expression;

    CadenceSchedule(string cron, CronExpression expression, TimeZoneInfo zone) => (Cron, this.expression, Zone) = (cron, expression, zone);

    public string Cron { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The schedule, or null with errors on <c>/cron</c> and <c>/timeZone</c> when either is unusable.</summary>
    public static CadenceSchedule? Create(string? cron, string? timeZone, DateTimeOffset from, List<FieldError> errors)
    {
        var zone = ReadZone(timeZone, errors);
        var expression = ReadExpression(cron, errors);
        if (zone is null || expression is null) return null;
        var schedule = new CadenceSchedule(cron!.Trim(), expression, zone);
        if (schedule.Problem(from) is { } problem)
        {
            errors.Add(new FieldError("/cron", problem));
            return null;
        }
        return schedule;
    }

    /// <summary>A schedule already validated (read back from the store).</summary>
    public static CadenceSchedule Of(string cron, string timeZone) =>
        new(cron, CronExpression.Parse(cron, CronFormat.Standard), TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    static TimeZoneInfo? ReadZone(string? timeZone, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
            errors.Add(new FieldError("/timeZone", Say.Text("timeZone is required (an IANA time zone such as Asia/Shanghai).", "时区为必填项（IANA 时区，如 Asia/Shanghai）。")));
        else if (TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
            return zone;
        else
            errors.Add(new FieldError("/timeZone", Say.Text($"'{timeZone}' is not a time zone this server knows (use an IANA id such as Asia/Shanghai).", $"服务器无法识别时区“{timeZone}”（请使用 IANA 时区，如 Asia/Shanghai）。")));
        return null;
    }

    static CronExpression? ReadExpression(string? cron, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            errors.Add(new FieldError("/cron", Say.Text($"cron is required: {FiveFieldCron.Accepted}.", $"cron 表达式为必填项：{FiveFieldCron.Accepted}。")));
            return null;
        }
        if (FiveFieldCron.Problem(cron.Trim()) is { } problem)
        {
            errors.Add(new FieldError("/cron", problem));
            return null;
        }
        try
        {
            return CronExpression.Parse(cron.Trim(), CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            errors.Add(new FieldError("/cron", Say.Text($"'{cron}' is not a valid cron expression: {e.Message}", $"“{cron}”不是有效的 cron 表达式：{e.Message}")));
            return null;
        }
    }

    /// <summary>A cadence occurs at least once a year and at most once a day, so that every period is one or more whole days.</summary>
    string? Problem(DateTimeOffset from)
    {
        var previous = NextAfter(from);
        if (previous is null || previous > from.AddDays(MaxDaysBetweenOccurrences))
            return Say.Text($"'{Cron}' does not occur within a year; a meeting cadence occurs at least once a year.", $"“{Cron}”在一年内不会出现；例会每年至少召开一次。");
        for (var i = 0; i < 24; i++)
        {
            var next = NextAfter(previous.Value);
            if (next is null || next > previous.Value.AddDays(MaxDaysBetweenOccurrences))
                return Say.Text($"'{Cron}' leaves more than a year between occurrences; a meeting cadence occurs at least once a year.", $"“{Cron}”两次之间相隔超过一年；例会每年至少召开一次。");
            if (DateOf(next.Value) == DateOf(previous.Value))
                return Say.Text($"'{Cron}' occurs more than once on {DateOf(next.Value):yyyy-MM-dd}; a meeting cadence occurs at most once a day.", $"“{Cron}”在 {DateOf(next.Value):yyyy-MM-dd} 出现多次；例会每天至多召开一次。");
            previous = next;
        }
        return null;
    }

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The first occurrence strictly after <paramref name="instant"/>, in UTC (what PostgreSQL stores).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) =>
        expression.GetNextOccurrence(instant.ToUniversalTime(), Zone, inclusive: false)?.ToUniversalTime();

    /// <summary>The last occurrence at or before <paramref name="instant"/>, looking back at most a year, in UTC.</summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset instant) =>
        expression.GetOccurrences(instant.ToUniversalTime().AddDays(-MaxDaysBetweenOccurrences), instant.ToUniversalTime(), Zone, fromInclusive: true, toInclusive: true)
            .Select(o => (DateTimeOffset?)o.ToUniversalTime()).LastOrDefault();

    /// <summary>The period the occurrence at <paramref name="occurrence"/> opens.</summary>
    public MeetingPeriod PeriodOf(DateTimeOffset occurrence)
    {
        var next = NextAfter(occurrence) ?? occurrence.AddDays(MaxDaysBetweenOccurrences);
        return new MeetingPeriod(DateOf(occurrence), DateOf(next).AddDays(-1));
    }

    /// <summary>
    /// The first occurrence a cadence that has never run opens: the current one, while its period lasts
    /// (a cadence added in May opens the second quarter), else the next.
    /// </summary>
    public DateTimeOffset? FirstPending(DateTimeOffset now) =>
        LatestAtOrBefore(now) is { } current && PeriodOf(current).End >= DateOf(now) ? current : NextAfter(now);

    /// <summary>The occurrence after <paramref name="lastOpened"/>, or the first one when nothing was opened yet.</summary>
    public DateTimeOffset? Pending(DateTimeOffset? lastOpened, DateTimeOffset now) =>
        lastOpened is { } last ? NextAfter(last) : FirstPending(now);
}
