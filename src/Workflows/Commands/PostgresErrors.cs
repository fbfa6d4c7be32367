using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using Npgsql;

namespace CommunityWorkflows.Workflows.Commands;

/// <summary>
/// The one place where PostgreSQL's refusals become the domain's: a unique violation or two transactions crossing is
/// a <see cref="ConflictException"/> (409: the state changed under the request), a check violation a
/// <see cref="RuleViolationException"/> (422) naming the column. The database rolled the transaction back whole, so
/// nothing was written. Anything else stays what it is (a bug, or the database going away).
/// </summary>
public static class PostgresErrors
{
    public static Exception? Translate(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => new ConflictException(
            Say.Text("Another change wrote the same thing first; nothing was changed. Reload and try again.", "另一项修改已先写入相同的内容，本次未作任何更改；请刷新后重试。")),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => new ConflictException(
            Say.Text("Another change got in the way and nothing was changed; try again.", "与另一项修改发生冲突，未作任何更改；请重试。")),
        PostgresErrorCodes.CheckViolation => new RuleViolationException(
            "/" + (e.ColumnName ?? e.ConstraintName ?? ""),
            Say.Text($"The value breaks the stored rule {e.ConstraintName}; nothing was changed.", $"该值不符合数据规则 {e.ConstraintName}，未作任何更改。")),
        _ => null,
    };
}
