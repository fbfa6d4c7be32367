using System.Text.RegularExpressions;

namespace CommunityWorkflows.Domain.Meetings;

/// <summary>
/// The cron a cadence is written in: five fields (minute hour day-of-month month day-of-week), each a number, <c>*</c>,
/// a range <c>1-5</c>, a step over <c>*</c> or a range (<c>*/2</c>, <c>1-12/3</c>), or a comma-separated list of
/// these. Numbers only: Cronos would also take month and day names, macros (<c>@yearly</c>), <c>L</c>, <c>W</c>,
/// <c>#</c>, <c>?</c> and a seconds field, which read differently in every other cron a person knows.
/// </summary>
public static partial class FiveFieldCron
{
    public const string Accepted =
        "five fields separated by spaces — minute hour day-of-month month day-of-week — each a number, *, a range (1-5), " +
        "a step over * or a range (*/2, 1-12/3), or a comma-separated list of these (1,4,7,10); day-of-week 0-7, 0 and 7 being Sunday";

    const string NotAccepted = "month and day names (JAN, MON), macros (@yearly, @daily), L, W, #, ? and a seconds field are not accepted";

    static readonly string[] FieldNames = ["minute", "hour", "day-of-month", "month", "day-of-week"];

    [GeneratedRegex(@"^(\*|[0-9]{1,2}(-[0-9]{1,2}(/[0-9]{1,2})?)?|\*/[0-9]{1,2})(,(\*|[0-9]{1,2}(-[0-9]{1,2}(/[0-9]{1,2})?)?|\*/[0-9]{1,2}))*$")]
    private static partial Regex FieldPattern();

    /// <summary>Why <paramref name="cron"/> is not written in the accepted form, or null when it is (its values are Cronos's to check).</summary>
    public static string? Problem(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != FieldNames.Length)
            return $"'{cron}' has {fields.Length} field{(fields.Length == 1 ? "" : "s")}; a cadence's cron is {Accepted}; {NotAccepted}.";
        for (var i = 0; i < fields.Length; i++)
            if (!FieldPattern().IsMatch(fields[i]))
                return $"'{cron}': the {FieldNames[i]} field '{fields[i]}' is not accepted; a cadence's cron is {Accepted}; {NotAccepted}.";
        return null;
    }
}
