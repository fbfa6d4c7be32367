using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;

namespace CommunityWorkflows.Host.Hosting;

/// <summary>
/// Gives Kestrel's own refusals a problem document. A request Kestrel cannot parse (a NUL in the path, a request
/// line or headers beyond its limits) is answered by the server itself, before any middleware, with a status line
/// and an empty body. This connection middleware recognises exactly that answer — an HTTP/1.x error status with
/// <c>Content-Length: 0</c> and <c>Connection: close</c>, which the API never sends (its errors always carry a
/// problem) — and writes the same status with an <c>application/problem+json</c> body instead (its headers alone to a HEAD).
/// </summary>
static class ServerRefusals
{
    public static ConnectionDelegate Rewrite(ConnectionDelegate next) => async connection =>
    {
        var transport = connection.Transport;
        var reader = new RequestLineReader(transport.Input);
        var writer = new RefusalWriter(transport.Output, connection.ConnectionId, reader);
        connection.Transport = new Pipe(reader, writer);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    };

    sealed record Pipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    /// <summary>
    /// The answer for a refusal (<paramref name="head"/> is its status line and headers), or null when it is not one;
    /// <paramref name="traceId"/> is the connection's id, which Kestrel's own log of the refusal names. The answer to a
    /// HEAD request keeps the problem's headers and leaves out its body, as every answer to a HEAD does.
    /// </summary>
    public static byte[]? Rewritten(ReadOnlySpan<byte> head, string traceId, bool toHead = false)
    {
        if (head.Length > 2048 || !(head.StartsWith("HTTP/1.1 4"u8) || head.StartsWith("HTTP/1.0 4"u8) || head.StartsWith("HTTP/1.1 5"u8))
            || !head.EndsWith("\r\n\r\n"u8) || head.IndexOf("\r\n\r\n"u8) != head.Length - 4
            || head.IndexOf("\r\nContent-Length: 0\r\n"u8) < 0 || head.IndexOf("\r\nConnection: close\r\n"u8) < 0)
            return null;
        var text = Encoding.ASCII.GetString(head);
        var statusLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        if (!int.TryParse(statusLine.AsSpan(9, 3), out var status)) return null;
        var problem = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
            title = statusLine.Length > 13 ? statusLine[13..] : "Refused",
            status,
            detail = Detail(status),
            traceId,
        });
        var headers = text[..^4].Replace("\r\nContent-Length: 0\r\n", $"\r\nContent-Type: application/problem+json\r\nContent-Length: {problem.Length}\r\n", StringComparison.Ordinal);
        return [.. Encoding.ASCII.GetBytes(headers + "\r\n\r\n"), .. toHead ? [] : problem];
    }

    static string Detail(int status) => status switch
    {
        400 => "The server could not read the request: its line or a header is malformed (a NUL or another control character in the path, for example).",
        414 => $"The request line is longer than the server reads ({RequestSizeGuard.ServerLineBytes / 1024} KB).",
        431 => $"The headers are larger than the server reads ({RequestSizeGuard.ServerHeaderBytes / 1024} KB in all).",
        _ => "The server refused the request before reading it.",
    };

    /// <summary>
    /// Passes every read through and remembers the method of the request being read: Kestrel parses a request line
    /// from the start of a read's buffer, so a buffer that starts with a method token starts the request it refuses.
    /// </summary>
    sealed class RequestLineReader(PipeReader inner) : PipeReader
    {
        public bool ReadingHead { get; private set; }

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) => Seen(await inner.ReadAsync(cancellationToken));

        public override bool TryRead(out ReadResult result)
        {
            if (!inner.TryRead(out result)) return false;
            Seen(result);
            return true;
        }

        ReadResult Seen(ReadResult result)
        {
            Span<byte> start = stackalloc byte[8];
            var length = (int)Math.Min(start.Length, result.Buffer.Length);
            result.Buffer.Slice(0, length).CopyTo(start);
            var space = start[..length].IndexOf((byte)' ');
            // a method token (GET, HEAD, OPTIONS…) and its space; headers and bodies go on in the same request
            if (space >= 3 && !start[..space].ContainsAnyExceptInRange((byte)'A', (byte)'Z'))
                ReadingHead = start[..space].SequenceEqual("HEAD"u8);
            return result;
        }

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }

    /// <summary>Passes every flush through, rewriting one that is wholly a refusal's head.</summary>
    sealed class RefusalWriter(PipeWriter inner, string connectionId, RequestLineReader requests) : PipeWriter
    {
        const int KeptCapacity = 16 * 1024;
        ArrayBufferWriter<byte> pending = new();

        public override void Advance(int bytes) => pending.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => pending.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => pending.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        // Kestrel's response writer reports these to System.Text.Json, which flushes large bodies by them
        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => pending.WrittenCount + (inner.CanGetUnflushedBytes ? inner.UnflushedBytes : 0);

        public override void Complete(Exception? exception = null)
        {
            Forward();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            Forward();
            await inner.CompleteAsync(exception);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Forward();
            return inner.FlushAsync(cancellationToken);
        }

        void Forward()
        {
            if (pending.WrittenCount == 0) return;
            if (Rewritten(pending.WrittenSpan, connectionId, requests.ReadingHead) is { } problem) inner.Write(problem);
            else inner.Write(pending.WrittenSpan);
            // a large download does not keep its buffer for the connection's life
            if (pending.Capacity > KeptCapacity) pending = new ArrayBufferWriter<byte>();
            else pending.ResetWrittenCount();
        }
    }
}
