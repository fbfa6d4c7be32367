using System.Globalization;
using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Liaison;

/// <summary>The shape rules of what people send about liaison points; what needs the database is checked beside it.</summary>
public static partial class LiaisonPointRules
{
    public const int MaxWorkGroup = 50;
    public const int MaxTargets = 50;
    public const int MaxProblemsPerVisit = 50;
    public const int MaxNameLength = 50;
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 2000;
    public const int MaxSummaryLength = 4000;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
    private static partial Regex TargetCodePattern();

    public static IReadOnlyList<FieldError> CheckPoint(LiaisonPointInput input, out IReadOnlyList<TargetPlan> targets)
    {
        var errors = new List<FieldError>();
        Required(errors, "/leaderUsername", input.LeaderUsername);
        Required(errors, "/communityCode", input.CommunityCode);
        Required(errors, "/backingUnitCode", input.BackingUnitCode);
        if (input.Year is null) errors.Add(new("/year", "year is required."));
        else if (!Years.IsValid(input.Year.Value)) errors.Add(new("/year", Years.Problem));

        if (input.WorkGroup is not { Count: > 0 }) errors.Add(new("/workGroup", "A point needs its work group: at least one member with a name and a role."));
        else if (input.WorkGroup.Count > MaxWorkGroup) errors.Add(new("/workGroup", $"At most {MaxWorkGroup} work-group members."));
        else
            for (var i = 0; i < input.WorkGroup.Count; i++)
            {
                var member = input.WorkGroup[i];
                if (member is null) { errors.Add(new($"/workGroup/{i}", "A member is an object with a name and a role.")); continue; }
                Line(errors, $"/workGroup/{i}/name", member.Name, MaxNameLength);
                Line(errors, $"/workGroup/{i}/role", member.Role, MaxNameLength);
            }

        var plans = new List<TargetPlan>();
        if (input.Targets is not { Count: > 0 }) errors.Add(new("/targets", "A point needs at least one target with a code, a title and a due date."));
        else if (input.Targets.Count > MaxTargets) errors.Add(new("/targets", $"At most {MaxTargets} targets."));
        else
        {
            var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < input.Targets.Count; i++)
            {
                var target = CheckTarget(input.Targets[i], input.Year, $"/targets/{i}", errors);
                if (target is null) continue;
                if (codes.Add(target.Code)) plans.Add(target);
                else errors.Add(new($"/targets/{i}/code", $"Target code '{target.Code}' appears twice."));
            }
        }
        targets = plans;
        return errors;
    }

    /// <summary>A target to add to a point of <paramref name="year"/>; null (with errors) when it breaks a rule.</summary>
    public static TargetPlan? CheckTarget(TargetInput? input, int? year, string at, List<FieldError> errors)
    {
        if (input is null) { errors.Add(new(at, "A target is an object with a code, a title and a due date.")); return null; }
        var before = errors.Count;
        var code = input.Code?.Trim();
        if (string.IsNullOrEmpty(code)) errors.Add(new($"{at}/code", "code is required."));
        else if (!TargetCodePattern().IsMatch(code)) errors.Add(new($"{at}/code", "code must be 1-32 characters of letters, digits, '.', '_' or '-'."));
        Line(errors, $"{at}/title", input.Title, MaxTitleLength);
        var dueOn = Date(errors, $"{at}/dueOn", input.DueOn);
        if (dueOn is { } d && year is { } y && Years.IsValid(y) && d.Year != y)
            errors.Add(new($"{at}/dueOn", $"A target of a {y} point is due within {y}."));
        return errors.Count == before ? new TargetPlan(code!, input.Title!.Trim(), dueOn!.Value) : null;
    }

    /// <summary>
    /// A visit to a point of <paramref name="year"/>: on a day of that year, not after today; problems due on or after it.
    /// A visit made before the point was set up in the product is recorded after the fact (补录): the liaison point
    /// existed before its record did.
    /// </summary>
    public static IReadOnlyList<FieldError> CheckVisit(VisitInput input, int year, DateOnly today, out DateOnly visitedOn, out IReadOnlyList<ProblemPlan> problems)
    {
        var errors = new List<FieldError>();
        var day = Date(errors, "/visitedOn", input.VisitedOn);
        if (day is { } v && v.Year != year) errors.Add(new("/visitedOn", $"A visit to a {year} point falls within {year}."));
        else if (day > today) errors.Add(new("/visitedOn", "A visit is recorded once it has taken place, not ahead of time."));
        Text(errors, "/summary", input.Summary, MaxSummaryLength);
        var plans = new List<ProblemPlan>();
        if (input.Problems is { Count: > MaxProblemsPerVisit }) errors.Add(new("/problems", $"At most {MaxProblemsPerVisit} problems per visit."));
        else
            for (var i = 0; i < (input.Problems?.Count ?? 0); i++)
            {
                var problem = input.Problems![i];
                var at = $"/problems/{i}";
                if (problem is null) { errors.Add(new(at, "A problem is an object with a description and a due date.")); continue; }
                var before = errors.Count;
                Text(errors, $"{at}/description", problem.Description, MaxTextLength);
                var dueOn = Date(errors, $"{at}/dueOn", problem.DueOn);
                if (dueOn < day) errors.Add(new($"{at}/dueOn", "A problem cannot be due before the visit that found it."));
                if (errors.Count == before)
                    plans.Add(new ProblemPlan(i, problem.Description!.Trim(), dueOn!.Value, string.IsNullOrWhiteSpace(problem.OwnerUnitCode) ? null : problem.OwnerUnitCode.Trim()));
            }
        visitedOn = day ?? default;
        problems = plans;
        return errors;
    }

    public static IReadOnlyList<FieldError> CheckProgress(TargetProgressInput input)
    {
        var errors = new List<FieldError>();
        if (input.Progress is null) errors.Add(new("/progress", "progress is required (0-100)."));
        else if (input.Progress is < 0 or > TargetProgress.Complete) errors.Add(new("/progress", "progress must be between 0 and 100."));
        Note(errors, input.Note);
        return errors;
    }

    /// <summary>The status asked for; a resolution needs a note saying how the problem was solved.</summary>
    public static IReadOnlyList<FieldError> CheckStatus(ProblemStatusInput input, out ProblemStatus status)
    {
        var errors = new List<FieldError>();
        status = ProblemStatus.Open;
        if (!EnumText.TryParse(input.Status, out status))
            errors.Add(new("/status", $"status must be one of {EnumText.Expected<ProblemStatus>()}."));
        else if (status == ProblemStatus.Resolved && string.IsNullOrWhiteSpace(input.Note))
            errors.Add(new("/note", "A resolved problem needs a note saying how it was solved."));
        Note(errors, input.Note);
        return errors;
    }

    static void Required(List<FieldError> errors, string at, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(at, $"{at[1..]} is required."));
    }

    /// <summary>A required name or title: one line (<see cref="PlainText"/>).</summary>
    static void Line(List<FieldError> errors, string at, string? value, int max) => Text(errors, at, value, max, multiline: false);

    static void Text(List<FieldError> errors, string at, string? value, int max, bool multiline = true)
    {
        var name = at[(at.LastIndexOf('/') + 1)..];
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(at, $"{name} is required."));
        else if (value.Trim().Length > max) errors.Add(new(at, $"{name} must be at most {max} characters."));
        else if (PlainText.Problem(value, multiline) is { } problem) errors.Add(new(at, problem));
    }

    static void Note(List<FieldError> errors, string? note)
    {
        if (note is { Length: > MaxTextLength }) errors.Add(new("/note", $"note must be at most {MaxTextLength} characters."));
        else if (PlainText.Problem(note, multiline: true) is { } problem) errors.Add(new("/note", problem));
    }

    /// <summary>
    /// A date within the years the product works in (<see cref="Years"/>): a due date in year 9999 would
    /// overflow every deadline computed from it (the end of its day, its reminders, its escalation).
    /// </summary>
    static DateOnly? Date(List<FieldError> errors, string at, string? value)
    {
        var name = at[(at.LastIndexOf('/') + 1)..];
        if (string.IsNullOrWhiteSpace(value)) { errors.Add(new(at, $"{name} is required (YYYY-MM-DD).")); return null; }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors.Add(new(at, $"{name} must be a date written YYYY-MM-DD."));
        else if (!Years.IsValid(date.Year))
            errors.Add(new(at, $"{name} must lie between {Years.Min}-01-01 and {Years.Max}-12-31."));
        else
            return date;
        return null;
    }
}
