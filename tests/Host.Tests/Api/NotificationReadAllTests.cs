using CommunityWorkflows.Testing.Host;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Notifications;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Api;

public class NotificationReadAllTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Read_all_marks_every_unread_notification_of_the_caller_and_says_how_many()
    {
        await using (var connection = await host.Get<NpgsqlDataSource>().OpenConnectionAsync())
        {
            var userId = await connection.ExecuteScalarAsync<long>("select id from app_user where username = 'admin'");
            const long unitId = 0; // direct recipients only: no audience is looked up at a unit
            await using var tx = await connection.BeginTransactionAsync();
            await host.Get<NoticeWriter>().WriteAsync(tx,
                [new Notice("read-all:1", NoticeKinds.Reminder, "提醒一", unitId, null, [userId]), new Notice("read-all:2", NoticeKinds.Overdue, "逾期一", unitId, null, [userId])],
                host.Clock.GetUtcNow(), default);
            await tx.CommitAsync();
        }
        var admin = await host.ClientAsync();

        var marked = await (await admin.PostAsync("/api/notifications/read-all", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, marked.GetProperty("marked").GetInt32());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true")).EnumerateArray());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/notifications")).GetArrayLength());
        var again = await (await admin.PostAsync("/api/notifications/read-all", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("marked").GetInt32());
    }
}
