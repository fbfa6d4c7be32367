using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Journal;

/// <summary>
/// The append-only journal. Entries are written in the caller's transaction, so a change and its
/// journal entry commit or vanish together; each stream is hash-chained so that an edited row shows.
/// </summary>
public sealed class EventJournal(NpgsqlDataSource db)
{
    static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly byte[] Genesis = new byte[32];

    /// <summary>Appends <paramref name="drafts"/> at <paramref name="at"/>; the stream heads are locked until the transaction ends.</summary>
    public Task AppendAsync(NpgsqlTransaction tx, DateTimeOffset at, string? actor, IReadOnlyList<JournalDraft> drafts, CancellationToken ct) =>
        AppendInAsync(tx, at, actor, drafts, ct);

    /// <summary>The same, for start-up installers that run on the migration's connection before services exist.</summary>
    internal static async Task AppendInAsync(NpgsqlTransaction tx, DateTimeOffset at, string? actor, IReadOnlyList<JournalDraft> drafts, CancellationToken ct)
    {
        if (drafts.Count == 0) return;
        var connection = tx.Connection!;
        at = TruncateToMicroseconds(at);
        var streams = drafts.GroupBy(d => d.Stream, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        // every head in one statement, locked in one order everywhere (the streams sorted, inserted in that order),
        // so two transactions touching the same streams never deadlock, however many streams a batch touches
        var heads = (await connection.QueryAsync<(string Stream, long LastSeq, byte[] LastHash)>(new CommandDefinition(
            """
            insert into journal_stream (stream, last_seq, last_hash)
            select s, 0, @genesis from unnest(@streams) with ordinality as t(s, o) order by o
            on conflict (stream) do update set stream = excluded.stream
            returning stream, last_seq, last_hash
            """, new { streams = streams.Select(g => g.Key).ToArray(), genesis = Genesis }, tx, cancellationToken: ct)))
            .ToDictionary(h => h.Stream, StringComparer.Ordinal);
        var rows = new List<(string Stream, long Seq, string Action, string? Subject, string? Payload, byte[] Previous, byte[] Hash)>(drafts.Count);
        var ends = new List<(string Stream, long Seq, byte[] Hash)>(streams.Count);
        foreach (var stream in streams)
        {
            var (_, seq, previous) = heads[stream.Key];
            foreach (var draft in stream)
            {
                var payload = draft.Payload is null ? null : draft.Payload as string ?? JsonSerializer.Serialize(draft.Payload, PayloadJson);
                seq++;
                var hash = Hash(previous, stream.Key, seq, at, actor, draft.Action, draft.Subject, payload);
                rows.Add((stream.Key, seq, draft.Action, draft.Subject, payload, previous, hash));
                previous = hash;
            }
            ends.Add((stream.Key, seq, previous));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update journal_stream j set last_seq = t.seq, last_hash = t.hash
            from unnest(@streams, @seqs, @hashes) as t(s, seq, hash) where j.stream = t.s
            """,
            new { streams = ends.Select(e => e.Stream).ToArray(), seqs = ends.Select(e => e.Seq).ToArray(), hashes = ends.Select(e => e.Hash).ToArray() },
            tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into journal_entry (stream, seq, at, actor, action, subject, payload, previous_hash, hash)
            select s, q, @at, @actor, a, sub, p::json, ph, h
            from unnest(@streams, @seqs, @actions, @subjects, @payloads, @previous, @hashes) as t(s, q, a, sub, p, ph, h)
            """,
            new
            {
                at, actor,
                streams = rows.Select(r => r.Stream).ToArray(),
                seqs = rows.Select(r => r.Seq).ToArray(),
                actions = rows.Select(r => r.Action).ToArray(),
                subjects = rows.Select(r => r.Subject).ToArray(),
                payloads = rows.Select(r => r.Payload).ToArray(),
                previous = rows.Select(r => r.Previous).ToArray(),
                hashes = rows.Select(r => r.Hash).ToArray(),
            }, tx, cancellationToken: ct));
    }

    /// <summary>One page of the stream's entries, in order.</summary>
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, JournalPage page, CancellationToken ct) =>
        ReadAsync(stream, ct, page.AfterSeq, page.Limit);

    /// <summary>The stream's entries in order, from after <paramref name="afterSeq"/>, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, CancellationToken ct, long afterSeq = 0, int limit = int.MaxValue)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long Seq, DateTime At, string? Actor, string Action, string? Subject, string? Payload, byte[] PreviousHash, byte[] Hash)>(
            new CommandDefinition(
                """
                select seq, at, actor, action, subject, payload::text, previous_hash, hash from journal_entry
                where stream = @stream and seq > @afterSeq order by seq limit @limit
                """,
                new { stream, afterSeq, limit }, cancellationToken: ct));
        return rows.Select(r => new JournalEntry(r.Seq, new DateTimeOffset(r.At, TimeSpan.Zero), r.Actor, r.Action, r.Subject, r.Payload,
            Convert.ToHexStringLower(r.PreviousHash), Convert.ToHexStringLower(r.Hash))).ToList();
    }

    public const int VerifyPageSize = 10_000;

    sealed record StreamHead(long LastSeq, byte[] LastHash);

    /// <summary>
    /// Recomputes every hash of the stream from the stored columns, a page at a time, up to the stream's head as it
    /// stood when verification began (entries appended meanwhile are not its business), and compares the end of the
    /// chain with that head, so that deleting the newest entries shows as well as editing one.
    /// </summary>
    public async Task<JournalVerification> VerifyAsync(string stream, CancellationToken ct)
    {
        StreamHead? head;
        await using (var connection = await db.OpenConnectionAsync(ct))
            head = await connection.QuerySingleOrDefaultAsync<StreamHead>(new CommandDefinition(
                "select last_seq, last_hash from journal_stream where stream = @stream", new { stream }, cancellationToken: ct));
        if (head is null) // no head: there must be no entries either
            return (await ReadAsync(stream, ct, limit: 1)).Count == 0 ? new JournalVerification(true, 0, null) : new JournalVerification(false, 0, 1);
        var previous = Genesis;
        long count = 0;
        while (count < head.LastSeq)
        {
            var page = await ReadAsync(stream, ct, afterSeq: count, limit: (int)Math.Min(VerifyPageSize, head.LastSeq - count));
            foreach (var e in page)
            {
                count++;
                var hash = Hash(previous, stream, e.Seq, e.At, e.Actor, e.Action, e.Subject, e.Payload);
                if (e.Seq != count || Convert.ToHexStringLower(previous) != e.PreviousHash || Convert.ToHexStringLower(hash) != e.Hash)
                    return new JournalVerification(false, count, e.Seq);
                previous = hash;
            }
            if (page.Count == 0) break;
        }
        return count == head.LastSeq && head.LastHash.AsSpan().SequenceEqual(previous)
            ? new JournalVerification(true, count, null)
            : new JournalVerification(false, count, count + 1);
    }

    static byte[] Hash(byte[] previous, string stream, long seq, DateTimeOffset at, string? actor, string action, string? subject, string? payload)
    {
        var text = string.Join('\n', Convert.ToHexStringLower(previous), stream, seq,
            at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"), actor ?? "", action, subject ?? "", payload ?? "");
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }

    static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}
