using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Calendar;

/// <summary>The years the product works in: cycles, meetings, liaison points, calendars of the working year.</summary>
public static class Years
{
    public const int Min = 2000;
    public const int Max = 2100;

    public static bool IsValid(int year) => year is >= Min and <= Max;

    public static string Problem => Say.Text($"year must be between {Min} and {Max}.", $"年度须在 {Min} 至 {Max} 之间。");
}
