namespace CommunityWorkflows.Domain.Assessment;

/// <summary>
/// Ranks by total, highest first, with ties sharing a rank and the next rank skipped (1, 1, 3). A vetoed unit
/// ranks below every unit that was not vetoed, whatever its total; a unit without a total gets no rank.
/// </summary>
public static class Ranking
{
    public static IReadOnlyList<int?> Of(IReadOnlyList<(decimal? Total, bool Vetoed)> units)
    {
        var ranks = new int?[units.Count];
        var order = Enumerable.Range(0, units.Count)
            .Where(i => units[i].Total is not null)
            .OrderBy(i => units[i].Vetoed).ThenByDescending(i => units[i].Total)
            .ToList();
        for (var position = 0; position < order.Count; position++)
        {
            var unit = units[order[position]];
            var tied = position > 0 && units[order[position - 1]] == unit;
            ranks[order[position]] = tied ? ranks[order[position - 1]] : position + 1;
        }
        return ranks;
    }
}
