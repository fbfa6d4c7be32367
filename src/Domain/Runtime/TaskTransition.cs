namespace CommunityWorkflows.Domain.Runtime;

/// <summary>
/// A named move of a task's state: from any of <see cref="From"/> to <see cref="To"/>. The SQL that moves tasks takes its
/// states from here (<c>status = any(@from)</c> … <c>set status = @to</c>), so the state machine is written once.
/// </summary>
public sealed record TaskTransition(string Name, IReadOnlyList<TaskState> From, TaskState To)
{
    public bool CanApply(TaskState state) => From.Contains(state);

    /// <summary>Throws the caller's <paramref name="refusal"/> when the task's <paramref name="state"/> cannot take this transition.</summary>
    public void Check(TaskState state, Func<Exception> refusal)
    {
        if (!CanApply(state)) throw refusal();
    }

    /// <summary>The states it moves from, as stored in <c>task.status</c>.</summary>
    public string[] FromNames => From.Select(s => s.ToString()).ToArray();

    /// <summary>The state it moves to, as stored in <c>task.status</c>.</summary>
    public string ToName => To.ToString();
}
