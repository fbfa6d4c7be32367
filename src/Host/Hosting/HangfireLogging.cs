using HangfireLog = Hangfire.Logging;

namespace CommunityWorkflows.Host.Hosting;

/// <summary>
/// Hangfire's log provider is process-wide (static), but a logger factory lives and dies with its host.
/// This one forwards to the host's logging and goes quiet once that host's factory is disposed, so that a
/// Hangfire server outliving it (tests run several hosts in one process) is not brought down by logging.
/// </summary>
sealed class HangfireLogging(ILoggerFactory factory) : HangfireLog.ILogProvider
{
    public HangfireLog.ILog GetLogger(string name) => new Forwarder(factory, name);

    sealed class Forwarder(ILoggerFactory factory, string name) : HangfireLog.ILog
    {
        ILogger? logger;

        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                logger ??= factory.CreateLogger(name);
                var level = (LogLevel)(int)logLevel;
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
                logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
