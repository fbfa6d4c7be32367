using System.Globalization;
using System.Runtime.CompilerServices;

namespace CommunityWorkflows.Domain.Text;

/// <summary>
/// A text for a person in the request's language: Chinese when <see cref="CultureInfo.CurrentUICulture"/> is a
/// Chinese culture (zh, zh-CN, zh-Hans…), else English. With interpolated texts only the chosen one is formatted;
/// in Chinese a date reads 2027-01-20 and a grade, a status or a kind its Chinese name.
/// </summary>
public static class Say
{
    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string Text(string en, string zh) => IsChinese ? zh : en;

    /// <summary>Interpolated texts: <c>Say.Text($"Task {id} was not found.", $"未找到任务 {id}。")</c>.</summary>
    public static string Text(EnglishText en, ChineseText zh) => IsChinese ? zh.ToStringAndClear() : en.ToStringAndClear();

    /// <summary>Composite format texts (<c>{0}</c>…), formatted in the current culture like interpolated ones.</summary>
    public static string Format(string en, string zh, params ReadOnlySpan<object?> args)
    {
        if (!IsChinese) return string.Format(CultureInfo.CurrentCulture, en, args);
        var shown = new object?[args.Length];
        for (var i = 0; i < args.Length; i++) shown[i] = InChinese(args[i]);
        return string.Format(CultureInfo.CurrentCulture, zh, shown);
    }

    /// <summary>The Chinese name of an enum member or of a status word; anything else unchanged.</summary>
    public static string Name(string word) => ChineseNames.TryGetValue(word, out var zh) ? zh : word;

    static object? InChinese(object? value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => ChineseNames.TryGetValue(e.GetType().Name + "." + e, out var zh) ? zh : Name(e.ToString()),
        _ => value,
    };

    /// <summary>Status, grade and kind names as people in China read them, by member name (Type.Member first).</summary>
    static readonly Dictionary<string, string> ChineseNames = new(StringComparer.Ordinal)
    {
        ["Grade.Excellent"] = "好", ["Grade.Good"] = "较好", ["Grade.Fair"] = "一般", ["Grade.Poor"] = "差",
        ["TaskState.Pending"] = "未开始", ["TaskState.Open"] = "待办理", ["TaskState.Submitted"] = "已提交",
        ["TaskState.Returned"] = "已退回", ["TaskState.Accepted"] = "已通过", ["TaskState.Cancelled"] = "已撤销",
        ["FindingStatus.Open"] = "待整改", ["FindingStatus.Rectifying"] = "整改中", ["FindingStatus.Verified"] = "已销号",
        ["FindingStatus.Cancelled"] = "已撤销",
        ["ProblemStatus.Open"] = "待解决", ["ProblemStatus.Resolved"] = "已解决",
        ["OrgUnitKind.City"] = "市", ["OrgUnitKind.District"] = "区", ["OrgUnitKind.Street"] = "街道",
        ["OrgUnitKind.Community"] = "社区", ["OrgUnitKind.SeatedUnit"] = "驻区单位",
        ["City"] = "市", ["District"] = "区", ["Street"] = "街道", ["Community"] = "社区", ["SeatedUnit"] = "驻区单位",
        ["Running"] = "进行中", ["Completed"] = "已完成", ["Cancelled"] = "已撤销",
        ["Pending"] = "未开始", ["Open"] = "待办理", ["Submitted"] = "已提交", ["Returned"] = "已退回", ["Accepted"] = "已通过",
        ["Draft"] = "草稿", ["Published"] = "已发布",
        ["Role.SystemAdmin"] = "系统管理员", ["Role.DistrictAdmin"] = "区级管理员", ["Role.StreetOfficer"] = "街道工作人员",
        ["Role.CommunityOfficer"] = "社区工作人员", ["Role.Leader"] = "联系领导", ["Role.Inspector"] = "督查人员",
    };

    /// <summary>Formats the English text only when English is chosen.</summary>
    [InterpolatedStringHandler]
    public ref struct EnglishText
    {
        DefaultInterpolatedStringHandler inner;

        public EnglishText(int literalLength, int formattedCount, out bool wanted)
        {
            wanted = !IsChinese;
            inner = wanted ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.CurrentCulture) : default;
        }

        public void AppendLiteral(string s) => inner.AppendLiteral(s);
        public void AppendFormatted<T>(T value) => inner.AppendFormatted(value);
        public void AppendFormatted<T>(T value, string? format) => inner.AppendFormatted(value, format);
        public void AppendFormatted<T>(T value, int alignment) => inner.AppendFormatted(value, alignment);
        public void AppendFormatted(string? value) => inner.AppendFormatted(value);
        internal string ToStringAndClear() => inner.ToStringAndClear();
    }

    /// <summary>Formats the Chinese text only when Chinese is chosen: dates as 2027-01-20, names in Chinese.</summary>
    [InterpolatedStringHandler]
    public ref struct ChineseText
    {
        DefaultInterpolatedStringHandler inner;

        public ChineseText(int literalLength, int formattedCount, out bool wanted)
        {
            wanted = IsChinese;
            inner = wanted ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.CurrentCulture) : default;
        }

        public void AppendLiteral(string s) => inner.AppendLiteral(s);

        public void AppendFormatted<T>(T value)
        {
            if (value is DateOnly or DateTime or Enum) inner.AppendFormatted(InChinese(value));
            else inner.AppendFormatted(value);
        }

        public void AppendFormatted<T>(T value, string? format) => inner.AppendFormatted(value, format);
        public void AppendFormatted<T>(T value, int alignment) => inner.AppendFormatted(value, alignment);
        public void AppendFormatted(string? value) => inner.AppendFormatted(value);
        internal string ToStringAndClear() => inner.ToStringAndClear();
    }
}
