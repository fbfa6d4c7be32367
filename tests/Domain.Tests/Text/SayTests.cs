using System.Globalization;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Tests.Text;

public class SayTests
{
    static T In<T>(string culture, Func<T> say)
    {
        var before = CultureInfo.CurrentUICulture;
        var beforeFormat = CultureInfo.CurrentCulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try { return say(); }
        finally { CultureInfo.CurrentUICulture = before; CultureInfo.CurrentCulture = beforeFormat; }
    }

    [Theory]
    [InlineData("zh", "必填")]
    [InlineData("zh-CN", "必填")]
    [InlineData("zh-Hans", "必填")]
    [InlineData("zh-Hans-CN", "必填")]
    [InlineData("en", "Required")]
    [InlineData("en-US", "Required")]
    [InlineData("fr-FR", "Required")]
    [InlineData("", "Required")]
    public void A_text_is_chinese_for_every_chinese_culture_and_english_otherwise(string culture, string expected) =>
        Assert.Equal(expected, In(culture, () => Say.Text("Required", "必填")));

    [Fact]
    public void Only_the_chosen_interpolated_text_is_formatted()
    {
        var formatted = new List<string>();
        string Note(string what) { formatted.Add(what); return what; }

        Assert.Equal("未找到任务 7。", In("zh-CN", () => Say.Text($"Task {Note("en")} was not found.", $"未找到任务 {Note("7")}。")));
        Assert.Equal(["7"], formatted);
        formatted.Clear();
        Assert.Equal("Task 7 was not found.", In("en", () => Say.Text($"Task {7} was not found{Note(".")}", $"未找到任务 {Note("7")}。")));
        Assert.Equal(["."], formatted);
    }

    [Fact]
    public void Chinese_texts_name_grades_and_states_in_chinese_and_write_dates_the_same_in_both()
    {
        var day = new DateOnly(2027, 1, 20);
        Assert.Equal("2027-01-20 评定为较好，任务已退回", In("zh-CN", () => Say.Text($"{day} graded {Grade.Good}", $"{day} 评定为{Grade.Good}，任务{TaskState.Returned}")));
        Assert.Equal("好/较好/一般/差", In("zh-CN", () => Say.Format("{0}/{1}/{2}/{3}", "{0}/{1}/{2}/{3}", Grade.Excellent, Grade.Good, Grade.Fair, Grade.Poor)));
        Assert.Equal("2027-01-20", In("zh-CN", () => Say.Format("{0:yyyy-MM-dd}", "{0}", day)));
        Assert.Equal("2027-01-20", In("en", () => Say.Format("{0:yyyy-MM-dd}", "{0}", day)));
        Assert.Equal("Good", In("en", () => Say.Text($"{Grade.Good}", $"{Grade.Good}")));
    }

    [Fact]
    public void Numbers_follow_the_culture_and_names_not_known_stay_as_they_are()
    {
        Assert.Equal("10,000 parts", In("en", () => Say.Format("{0:N0} parts", "{0:N0} 个部件", 10000)));
        Assert.Equal("10,000 个部件", In("zh-CN", () => Say.Format("{0:N0} parts", "{0:N0} 个部件", 10000)));
        Assert.Equal("已撤销", In("zh-CN", () => Say.Name("Cancelled")));
        Assert.Equal("Whatever", Say.Name("Whatever"));
    }
}
