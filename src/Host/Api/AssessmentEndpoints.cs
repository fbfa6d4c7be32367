using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Assessment;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class AssessmentEndpoints
{
    public sealed record ScoresRequest(IReadOnlyList<ScoreInput>? Indicators);

    public static void MapAssessment(this IEndpointRouteBuilder app)
    {
        var cycles = app.MapGroup("/api/cycles/{id:long}").WithTags("Inspection and assessment");

        cycles.MapPut("/scores/{orgUnitCode}", async (long id, string orgUnitCode, HttpRequest request, Scoring scoring, CancellationToken ct) =>
        {
            // read from the JSON text: a score's decimal places are judged before rounding to decimal could hide them
            var body = await JsonBodyReader.ReadAsync(request, ct);
            var (entries, errors) = ScoreSheetReader.Read(body);
            if (errors.Count > 0)
                throw new RuleViolationException(errors, Say.Text("The scores cannot be read; nothing was changed.", "无法读取评分，未作任何更改。"));
            return await scoring.SetScoresAsync(id, orgUnitCode, entries, request.HttpContext.Caller(), ct, ScoreSheetReader.WithoutComment(body));
        })
            .Accepts<ScoresRequest>("application/json")
            .WithName("SetScores").Produces<ScoreSheetView>()
            .WithSummary("Score the named indicators of a participant (DistrictAdmin over it): points from 0 to maxScore, veto items with vetoed: true|false; 422 per bad entry; 409 once published.");

        cycles.MapGet("/scores/{orgUnitCode}", async (long id, string orgUnitCode, HttpContext context, Scoring scoring, CancellationToken ct) =>
            await scoring.GetSheetAsync(id, orgUnitCode, context.Caller(), ct))
            .WithName("GetScoreSheet")
            .WithSummary("A participant's score sheet: every indicator with its score, the democratic rating votes, and the outcome so far.");

        cycles.MapPut("/ratings/{orgUnitCode}", async (long id, string orgUnitCode, RatingInput body, HttpContext context, Scoring scoring, CancellationToken ct) =>
            await scoring.SetRatingAsync(id, orgUnitCode, body, context.Caller(), ct))
            .WithName("SetRating")
            .WithSummary("Record the democratic rating (民主测评) vote counts {excellent, good, fair, poor} of a participant (DistrictAdmin over it); 409 once published.");

        cycles.MapGet("/results", async (long id, HttpContext context, AssessmentResults results, CancellationToken ct) =>
        {
            var cycle = await results.GetAsync(id, context.Caller(), ct);
            return context.Request.WantsSpreadsheet() ? ResultsSheet.File(cycle) : Results.Ok(cycle.Results);
        })
        .WithName("GetResults").ProducesJsonOrSpreadsheet<IReadOnlyList<ResultView>>()
        .WithSummary("The results: rank (ties share it), indicator score, rating score, bonus, total, veto and grade per participant, with their inputs; .xlsx with Accept.");

        cycles.MapGet("/results.xlsx", async (long id, HttpContext context, AssessmentResults results, CancellationToken ct) =>
            ResultsSheet.File(await results.GetAsync(id, context.Caller(), ct)))
            .WithName("GetResultsSpreadsheet").ProducesSpreadsheet()
            .WithSummary("The results as a spreadsheet: Chinese headers, one row per participant, every input of the formula shown.");

        cycles.MapPost("/results/publish", async (long id, HttpContext context, ResultsPublication publication, CancellationToken ct) =>
            await publication.PublishAsync(id, context.Caller(), ct))
            .WithName("PublishResults")
            .WithSummary("Publish the results (DistrictAdmin over the scope) once every sheet is complete: scores and votes freeze (409 after), the results are journaled.");
    }
}
