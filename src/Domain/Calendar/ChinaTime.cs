using System.Globalization;

namespace CommunityWorkflows.Domain.Calendar;

/// <summary>Deadlines, meetings and recurring jobs are reckoned in China Standard Time (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    public const string ZoneId = "Asia/Shanghai";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    public static DateTimeOffset ToChina(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant in China time as the API writes it (<c>2026-03-31T23:59:59+08:00</c>), for messages.</summary>
    public static string Text(DateTimeOffset instant) =>
        instant.ToChina().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>The calendar date in China at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToChina().DateTime);

    /// <summary><paramref name="date"/> at <paramref name="hour"/>:00 China time, as a UTC instant (what PostgreSQL stores).</summary>
    public static DateTimeOffset At(DateOnly date, int hour = 0) =>
        new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, 0)), Zone.GetUtcOffset(date.ToDateTime(new TimeOnly(hour, 0)))).ToUniversalTime();

    /// <summary>The last second of <paramref name="date"/> in China: "due by 06-30" means by 06-30 23:59:59.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => At(date.AddDays(1)).AddSeconds(-1);
}
