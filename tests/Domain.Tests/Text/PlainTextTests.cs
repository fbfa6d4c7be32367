using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Tests.Definitions;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Tests.Text;

public class PlainTextTests
{
    public static TheoryData<char> RefusedEverywhere => [.. Enumerable.Range(0, 0x20).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r')), '\u007F', '\uFFFE', '\uFFFF'];

    [Theory]
    [MemberData(nameof(RefusedEverywhere))]
    public void Control_characters_and_the_noncharacters_are_refused_in_names_and_in_texts(char refused)
    {
        var problem = PlainText.Problem($"柳湾{refused}街道");
        Assert.Contains($"U+{(int)refused:X4} at character 3", problem);
        Assert.NotNull(PlainText.Problem($"第一行\n{refused}", multiline: true));
    }

    [Theory]
    [InlineData('\t')]
    [InlineData('\n')]
    [InlineData('\r')]
    public void Tabs_and_line_breaks_belong_to_multi_line_texts_not_to_names(char separator)
    {
        Assert.NotNull(PlainText.Problem($"柳湾{separator}街道"));
        Assert.Null(PlainText.Problem($"一、会议议程{separator}二、会议决定", multiline: true));
    }

    [Theory]
    [InlineData("柳湾街道党工委")]
    [InlineData("Ünïcödé 😀 \u0080\u00A0\uFFFD")]
    [InlineData("")]
    [InlineData(null)]
    public void Printable_text_of_any_script_passes(string? text)
    {
        Assert.Null(PlainText.Problem(text));
        Assert.Null(PlainText.Problem(text, multiline: true));
    }

    [Fact]
    public void An_org_unit_name_with_a_control_character_is_refused_on_its_row_and_line()
    {
        var rows = new[] { new OrgUnitImportRow(0, 2, "C1", "测试\u0007市", "City", null, null, null) };
        var error = Assert.Single(new OrgImportValidator(new Dictionary<string, StoredOrgUnit>(), [], _ => true).Validate(rows).Errors);
        Assert.Equal(("/0/name", 2), (error.Pointer, error.Line));
    }

    [Fact]
    public void A_display_name_with_a_control_character_is_refused() =>
        Assert.Equal("/displayName", Assert.Single(AccountRules.Check("zhang.san", "long-enough", "张\u001B三")).Field);

    [Theory]
    [InlineData("/name")]
    [InlineData("/stages/0/name")]
    [InlineData("/stages/0/tasks/0/title")]
    public void A_template_name_stage_name_or_task_title_with_a_control_character_is_refused(string pointer)
    {
        var template = TemplateSample.Minimal();
        SetAt(template, pointer, "名称\u0001");
        Assert.Equal([pointer], TemplateSample.Parse(template).Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_template_description_keeps_its_line_breaks_but_not_other_control_characters()
    {
        var template = TemplateSample.Minimal();
        template["description"] = "第一段\r\n\t第二段";
        Assert.Empty(TemplateSample.Parse(template).Errors);
        template["description"] = "第一段\u000C第二段";
        Assert.Equal(["/description"], TemplateSample.Parse(template).Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_cadence_name_with_a_control_character_is_refused()
    {
        var body = JsonSerializer.SerializeToElement(new { name = "例会\uFFFE", appliesTo = "Street", cron = "0 9 1 1,4,7,10 *", timeZone = "Asia/Shanghai" });
        var (cadence, errors) = CadenceParser.Parse("k", body, new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero));
        Assert.Null(cadence);
        Assert.Equal("/name", Assert.Single(errors).Field);
    }

    [Fact]
    public void Meeting_attendees_are_names_while_topics_and_minutes_may_run_over_lines()
    {
        var period = new MeetingPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));
        MeetingMinutes Parse(object body) => MeetingMinutes.Parse(JsonSerializer.SerializeToElement(body), period, new DateOnly(2026, 4, 1));

        var held = Parse(new { heldOn = "2026-03-20", attendees = new[] { "王书记" }, topics = "议题一\n议题二", minutes = "纪要\r\n\t正文", decisions = new[] { "决定一\n决定二" } });
        Assert.Equal("纪要\r\n\t正文", held.Minutes);
        var refused = Assert.Throws<RuleViolationException>(() => Parse(
            new { heldOn = "2026-03-20", attendees = new[] { "王\t书记" }, topics = "议题\u0002", minutes = "纪要\u007F", decisions = new[] { "决定\u0003" } }));
        Assert.Equal(["/attendees/0", "/decisions/0", "/minutes", "/topics"], refused.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Calendar_day_names_and_the_source_are_one_line()
    {
        var (_, errors) = CalendarYearValidator.Validate(2027, new("国务院办公厅\n通知", [new("2027-01-01", "元旦\u0008")], [new("2027-02-20", "春节调休上班")]));
        Assert.Equal(["/source", "/holidays/0/name"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Liaison_names_and_titles_are_one_line_and_summaries_may_run_over_lines()
    {
        var point = new LiaisonPointInput("city.leader1", "C1", 2026, "U1", [new WorkGroupMemberInput("李\u0001华", "组\n长", null, true)],
            [new TargetInput("T1", "标准化\u001F建设", "2026-06-30")]);
        Assert.Equal(["/workGroup/0/name", "/workGroup/0/role", "/targets/0/title"], LiaisonPointRules.CheckPoint(point, out _).Select(e => e.Field));

        var visit = new VisitInput("2026-03-01", "走访情况：\r\n一、……", [new ProblemInput("问题\u0007", "2026-04-01", null)]);
        Assert.Equal(["/problems/0/description"], LiaisonPointRules.CheckVisit(visit, 2026, new DateOnly(2026, 3, 10), out _, out _).Select(e => e.Field));
        Assert.Equal(["/note"], LiaisonPointRules.CheckProgress(new TargetProgressInput(50, "进展\u0000")).Select(e => e.Field));
    }

    [Fact]
    public void A_finding_description_may_run_over_lines_but_holds_no_other_control_character()
    {
        Assert.Empty(FindingRules.Check(new NewFinding("S1", "问题一\n问题二", "Major", null, 10), []));
        Assert.Equal("/description", Assert.Single(FindingRules.Check(new NewFinding("S1", "问题\u0019", "Major", null, 10), [])).Field);
    }

    static void SetAt(JsonObject root, string pointer, string value)
    {
        var segments = pointer.Trim('/').Split('/');
        JsonNode node = root;
        foreach (var segment in segments[..^1])
            node = int.TryParse(segment, out var i) ? node[i]! : node[segment]!;
        node[segments[^1]] = value;
    }
}
