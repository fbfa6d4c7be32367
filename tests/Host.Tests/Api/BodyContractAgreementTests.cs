using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityWorkflows.Host.Api;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>
/// The body check and the reader agree: what the check passes, the reader reads as written, and what the reader
/// would refuse or read otherwise (a 400 that names no field, an enum read from a number or a list) the check names.
/// </summary>
public class BodyContractAgreementTests
{
    public enum Kind { Alpha, Beta }

    public sealed record Item(string? Name, [property: JsonRequired] int? N);

    public sealed record Probe(int? Year = null, DateOnly? Day = null, DateTimeOffset? At = null, Kind? Kind = null, double? Ratio = null,
        decimal? Score = null, IReadOnlyList<Item?>? Items = null, bool? Flag = null, long Id = 0, Dictionary<string, int>? Counts = null);

    static readonly JsonSerializerOptions Options = HostOptions();

    static JsonSerializerOptions HostOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new ChinaTimeJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    static IReadOnlyList<string> Faults(string body) =>
        BodyContract.Check(JsonDocument.Parse(body).RootElement, typeof(Probe), Options).Select(e => e.Field).ToList();

    [Theory]
    [InlineData("""{"kind": "Gamma"}""", "/kind")]
    [InlineData("""{"kind": "1"}""", "/kind")]
    [InlineData("""{"kind": "Alpha, Beta"}""", "/kind")]
    [InlineData("""{"kind": " Alpha"}""", "/kind")]
    [InlineData("""{"kind": 1}""", "/kind")]
    [InlineData("""{"counts": {"a": "1"}}""", "/counts/a")]
    [InlineData("""{"counts": []}""", "/counts")]
    [InlineData("""{"year": 1e400}""", "/year")]
    [InlineData("""{"ratio": 1e400}""", "/ratio")]
    [InlineData("""{"day": "2026-02-30"}""", "/day")]
    [InlineData("""{"at": "2026-01-02 10:00:00"}""", "/at")]
    [InlineData("""{"items": [{"name": "x"}]}""", "/items/0/n")]
    [InlineData("""{"items": [{"N": 1, "n": 2}]}""", "/items/0/n")]
    [InlineData("""{"id": null}""", "/id")]
    public void What_the_reader_would_refuse_or_read_otherwise_is_named(string body, string field) =>
        Assert.Equal([field], Faults(body));

    [Theory]
    [InlineData("""{"kind": "Alpha"}""")]
    [InlineData("""{"kind": "beta"}""")]
    [InlineData("""{"counts": {"a": 1, "b": 2}}""")]
    [InlineData("""{"day": "2026-02-28", "at": "2026-01-02", "ratio": 0.5, "score": 1e-30, "id": -0}""")]
    [InlineData("""{"items": [null, {"name": "x", "n": null}]}""")]
    public void What_the_check_passes_the_reader_reads(string body)
    {
        Assert.Empty(Faults(body));
        Assert.NotNull(JsonSerializer.Deserialize<Probe>(body, Options));
    }
}
