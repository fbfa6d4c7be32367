using CommunityWorkflows.Workflows.Liaison;
using Vizor.ECharts;

namespace CommunityWorkflows.Host.Ui.Liaison;

/// <summary>The ECharts options of the leadership's charts by district: average progress, and open against overdue problems.</summary>
static class DistrictCharts
{
    public static ChartOptions Progress(IReadOnlyList<DistrictProgressView> districts, string title, string series)
    {
        var chart = Bars(title, districts, new BarSeries
        {
            Name = series,
            Data = districts.Select(d => d.Progress).ToArray(),
            ItemStyle = new ItemStyle { Color = new Color("#a8071a") },
            Label = new Label { Show = true, Position = LabelPosition.Top, Formatter = new StringOrFunction("{c}%") },
        });
        chart.YAxis = new YAxis { Type = AxisType.Value, Min = 0, Max = 100 };
        return chart;
    }

    public static ChartOptions Problems(IReadOnlyList<DistrictProgressView> districts, string title, string open, string overdue) => Bars(title, districts,
        new BarSeries { Name = open, Data = districts.Select(d => d.OpenProblems).ToArray(), ItemStyle = new ItemStyle { Color = new Color("#1677ff") } },
        new BarSeries { Name = overdue, Data = districts.Select(d => d.OverdueProblems).ToArray(), ItemStyle = new ItemStyle { Color = new Color("#cf1322") } });

    static ChartOptions Bars(string title, IReadOnlyList<DistrictProgressView> districts, params BarSeries[] series) => new()
    {
        Animation = false,
        Title = new Title { Text = title, TextStyle = new TextStyle { FontSize = 14 } },
        Tooltip = new Tooltip { Trigger = TooltipTrigger.Axis },
        Legend = series.Length > 1 ? new Legend { Top = 0, Right = 0 } : null,
        Grid = new Grid { Left = 8, Right = 8, Bottom = 8, Top = 48, ContainLabel = true },
        XAxis = new XAxis { Type = AxisType.Category, Data = districts.Select(d => d.DistrictName).ToArray() },
        YAxis = new YAxis { Type = AxisType.Value, MinInterval = 1 },
        Series = series.Cast<ISeries>().ToList(),
    };
}
