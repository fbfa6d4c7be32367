using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Workflows.Meetings;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// The regular meetings (例会) the cadences opened as the clock passed each quarter and half year. Of a period that is
/// over: 柳湾, 桃源 and 枫林 met in time, 新华 met but recorded it after the deadline (held late), 石桥 and 青松 missed it;
/// 东湖区 studied community Party building in time, 西山区 late. Of the quarter under way only 柳湾 has met yet.
/// </summary>
static class DemoYearMeetings
{
    const string StreetCadence = "street-quarterly";
    const string DistrictCadence = "district-semiannual";

    public static IEnumerable<DemoMoment> Plan(DemoYearContext c)
    {
        for (var q = 0; q < 4; q++)
        {
            var (start, end) = (new DateOnly(c.Year, q * 3 + 1, 1), new DateOnly(c.Year, q * 3 + 1, 1).AddMonths(3).AddDays(-1));
            var over = c.Until > ChinaTime.At(end.AddDays(8));
            foreach (var street in DemoYearContext.Streets)
            {
                var people = new[] { $"{street.Prefix}.secretary" };
                if (over && street.Prefix is "lw" or "ty" or "fl")
                    yield return Held(c, StreetCadence, street.Code, people, start, end.AddDays(-12), ChinaTime.At(end.AddDays(-10), 15));
                else if (over && street.Prefix == "xh")
                    yield return Held(c, StreetCadence, street.Code, people, start, end.AddDays(-3), ChinaTime.At(end.AddDays(6), 15));
                else if (!over && street.Prefix == "lw" && c.Until > ChinaTime.At(start.AddDays(5)))
                    yield return Held(c, StreetCadence, street.Code, people, start, ChinaTime.DateOf(c.Until).AddDays(-2), c.Until.AddDays(-1));
            }
        }
        for (var h = 0; h < 2; h++)
        {
            var (start, end) = (new DateOnly(c.Year, h * 6 + 1, 1), new DateOnly(c.Year, h * 6 + 1, 1).AddMonths(6).AddDays(-1));
            if (c.Until <= ChinaTime.At(end.AddDays(12))) continue;
            foreach (var district in DemoCity.Districts)
            {
                var d = DemoYearContext.PrefixOf(district);
                var late = d == "xs";
                yield return Held(c, DistrictCadence, district.Code, [$"{d}.secretary", $"{d}.admin"], start,
                    end.AddDays(late ? -5 : -15), ChinaTime.At(end.AddDays(late ? 10 : -14), 15));
            }
        }
    }

    static DemoMoment Held(DemoYearContext c, string cadence, string unitCode, string[] people, DateOnly periodStart, DateOnly heldOn, DateTimeOffset recordedAt) =>
        new(recordedAt, async ct =>
        {
            var queries = c.Get<MeetingQueries>();
            var meeting = (await queries.ListAsync(new MeetingFilter(unitCode, c.Year, null, cadence), c.Admin, ct)).FirstOrDefault(m => m.PeriodStart == periodStart);
            if (meeting is null || meeting.Status == "Held") return; // a cadence that ran under the system clock before the demo opened no such meeting
            var recorder = await RecorderAsync(queries, meeting.Id, people.Select(c.As), ct);
            var body = JsonSerializer.SerializeToElement(new
            {
                heldOn = heldOn.ToString("yyyy-MM-dd"),
                attendees = new[] { "书记", "副书记", "组织委员", "宣传委员", "纪检委员" },
                topics = new[] { "传达学习上级关于社区党建工作的部署要求", "研究本期社区党建重点工作和存在问题" },
                minutes = $"{meeting.OrgUnitName}召开{meeting.Title}，听取各社区党建工作情况汇报，分析存在问题，研究部署下一阶段工作。",
                decisions = new[] { "各社区于月底前报送党建工作进展", "对联系点发现的问题建立台账、限期整改" },
            });
            await c.Get<MeetingRecords>().RecordAsync(meeting.Id, body, recorder, ct);
        });

    static async Task<Caller> RecorderAsync(MeetingQueries queries, long meetingId, IEnumerable<Caller> people, CancellationToken ct)
    {
        foreach (var person in people)
        {
            try
            {
                if ((await queries.GetAsync(meetingId, person, ct)).CanRecord) return person;
            }
            catch (NotFoundException)
            {
                // outside this person's scope
            }
        }
        throw new InvalidOperationException($"Nobody of the demo may record meeting {meetingId}.");
    }
}
