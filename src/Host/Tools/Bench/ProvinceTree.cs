using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Host.Tools.Bench;

/// <summary>A province-sized organisation: districts, streets under them, communities under the streets.</summary>
static class ProvinceTree
{
    public const string Root = "PV";

    public static List<OrgUnitImportRow> Rows(int districts, int streets, int communities)
    {
        var rows = new List<OrgUnitImportRow> { new(0, null, Root, "模拟省", "City", null, null, null) };
        void Add(string code, string name, string kind, string parent, int? members = null) =>
            rows.Add(new(rows.Count, null, code, name, kind, parent, null, members?.ToString()));
        for (var d = 0; d < districts; d++)
            Add($"{Root}-D{d:000}", $"第{d + 1}区", "District", Root);
        for (var s = 0; s < streets; s++)
            Add($"{Root}-D{s % districts:000}-S{s:0000}", $"第{s + 1}街道", "Street", $"{Root}-D{s % districts:000}");
        for (var c = 0; c < communities; c++)
        {
            var s = c % streets;
            Add($"{Root}-D{s % districts:000}-S{s:0000}-C{c:00000}", $"第{c + 1}社区", "Community", $"{Root}-D{s % districts:000}-S{s:0000}", 20 + c % 130);
        }
        return rows;
    }
}
