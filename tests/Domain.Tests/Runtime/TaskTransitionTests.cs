using CommunityWorkflows.Domain.Runtime;

namespace CommunityWorkflows.Domain.Tests.Runtime;

public class TaskTransitionTests
{
    [Theory]
    [InlineData(TaskState.Pending, "Open,Cancel")]
    [InlineData(TaskState.Open, "Submit,AcceptOnSubmit,Cancel")]
    [InlineData(TaskState.Returned, "Submit,AcceptOnSubmit,Cancel")]
    [InlineData(TaskState.Submitted, "Accept,Return,Cancel")]
    [InlineData(TaskState.Accepted, "")]
    [InlineData(TaskState.Cancelled, "")]
    public void Each_state_takes_only_its_transitions(TaskState state, string expected)
    {
        Assert.Equal(expected, string.Join(",", TaskTransitions.From(state).Select(t => t.Name)));
    }

    [Fact]
    public void A_submission_waits_for_review_or_is_accepted_at_once()
    {
        Assert.Equal(TaskState.Submitted, TaskTransitions.Submit.To);
        Assert.Equal(TaskState.Accepted, TaskTransitions.AcceptOnSubmit.To);
        Assert.Equal(TaskTransitions.Submit.From, TaskTransitions.AcceptOnSubmit.From);
    }

    [Fact]
    public void A_review_moves_only_a_submitted_task()
    {
        Assert.True(TaskTransitions.Accept.CanApply(TaskState.Submitted));
        Assert.False(TaskTransitions.Accept.CanApply(TaskState.Open));
        Assert.False(TaskTransitions.Return.CanApply(TaskState.Returned));
        Assert.Equal(TaskState.Returned, TaskTransitions.Return.To);
    }

    [Fact]
    public void Accepted_work_is_never_cancelled()
    {
        Assert.False(TaskTransitions.Cancel.CanApply(TaskState.Accepted));
        Assert.All([TaskState.Pending, TaskState.Open, TaskState.Submitted, TaskState.Returned], s => Assert.True(TaskTransitions.Cancel.CanApply(s)));
    }

    [Fact]
    public void Only_a_task_with_its_assignee_awaits_the_assignee()
    {
        Assert.Equal([TaskState.Open, TaskState.Returned], Enum.GetValues<TaskState>().Where(s => s.AwaitsAssignee()));
    }

    [Fact]
    public void Check_throws_the_callers_refusal_and_passes_an_allowed_state()
    {
        TaskTransitions.Open.Check(TaskState.Pending, () => new InvalidOperationException("not thrown"));
        var refused = Assert.Throws<InvalidOperationException>(() => TaskTransitions.Open.Check(TaskState.Open, () => new InvalidOperationException("refused")));
        Assert.Equal("refused", refused.Message);
    }

    [Fact]
    public void The_states_are_stored_by_their_names()
    {
        Assert.Equal(["Open", "Returned"], TaskTransitions.Submit.FromNames);
        Assert.Equal("Cancelled", TaskTransitions.Cancel.ToName);
    }
}
