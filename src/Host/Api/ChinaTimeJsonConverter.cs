using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Instants leave the API in China time (<c>2026-03-31T23:59:59+08:00</c>), which is how the people using it
/// read deadlines; any offset is accepted on the way in, and a time written without one is China time (as the
/// people typing it mean it), not the server's zone.
/// </summary>
sealed class ChinaTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TryGetDateTime(out var written) && written.Kind == DateTimeKind.Unspecified
            ? InChina(written) ?? throw new JsonException("The time lies outside the range of instants.")
            : reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToChina());

    /// <summary>Whether <see cref="Read"/> takes <paramref name="value"/>: what the body check holds an instant to.</summary>
    public static bool CanRead(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && (value.TryGetDateTime(out var written) && written.Kind == DateTimeKind.Unspecified ? InChina(written) is not null : value.TryGetDateTimeOffset(out _));

    /// <summary>The China time written, or null when it lies outside the instants (0001-01-01T00:00 is before the first in UTC).</summary>
    static DateTimeOffset? InChina(DateTime written)
    {
        var offset = ChinaTime.Zone.GetUtcOffset(written);
        var utc = written.Ticks - offset.Ticks;
        return utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks ? null : new DateTimeOffset(written, offset);
    }
}
