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
            ? new DateTimeOffset(written, ChinaTime.Zone.GetUtcOffset(written))
            : reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToChina());
}
