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
        if (input.Year is null) errors.Add(new("/year", Say.Text("year is required.", "年度为必填项。")));
        else if (!Years.IsValid(input.Year.Value)) errors.Add(new("/year", Years.Problem));

        if (input.WorkGroup is not { Count: > 0 }) errors.Add(new("/workGroup", Say.Text("A point needs its work group: at least one member with a name and a role.", "联系点须有工作组：至少一名填写了姓名和职务的成员。")));
        else if (input.WorkGroup.Count > MaxWorkGroup) errors.Add(new("/workGroup", Say.Text($"At most {MaxWorkGroup} work-group members.", $"工作组成员最多 {MaxWorkGroup} 名。")));
        else
            for (var i = 0; i < input.WorkGroup.Count; i++)
            {
                var member = input.WorkGroup[i];
                if (member is null) { errors.Add(new($"/workGroup/{i}", Say.Text("A member is an object with a name and a role.", "成员须包含姓名和职务。"))); continue; }
                Line(errors, $"/workGroup/{i}/name", member.Name, MaxNameLength);
                Line(errors, $"/workGroup/{i}/role", member.Role, MaxNameLength);
            }

        var plans = new List<TargetPlan>();
        if (input.Targets is not { Count: > 0 }) errors.Add(new("/targets", Say.Text("A point needs at least one target with a code, a title and a due date.", "联系点须至少有一项包含编号、名称和完成期限的工作目标。")));
        else if (input.Targets.Count > MaxTargets) errors.Add(new("/targets", Say.Text($"At most {MaxTargets} targets.", $"工作目标最多 {MaxTargets} 项。")));
        else
        {
            var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < input.Targets.Count; i++)
            {
                var target = CheckTarget(input.Targets[i], input.Year, $"/targets/{i}", errors);
                if (target is null) continue;
                if (codes.Add(target.Code)) plans.Add(target);
                else errors.Add(new($"/targets/{i}/code", Say.Text($"Target code '{target.Code}' appears twice.", $"工作目标编号“{target.Code}”重复。")));
            }
        }
        targets = plans;
        return errors;
    }

    /// <summary>A target to add to a point of <paramref name="year"/>; null (with errors) when it breaks a rule.</summary>
    public static TargetPlan? CheckTarget(TargetInput? input, int? year, string at, List<FieldError> errors)
    {
        if (input is null) { errors.Add(new(at, Say.Text("A target is an object with a code, a title and a due date.", "工作目标须包含编号、名称和完成期限。"))); return null; }
        var before = errors.Count;
        var code = input.Code?.Trim();
        if (string.IsNullOrEmpty(code)) errors.Add(new($"{at}/code", Say.Text("code is required.", "编号为必填项。")));
        else if (!TargetCodePattern().IsMatch(code)) errors.Add(new($"{at}/code", Say.Text("code must be 1-32 characters of letters, digits, '.', '_' or '-'.", "编号须为 1 至 32 个字符，只能使用字母、数字、“.”、“_”或“-”。")));
        Line(errors, $"{at}/title", input.Title, MaxTitleLength);
        var dueOn = Date(errors, $"{at}/dueOn", input.DueOn);
        if (dueOn is { } d && year is { } y && Years.IsValid(y) && d.Year != y)
            errors.Add(new($"{at}/dueOn", Say.Text($"A target of a {y} point is due within {y}.", $"{y} 年度联系点的工作目标须在 {y} 年内完成。")));
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
        if (day is { } v && v.Year != year) errors.Add(new("/visitedOn", Say.Text($"A visit to a {year} point falls within {year}.", $"{year} 年度联系点的走访日期须在 {year} 年内。")));
        else if (day > today) errors.Add(new("/visitedOn", Say.Text("A visit is recorded once it has taken place, not ahead of time.", "走访须在完成后登记，不能提前登记。")));
        Text(errors, "/summary", input.Summary, MaxSummaryLength);
        var plans = new List<ProblemPlan>();
        if (input.Problems is { Count: > MaxProblemsPerVisit }) errors.Add(new("/problems", Say.Text($"At most {MaxProblemsPerVisit} problems per visit.", $"每次走访最多登记 {MaxProblemsPerVisit} 个问题。")));
        else
            for (var i = 0; i < (input.Problems?.Count ?? 0); i++)
            {
                var problem = input.Problems![i];
                var at = $"/problems/{i}";
                if (problem is null) { errors.Add(new(at, Say.Text("A problem is an object with a description and a due date.", "问题须包含描述和解决期限。"))); continue; }
                var before = errors.Count;
                Text(errors, $"{at}/description", problem.Description, MaxTextLength);
                var dueOn = Date(errors, $"{at}/dueOn", problem.DueOn);
                if (dueOn < day) errors.Add(new($"{at}/dueOn", Say.Text("A problem cannot be due before the visit that found it.", "问题的解决期限不能早于发现该问题的走访日期。")));
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
        if (input.Progress is null) errors.Add(new("/progress", Say.Text("progress is required (0-100).", "进度为必填项（0 至 100）。")));
        else if (input.Progress is < 0 or > TargetProgress.Complete) errors.Add(new("/progress", Say.Text("progress must be between 0 and 100.", "进度须在 0 至 100 之间。")));
        Note(errors, input.Note);
        return errors;
    }

    /// <summary>The status asked for; a resolution needs a note saying how the problem was solved.</summary>
    public static IReadOnlyList<FieldError> CheckStatus(ProblemStatusInput input, out ProblemStatus status)
    {
        var errors = new List<FieldError>();
        status = ProblemStatus.Open;
        if (!EnumText.TryParse(input.Status, out status))
            errors.Add(new("/status", Say.Text($"status must be one of {EnumText.Expected<ProblemStatus>()}.", $"状态须为以下之一：{EnumText.Expected<ProblemStatus>()}。")));
        else if (status == ProblemStatus.Resolved && string.IsNullOrWhiteSpace(input.Note))
            errors.Add(new("/note", Say.Text("A resolved problem needs a note saying how it was solved.", "已解决的问题须填写说明，写明解决方式。")));
        Note(errors, input.Note);
        return errors;
    }

    static void Required(List<FieldError> errors, string at, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(at, Say.Text($"{at[1..]} is required.", $"{at[1..]} 为必填项。")));
    }

    /// <summary>A required name or title: one line (<see cref="PlainText"/>).</summary>
    static void Line(List<FieldError> errors, string at, string? value, int max) => Text(errors, at, value, max, multiline: false);

    static void Text(List<FieldError> errors, string at, string? value, int max, bool multiline = true)
    {
        var name = at[(at.LastIndexOf('/') + 1)..];
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(at, Say.Text($"{name} is required.", $"{name} 为必填项。")));
        else if (value.Trim().Length > max) errors.Add(new(at, Say.Text($"{name} must be at most {max} characters.", $"{name} 不能超过 {max} 个字符。")));
        else if (PlainText.Problem(value, multiline) is { } problem) errors.Add(new(at, problem));
    }

    static void Note(List<FieldError> errors, string? note)
    {
        if (note is { Length: > MaxTextLength }) errors.Add(new("/note", Say.Text($"note must be at most {MaxTextLength} characters.", $"说明不能超过 {MaxTextLength} 个字符。")));
        else if (PlainText.Problem(note, multiline: true) is { } problem) errors.Add(new("/note", problem));
    }

    /// <summary>
    /// A date within the years the product works in (<see cref="Years"/>): a due date in year 9999 would
    /// overflow every deadline computed from it (the end of its day, its reminders, its escalation).
    /// </summary>
    static DateOnly? Date(List<FieldError> errors, string at, string? value)
    {
        var name = at[(at.LastIndexOf('/') + 1)..];
        if (string.IsNullOrWhiteSpace(value)) { errors.Add(new(at, Say.Text($"{name} is required (YYYY-MM-DD).", $"{name} 为必填项（YYYY-MM-DD）。"))); return null; }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors.Add(new(at, Say.Text($"{name} must be a date written YYYY-MM-DD.", $"{name} 须为 YYYY-MM-DD 格式的日期。")));
        else if (!Years.IsValid(date.Year))
            errors.Add(new(at, Say.Text($"{name} must lie between {Years.Min}-01-01 and {Years.Max}-12-31.", $"{name} 须在 {Years.Min}-01-01 至 {Years.Max}-12-31 之间。")));
        else
            return date;
        return null;
    }
}
