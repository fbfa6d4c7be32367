namespace CommunityWorkflows.Workflows.Timers;

/// <summary>
/// The idempotency key of a timer, written once for C# and for SQL: <c>target:id:kind:step</c> (the target kind in lower
/// case), then <c>:r&lt;round&gt;</c> for a later round of a task's deadline or <c>:&lt;occasion&gt;</c> for a one-off timer
/// whose step recurs — e.g. <c>task:12:Reminder:3</c>, <c>task:12:Overdue:0:r2</c>, <c>liaisonpoint:4:VisitDue:1:start</c>.
/// A stage's opening is keyed by its cycle: <c>cycle:&lt;id&gt;:stage:&lt;n&gt;</c>. The keys are stored, so their format never changes.
/// </summary>
public static class TimerKeys
{
    const string Separator = ":";

    public static string Key(string targetKind, long targetId, string kind, int step, string? occasion = null) =>
        string.Join(Separator, targetKind.ToLowerInvariant(), targetId, kind, step) + (occasion is null ? "" : Separator + occasion);

    /// <summary>The occasion of a deadline's <paramref name="round"/>: none for the first, <c>r2</c>, <c>r3</c>... after.</summary>
    public static string? Round(int round) => round > 1 ? $"r{round}" : null;

    /// <summary>The key of the timer that opens stage <paramref name="stage"/> of cycle <paramref name="cycleId"/>.</summary>
    public static string StageOpen(long cycleId, int stage) => string.Join(Separator, "cycle", cycleId, "stage", stage);

    /// <summary>
    /// The same key as <see cref="Key"/>, as a SQL expression over the given SQL expressions (<paramref name="targetKind"/>
    /// not yet lower-cased; <paramref name="round"/> an integer expression, or null when there is only one round).
    /// </summary>
    public static string Sql(string targetKind, string targetId, string kind, string step, string? round = null) =>
        $"lower({targetKind}) || '{Separator}' || {targetId} || '{Separator}' || {kind} || '{Separator}' || {step}"
        + (round is null ? "" : $" || case when {round} > 1 then '{Separator}r' || {round} else '' end");
}
