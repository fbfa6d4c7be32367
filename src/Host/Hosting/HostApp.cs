using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using CommunityWorkflows.Host.Api;
using CommunityWorkflows.Host.Api.OpenApi;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Host.Hosting.Settings;
using CommunityWorkflows.Workflows;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Jobs;
using CommunityWorkflows.Workflows.Store;
using Hangfire;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using CommunityWorkflows.Host.Ui;
using CommunityWorkflows.Host.Ui.Session;
using CommunityWorkflows.Host.Ui.Shared;

namespace CommunityWorkflows.Host.Hosting;

/// <summary>Builds the web host: API, UI, auth, Hangfire server and dashboard, over one database.</summary>
public static class HostApp
{
    /// <summary>The PostgreSQL schema Hangfire keeps its tables in.</summary>
    public const string JobStorageSchema = "hangfire";

    /// <summary>
    /// A web application builder whose content root is the program's own folder, so appsettings.json is
    /// found whatever the working directory (dotnet run works from the repository root).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IEnumerable<string> args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args],
            ContentRootPath = AppContext.BaseDirectory,
            // the UI's pages are found in the application assembly, which is not the entry assembly under a test runner
            ApplicationName = typeof(HostApp).Assembly.GetName().Name,
        });

    public static WebApplication Build(WebApplicationBuilder builder, string connectionString)
    {
        var configuration = builder.Configuration;
        var limits = HostSettings.Read<LimitsSettings>(configuration);
        var hosting = HostSettings.Read<HostingSettings>(configuration);
        if (string.IsNullOrEmpty(configuration["urls"]))
            builder.WebHost.UseUrls(HostSettings.DefaultUrls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = limits.MaxRequestBytes;
            k.Limits.MaxRequestLineSize = RequestSizeGuard.ServerLineBytes;
            k.Limits.MaxRequestHeadersTotalSize = RequestSizeGuard.ServerHeaderBytes;
            k.ConfigureEndpointDefaults(listen => listen.Use(ServerRefusals.Rewrite));
        });

        var services = builder.Services;
        services.AddHostSettings(configuration);
        services.AddCommunityWorkflows(o => HostSettings.Apply(configuration, o, connectionString));
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>(); // before the framework's writer, which refuses many Accept headers
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<RouteOptions>(o =>
        {
            o.SetParameterPolicy<CanonicalLongConstraint>("long");
            o.SetParameterPolicy<CanonicalIntConstraint>("int");
        });
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict; // a number is a number: "50" is not 50, in reading and in the document
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new ChinaTimeJsonConverter());
        });
        services.AddApiDocument();
        AddSecurity(services, configuration, connectionString);
        services.AddSingleton(SessionCookie.From(hosting, builder.Environment));
        AddJobs(services, configuration, connectionString);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o => o.RootDirectory = "/Ui").AddViewLocalization();
        AddUi(builder);

        var app = builder.Build();
        if (hosting.Proxies is { Count: > 0 } proxies)
        {
            // behind a load balancer the client's address (which login limits count by) comes from X-Forwarded-For
            // ForwardLimit null: a chain of listed proxies (balancer, then nginx) is walked back to the first address not listed
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = null };
            // the framework trusts loopback by default: only the listed proxies are believed, or any local client could pick its address
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies) forwarded.KnownProxies.Add(proxy);
            app.UseForwardedHeaders(forwarded);
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            // an unknown page is a page saying 未找到; the API and everything else answer with a problem
            if (context.HttpContext.Response.StatusCode == StatusCodes.Status404NotFound && StatusPage.IsPage(context.HttpContext))
                await StatusPage.NotFoundAsync(context.HttpContext);
            else
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new() { Status = context.HttpContext.Response.StatusCode },
                });
        });
        app.UseMiddleware<RequestSizeGuard>();
        app.UseRequestLocalization(UiCultures.Configure);
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<InputGuard>();

        app.MapHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o
            .WithTitle("CommunityWorkflows API")
            // an intranet has no internet: no web fonts, no AI agent, no deploy or SDK buttons, no telemetry
            .DisableDefaultFonts().DisableAgent().DisableMcp().DisableTelemetry().HideDeveloperTools().HideClientButton()
            .HideDarkModeToggle()).AllowAnonymous();
        app.MapAuth(configuration);
        app.MapUsers();
        app.MapOrgUnits(configuration);
        app.MapCycles();
        app.MapTasks();
        app.MapEvidence(configuration);
        app.MapFindings();
        app.MapAssessment();
        app.MapAccountability();
        app.MapNotifications();
        app.MapClock();
        app.MapTemplates();
        app.MapCalendars();
        app.MapMeetingCadences();
        app.MapMeetings(configuration);
        app.MapLiaisonPoints();
        app.MapLiaisonProblems();
        CommunityWorkflows.Host.Ui.Assess.AssessFiles.MapAssessFiles(app);
        if (HostSettings.Read<HangfireSettings>(configuration).Dashboard)
            app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [],
                DashboardTitle = "CommunityWorkflows · 任务调度",
                AppPath = "/",
                DisplayStorageConnectionString = false,
            }).RequireAuthorization(CallerAuthentication.SystemAdminPolicy);
        app.MapRazorPages();
        app.MapStaticAssets().AllowAnonymous();
        app.MapUi();
        CommunityWorkflows.Host.Ui.Tasks.EvidenceDownload.Map(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// The web UI: Razor components rendered interactively on the server, AntDesign, the signed-in caller of a circuit
    /// re-checked every minute. A package's files (_content/AntDesign/...) are served however the host is started:
    /// from the build's manifest when there is one (dotnet run, tests), from wwwroot when published.
    /// </summary>
    static void AddUi(WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAntDesign();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        services.AddScoped<UiSession>();
        services.AddScoped<UiCalendar>();
    }

    static void AddSecurity(IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var loginsPerMinute = HostSettings.Read<AuthSettings>(configuration).LoginsPerMinutePerAddress;
        services.AddDataProtection().SetApplicationName("CommunityWorkflows");
        // resolved at start-up (PrepareAsync), so that a missing secret stops the host before it serves
        services.AddSingleton(provider => KeyRingSecret.From(provider.GetRequiredService<IOptions<SecuritySettings>>().Value, connectionString));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DataProtectionKeys(provider.GetRequiredService<Npgsql.NpgsqlDataSource>());
            o.XmlEncryptor = new KeyRingEncryptor(provider.GetRequiredService<KeyRingSecret>());
        }));
        services.AddAuthentication(CallerAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, CallerAuthentication>(CallerAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(CallerAuthentication.SystemAdminPolicy, p => p.RequireClaim(CallerAuthentication.SystemAdminPolicy));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                // the window's end when the limiter knows it, else a whole window
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(AuthEndpoints.LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                Domain.Access.ClientAddress.Key(context.Connection.RemoteIpAddress), // as failed logins are counted: an IPv6 client by its /64
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
    }

    static void AddJobs(IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        // this host's own storage and activator: Hangfire would otherwise hand out its process-wide
        // JobStorage.Current and JobActivator.Current, which the last host configured in the process wins
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = JobStorageSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogging(provider.GetRequiredService<ILoggerFactory>()))
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        var hangfire = HostSettings.Read<HangfireSettings>(configuration);
        if (!hangfire.Server) return;
        services.AddHangfireServer(o =>
        {
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            if (hangfire.WorkerCount > 0) o.WorkerCount = hangfire.WorkerCount;
        });
    }

    /// <summary>Start-up work before serving: schema, the bootstrap admin, recurring jobs; logged once.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken ct)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CommunityWorkflows.Host");
        app.Services.GetRequiredService<KeyRingSecret>();
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
        var adminPassword = app.Services.GetRequiredService<IOptions<BootstrapSettings>>().Value.AdminPassword;
        if (!string.IsNullOrEmpty(adminPassword) && await app.Services.GetRequiredService<Users>().BootstrapAdminAsync(adminPassword, ct))
            logger.LogInformation("Created the bootstrap administrator '{Username}'", Users.BootstrapAdminUsername);
        logger.LogInformation("Session cookie: {Secure}", app.Services.GetRequiredService<SessionCookie>().AlwaysSecure
            ? "Secure on every answer (serve it over HTTPS or behind a TLS proxy; browsers keep it over plain HTTP on localhost only)"
            : "Secure on HTTPS requests only (Hosting:SecureCookies=false or Development)");
        var options = app.Services.GetRequiredService<CommunityWorkflowsOptions>();
        RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>(), options.Clock);
        await app.Services.GetRequiredService<MeetingSchedules>().SyncAllAsync(ct);
        logger.LogInformation("Settings: {Settings}; clock now {Now:O}",
            SettingsLog.Describe(app.Services, options.ConnectionString), app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
    }
}
