namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>Something a demo person does at an instant of the demo year; safe to run again (it looks before it acts).</summary>
sealed record DemoMoment(DateTimeOffset At, Func<CancellationToken, Task> Act);
