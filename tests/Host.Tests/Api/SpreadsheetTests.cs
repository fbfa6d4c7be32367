using CommunityWorkflows.Host.Api;
using MiniExcelLibs;

namespace CommunityWorkflows.Host.Tests.Api;

public class SpreadsheetTests
{
    [Fact]
    public void Two_columns_with_the_same_header_are_both_written_the_second_numbered()
    {
        // a template may name two indicators alike; the results sheet must still be written, every score in it
        var columns = new List<Spreadsheet.Column<int>>
        {
            new("组织建设（满分50）", i => i),
            new("组织建设（满分50）", i => i * 10),
            new("ind", i => -i),
            new("IND", i => -i * 10),
        };

        var bytes = Spreadsheet.Write("考核结果", columns, [1, 2]);

        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["组织建设（满分50）", "组织建设（满分50）（2）", "ind", "IND（2）"], rows[0].Keys);
        Assert.Equal([2d, 20d, -2d, -20d], rows[1].Values.Select(Convert.ToDouble));
    }
}
