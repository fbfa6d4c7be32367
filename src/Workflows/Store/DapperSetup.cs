using System.Data;
using Dapper;

namespace CommunityWorkflows.Workflows.Store;

/// <summary>
/// Dapper's process-wide settings: snake_case columns map to PascalCase members, and instants travel as
/// UTC (<c>timestamptz</c> accepts only offset 0 from Npgsql).
/// </summary>
static class DapperSetup
{
    static int configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref configured, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new NullableDateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read {value.GetType()} as an instant."),
        };
    }

    sealed class NullableDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset?>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset? value) =>
            parameter.Value = value is { } v ? v.ToUniversalTime() : DBNull.Value;

        public override DateTimeOffset? Parse(object value) => value switch
        {
            null or DBNull => null,
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read {value.GetType()} as an instant."),
        };
    }

    sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value) => parameter.Value = value;

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime d => DateOnly.FromDateTime(d),
            _ => throw new DataException($"Cannot read {value.GetType()} as a date."),
        };
    }
}
