using System.Globalization;
using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Host.Ui.Shared;

/// <summary>How dates, times and numbers are written for people: 2027年1月20日 in Chinese, 2027-01-20 in English, China time.</summary>
public static class Show
{
    static bool Chinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string Date(DateOnly date) =>
        Chinese ? $"{date.Year}年{date.Month}月{date.Day}日" : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? instant) => instant is { } i ? Date(ChinaTime.DateOf(i)) : "—";

    public static string DateTime(DateTimeOffset? instant) =>
        instant is { } i ? $"{Date(ChinaTime.DateOf(i))} {i.ToChina():HH:mm}" : "—";

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.CurrentCulture) : "—";
}
