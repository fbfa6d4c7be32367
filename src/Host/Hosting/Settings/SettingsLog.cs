using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary>
/// The effective settings as one line for the start-up log (<c>Auth:TokenLifetime=08:00:00, …</c>), so an operator
/// sees what the host runs with; secrets show as <c>***</c>, a connection string without its password.
/// </summary>
static class SettingsLog
{
    public const string Masked = "***";

    public static string Describe(IServiceProvider services, string connectionString)
    {
        var entries = new List<string>();
        foreach (var type in HostSettings.All)
        {
            var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            var value = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options)!;
            var section = (string)type.GetProperty(nameof(ISettings.Section), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            Add(entries, section, value);
        }
        entries.Add($"(database in use)={WithoutPassword(connectionString)}");
        return string.Join(", ", entries);
    }

    /// <summary>The configuration keys a settings class binds (<c>Liaison:Weights:Targets</c>…), for the README's table.</summary>
    public static IEnumerable<string> Keys(Type settings, string prefix)
    {
        foreach (var property in Bound(settings))
            if (IsNested(property.PropertyType))
                foreach (var key in Keys(property.PropertyType, $"{prefix}:{property.Name}")) yield return key;
            else
                yield return $"{prefix}:{property.Name}";
    }

    static void Add(List<string> entries, string prefix, object settings)
    {
        foreach (var property in Bound(settings.GetType()))
        {
            var value = property.GetValue(settings);
            var key = $"{prefix}:{property.Name}";
            if (value is not null && IsNested(property.PropertyType)) Add(entries, key, value);
            else entries.Add($"{key}={Show(property, value)}");
        }
    }

    static string Show(PropertyInfo property, object? value) => value switch
    {
        _ when property.GetCustomAttribute<SecretAttribute>() is not null && property.Name == nameof(ConnectionStringsSettings.Main) => WithoutPassword((string)value!),
        string { Length: > 0 } when property.GetCustomAttribute<SecretAttribute>() is not null => Masked,
        null => "(unset)",
        string s => s,
        IEnumerable list => "[" + string.Join(", ", list.Cast<object>().Select(Text)) + "]",
        _ => Text(value),
    };

    static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    static string WithoutPassword(string connectionString)
    {
        if (connectionString.Length == 0) return "";
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password)) builder.Password = Masked;
        return builder.ConnectionString;
    }

    /// <summary>Settable public properties: what the binder fills.</summary>
    static IEnumerable<PropertyInfo> Bound(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    static bool IsNested(Type type) => type.IsClass && type != typeof(string) && !type.IsArray;
}
