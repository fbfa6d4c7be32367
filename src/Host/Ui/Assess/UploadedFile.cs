using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Domain.Errors;
using Microsoft.AspNetCore.Components.Forms;

namespace CommunityWorkflows.Host.Ui.Assess;

/// <summary>A file chosen in the browser, read into memory up to the evidence limit (Limits:MaxEvidenceBytes), as the API's upload reads it.</summary>
static class UploadedFile
{
    public static async Task<byte[]> ReadAsync(IBrowserFile file, long maxBytes, CancellationToken ct)
    {
        if (file.Size > maxBytes)
            throw new RuleViolationException("/evidence", Say.Text($"{file.Name} is larger than {maxBytes / (1 << 20)} MB.", $"{file.Name} 超过 {maxBytes / (1 << 20)} MB。"));
        await using var stream = file.OpenReadStream(maxBytes, ct);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
