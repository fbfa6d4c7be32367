namespace CommunityWorkflows.Domain.Meetings;

/// <summary>The days a meeting obligation covers: from its occurrence's date to the day before the next one.</summary>
public sealed record MeetingPeriod(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>The period as people name it: 2026年1月, 2026年第2季度, 2026年上半年, 2026年度, or the two dates.</summary>
    public string Label()
    {
        var wholeMonths = Start.Day == 1 && End.AddDays(1).Day == 1;
        var months = (End.Year - Start.Year) * 12 + End.Month - Start.Month + 1;
        return (wholeMonths, months, Start.Month) switch
        {
            (true, 1, _) => $"{Start.Year}年{Start.Month}月",
            (true, 3, 1 or 4 or 7 or 10) => $"{Start.Year}年第{(Start.Month + 2) / 3}季度",
            (true, 6, 1) => $"{Start.Year}年上半年",
            (true, 6, 7) => $"{Start.Year}年下半年",
            (true, 12, 1) => $"{Start.Year}年度",
            _ => $"{Start:yyyy年M月d日}至{End:yyyy年M月d日}",
        };
    }
}
