// The host's local time is China time unless the machine says otherwise (TZ): the job dashboard and the logs show
// the time people in the district offices read; the engine itself always names its zone (ChinaTime).
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TZ")))
{
    Environment.SetEnvironmentVariable("TZ", CommunityWorkflows.Domain.Calendar.ChinaTime.ZoneId);
    TimeZoneInfo.ClearCachedData();
}
return await CommunityWorkflows.Host.Cli.CommandLine.RunAsync(args);
