using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// 江城市, a fictional city: two districts, three streets each, five communities per street and two
/// units seated in each street. Member counts vary so that some communities are due an upgrade.
/// </summary>
static class DemoCity
{
    public const string CityCode = "JC";

    public sealed record Street(string Code, string Name, string Prefix);

    public sealed record District(string Code, string Name, Street[] Streets);

    public static readonly District[] Districts =
    [
        new("JC-DH", "东湖区", [new("JC-DH-LW", "柳湾街道", "lw"), new("JC-DH-TY", "桃源街道", "ty"), new("JC-DH-XH", "新华街道", "xh")]),
        new("JC-XS", "西山区", [new("JC-XS-FL", "枫林街道", "fl"), new("JC-XS-SQ", "石桥街道", "sq"), new("JC-XS-QS", "青松街道", "qs")]),
    ];

    static readonly string[] CommunityNames = ["和平", "幸福", "光明", "友谊", "团结"];
    static readonly int[] MemberCounts = [38, 64, 126, 21, 52];
    static readonly PartyOrgLevel?[] Levels = [PartyOrgLevel.Branch, PartyOrgLevel.Branch, PartyOrgLevel.GeneralBranch, PartyOrgLevel.Branch, null];
    static readonly string[] SeatedUnits = ["第{0}中学", "供电所", "卫生服务中心", "税务所", "邮政支局", "派出所"];

    public static string CommunityCode(Street street, int i) => $"{street.Code}-{i + 1:00}";

    public static IEnumerable<OrgUnitImportRow> Rows()
    {
        var index = 0;
        OrgUnitImportRow Row(string code, string name, OrgUnitKind kind, string? parent, PartyOrgLevel? level = null, int? members = null) =>
            new(index++, null, code, name, kind.ToString(), parent, level?.ToString(), members?.ToString());

        yield return Row(CityCode, "江城市", OrgUnitKind.City, null);
        var s = 0;
        foreach (var district in Districts)
        {
            yield return Row(district.Code, $"江城市{district.Name}", OrgUnitKind.District, CityCode, PartyOrgLevel.Committee);
            foreach (var street in district.Streets)
            {
                yield return Row(street.Code, street.Name, OrgUnitKind.Street, district.Code, PartyOrgLevel.Committee);
                for (var i = 0; i < CommunityNames.Length; i++)
                    yield return Row(CommunityCode(street, i), $"{street.Name[..2]}{CommunityNames[i]}社区", OrgUnitKind.Community, street.Code,
                        Levels[i], MemberCounts[i] + s);
                for (var u = 0; u < 2; u++)
                {
                    var name = string.Format(SeatedUnits[(s * 2 + u) % SeatedUnits.Length], s + 1);
                    yield return Row($"{street.Code}-U{u + 1}", $"江城市{street.Name[..2]}{name}", OrgUnitKind.SeatedUnit, street.Code, PartyOrgLevel.Branch, 12 + s * 3 + u);
                }
                s++;
            }
        }
    }
}
