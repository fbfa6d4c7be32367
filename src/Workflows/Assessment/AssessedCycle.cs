using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>How a command holds the cycle row: score writers share it, publication takes it alone, readers take nothing.</summary>
enum CycleLock
{
    None,
    /// <summary>Writers of scores and votes: many at once, never across a publication.</summary>
    Share,
    /// <summary>The publication: waits for every writer in flight, then shuts them out.</summary>
    Exclusive,
}

/// <summary>A cycle as the assessment sees it: its definition, its scope, and whether its results are published.</summary>
sealed record AssessedCycle(
    long Id, int Year, string Status, string ScopeCode, string ScopePath, TemplateDefinition Definition, DateTimeOffset? PublishedAt, string? PublishedBy)
{
    sealed record Row(long Id, int Year, string Status, string ScopeCode, string ScopePath);

    sealed record Publication(DateTimeOffset PublishedAt, string PublishedBy);

    /// <summary>Loads the cycle (404 when unknown or out of the caller's sight), locking it as asked.</summary>
    public static async Task<AssessedCycle> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, CycleDefinitions definitions, long cycleId, Caller caller, CycleLock locking, CancellationToken ct)
    {
        var clause = locking switch { CycleLock.Share => "for key share of c", CycleLock.Exclusive => "for update of c", _ => "" };
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            select c.id, c.year, c.status, u.code as scope_code, u.path as scope_path
            from cycle c join org_unit u on u.id = c.scope_unit_id where c.id = @cycleId {clause}
            """, new { cycleId }, tx, cancellationToken: ct));
        if (row is null || !CycleQueries.CanSee(caller, row.ScopePath))
            throw new NotFoundException(Say.Text($"Cycle {cycleId} was not found.", $"未找到考核周期 {cycleId}。"));
        // a statement of its own, after the lock: it sees a publication committed while this one waited
        var publication = await connection.QuerySingleOrDefaultAsync<Publication>(new CommandDefinition(
            "select published_at, published_by from assessment_publication where cycle_id = @cycleId", new { cycleId }, tx, cancellationToken: ct));
        var definition = await definitions.GetAsync(connection, cycleId, ct);
        return new AssessedCycle(row.Id, row.Year, row.Status, row.ScopeCode, row.ScopePath, definition, publication?.PublishedAt, publication?.PublishedBy);
    }

    public bool Published => PublishedAt is not null;

    /// <summary>Whether the template defines indicators and a grading, without which there is nothing to score.</summary>
    public static bool IsAssessed(TemplateDefinition definition) => definition is { Grading: not null, Indicators.Count: > 0 };

    /// <summary>The grading, or 409: a cycle whose template has no indicators or no grading has nothing to score.</summary>
    public GradingRule RequireGrading() => IsAssessed(Definition)
        ? Definition.Grading!
        : throw new ConflictException(Say.Text($"Cycle {Id}'s template '{Definition.Key}' defines no indicators and grading: there is nothing to score.", $"考核周期 {Id} 所用模板“{Definition.Key}”未设置考核指标和评定等次，无需评分。"));

    /// <summary>Scores and votes change only in a cycle that is not cancelled and whose results are not yet published (409).</summary>
    public void EnsureScoresOpen()
    {
        if (Status == "Cancelled")
            throw new ConflictException(Say.Text($"Cycle {Id} is Cancelled; its assessment no longer changes.", $"考核周期 {Id} 已撤销，考核结果不能再更改。"));
        if (Published)
            throw new ConflictException(Say.Text($"The results of cycle {Id} were published on {PublishedAt:yyyy-MM-dd} by {PublishedBy}; scores and votes are frozen.", $"考核周期 {Id} 的结果已于 {PublishedAt:yyyy-MM-dd} 由 {PublishedBy} 发布，评分和测评票数不能再更改。"));
    }
}
