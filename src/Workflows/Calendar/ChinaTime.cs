namespace CommunityWorkflows.Workflows.Calendar;

/// <summary>Deadlines, meetings and recurring jobs are reckoned in China Standard Time.</summary>
public static class ChinaTime
{
    public const string ZoneId = "Asia/Shanghai";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    public static DateTimeOffset ToChina(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}
