return await CommunityWorkflows.Host.Cli.CommandLine.RunAsync(args);
