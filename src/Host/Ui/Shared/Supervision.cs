using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Runtime;

namespace CommunityWorkflows.Host.Ui.Shared;

/// <summary>督查督办 colours, the same on every page.</summary>
public enum SupervisionColour
{
    /// <summary>Nothing to say yet.</summary>
    None,
    /// <summary>Due within its reminder window.</summary>
    Blue,
    /// <summary>Behind: returned, or a stage behind the cycle.</summary>
    Yellow,
    /// <summary>Overdue.</summary>
    Red,
    /// <summary>Done.</summary>
    Green,
}

/// <summary>Working days left or late before a due date, counted with the business calendar.</summary>
/// <param name="Days">Positive: working days left (0 = due today); negative: working days late.</param>
/// <param name="Assumed">A year between today and the due date has no loaded holiday schedule (weekends only).</param>
public sealed record Countdown(int Days, bool Assumed);

public static class Supervision
{
    /// <summary>How many working days before a due date a task turns blue when its template names no reminder.</summary>
    public const int DefaultWindow = 3;

    public static SupervisionColour Of(TaskState state, DateTimeOffset? dueAt, DateTimeOffset now, Countdown? countdown, int window = DefaultWindow) => state switch
    {
        TaskState.Accepted => SupervisionColour.Green,
        TaskState.Cancelled or TaskState.Pending => SupervisionColour.None,
        _ when TaskStates.IsOverdue(state, dueAt, now) => SupervisionColour.Red,
        TaskState.Returned => SupervisionColour.Yellow,
        _ when countdown is { Days: var d } && d <= window => SupervisionColour.Blue,
        _ => SupervisionColour.None,
    };

    /// <summary>Working days from <paramref name="today"/> to <paramref name="due"/>: left (≥ 0) or late (&lt; 0).</summary>
    public static Countdown Count(BusinessCalendar calendar, DateOnly today, DateOnly due)
    {
        var (from, to, sign) = due >= today ? (today, due, 1) : (due, today, -1);
        var days = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (calendar.IsWorkday(d)) days++;
        var assumed = Enumerable.Range(from.Year, to.Year - from.Year + 1).Any(y => !calendar.IsLoaded(y));
        return new Countdown(sign * days, assumed);
    }

    public static string CssText(SupervisionColour colour) => colour == SupervisionColour.None ? "" : $"cw-sup-{colour.ToString().ToLowerInvariant()}";

    public static string CssCell(SupervisionColour colour) => colour == SupervisionColour.None ? "" : $"cw-cell-{colour.ToString().ToLowerInvariant()}";

    /// <summary>AntDesign tag colour of a supervision colour.</summary>
    public static string TagColour(SupervisionColour colour) => colour switch
    {
        SupervisionColour.Blue => "blue",
        SupervisionColour.Yellow => "gold",
        SupervisionColour.Red => "red",
        SupervisionColour.Green => "green",
        _ => "default",
    };
}
