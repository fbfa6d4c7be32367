namespace CommunityWorkflows.Contract.Tests;

/// <summary>A file of the repository the tests run from (found by walking up to the solution file).</summary>
static class RepositoryFile
{
    public static string PathOf(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "CommunityWorkflows.sln")))
                return Path.Combine(directory.FullName, relative);
        throw new FileNotFoundException($"No CommunityWorkflows.sln above {AppContext.BaseDirectory}.");
    }

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
