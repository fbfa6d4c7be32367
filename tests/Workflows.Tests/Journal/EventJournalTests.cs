using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Journal;

public class EventJournalTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    async Task AppendAsync(params JournalDraft[] drafts)
    {
        await using var connection = await engine.Get<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await engine.Get<EventJournal>().AppendAsync(tx, engine.Clock.GetUtcNow(), "tester", drafts, CancellationToken.None);
        await tx.CommitAsync();
    }

    [Fact]
    public async Task Entries_chain_per_stream_and_verify()
    {
        var stream = "test:" + Guid.NewGuid();
        await AppendAsync(new JournalDraft(stream, "Launched", "c1", new { participants = 3 }), new JournalDraft("other:" + Guid.NewGuid(), "Noise"));
        engine.Clock.Advance(TimeSpan.FromMinutes(3));
        await AppendAsync(new JournalDraft(stream, "Submitted", "t1", new { comment = "已完成" }));

        var entries = await engine.Get<EventJournal>().ReadAsync(stream, CancellationToken.None);
        Assert.Equal([1L, 2L], entries.Select(e => e.Seq));
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(new string('0', 64), entries[0].PreviousHash);
        Assert.Equal("""{"comment":"已完成"}""", entries[1].Payload);
        Assert.Equal(new JournalVerification(true, 2, null), await engine.Get<EventJournal>().VerifyAsync(stream, CancellationToken.None));
    }

    [Fact]
    public async Task An_altered_row_fails_verification()
    {
        var stream = "test:" + Guid.NewGuid();
        await AppendAsync(new JournalDraft(stream, "Scored", "u1", new { score = 80 }));
        await AppendAsync(new JournalDraft(stream, "Scored", "u2", new { score = 75 }));
        await AppendAsync(new JournalDraft(stream, "Published"));

        await using (var connection = new NpgsqlConnection(engine.ConnectionString))
            await connection.ExecuteAsync("""update journal_entry set payload = '{"score":95}' where stream = @stream and seq = 2""", new { stream });

        var verification = await engine.Get<EventJournal>().VerifyAsync(stream, CancellationToken.None);
        Assert.False(verification.Valid);
        Assert.Equal(2, verification.FirstBrokenSeq);
    }

    [Fact]
    public async Task A_deleted_row_fails_verification()
    {
        var stream = "test:" + Guid.NewGuid();
        await AppendAsync(new JournalDraft(stream, "A"), new JournalDraft(stream, "B"), new JournalDraft(stream, "C"));

        await using (var connection = new NpgsqlConnection(engine.ConnectionString))
            await connection.ExecuteAsync("delete from journal_entry where stream = @stream and seq = 2", new { stream });

        Assert.Equal(3, (await engine.Get<EventJournal>().VerifyAsync(stream, CancellationToken.None)).FirstBrokenSeq);
    }

    [Fact]
    public async Task Deleting_the_newest_entries_fails_verification()
    {
        var stream = "test:" + Guid.NewGuid();
        await AppendAsync(new JournalDraft(stream, "A"), new JournalDraft(stream, "B"), new JournalDraft(stream, "C"));

        await using (var connection = new NpgsqlConnection(engine.ConnectionString))
            await connection.ExecuteAsync("delete from journal_entry where stream = @stream and seq = 3", new { stream });

        var verification = await engine.Get<EventJournal>().VerifyAsync(stream, CancellationToken.None);
        Assert.False(verification.Valid);
        Assert.Equal(3, verification.FirstBrokenSeq);
    }

    [Fact]
    public async Task Nothing_is_journaled_when_the_transaction_rolls_back()
    {
        var stream = "test:" + Guid.NewGuid();
        await using (var connection = await engine.Get<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await engine.Get<EventJournal>().AppendAsync(tx, engine.Clock.GetUtcNow(), "tester", [new JournalDraft(stream, "Lost")], CancellationToken.None);
            await tx.RollbackAsync();
        }
        Assert.Empty(await engine.Get<EventJournal>().ReadAsync(stream, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_appends_to_one_stream_keep_one_chain()
    {
        var stream = "test:" + Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => AppendAsync(new JournalDraft(stream, "Step", $"{i}")))));
        var verification = await engine.Get<EventJournal>().VerifyAsync(stream, CancellationToken.None);
        Assert.Equal(new JournalVerification(true, 8, null), verification);
    }

    [Fact]
    public async Task One_append_across_many_streams_chains_each_and_concurrent_batches_in_any_order_do_not_deadlock()
    {
        var streams = Enumerable.Range(0, 50).Select(i => $"test:{Guid.NewGuid()}:{i}").ToList();
        await AppendAsync(streams.SelectMany(s => new[] { new JournalDraft(s, "Opened"), new JournalDraft(s, "Reminded") }).ToArray());
        // two batches over the same streams, listed in opposite orders, at once: the heads are locked in one order
        await Task.WhenAll(
            Task.Run(() => AppendAsync(streams.Select(s => new JournalDraft(s, "Overdue")).ToArray())),
            Task.Run(() => AppendAsync(Enumerable.Reverse(streams).Select(s => new JournalDraft(s, "Escalated")).ToArray())));

        foreach (var stream in streams)
        {
            var entries = await engine.Get<EventJournal>().ReadAsync(stream, CancellationToken.None);
            Assert.Equal([1L, 2L, 3L, 4L], entries.Select(e => e.Seq));
            Assert.Equal(["Opened", "Reminded"], entries.Take(2).Select(e => e.Action));
            Assert.Equal(new JournalVerification(true, 4, null), await engine.Get<EventJournal>().VerifyAsync(stream, CancellationToken.None));
        }
    }
}
