using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>The Chinese subjects of liaison-point notices.</summary>
public static class LiaisonNoticeText
{
    const int MaxQuoted = 30;

    static string Day(DateOnly date) => date.ToString("yyyy年M月d日");

    // cut between whole characters: half an emoji cannot be stored, and the notice would stall the dispatcher's batch
    static string Quote(string text) => TextCut.Prefix(text, MaxQuoted, "…");

    public static string ProblemReminder(string owner, string community, string description, DateOnly dueOn, int daysBefore) =>
        $"【提醒】{owner}承办的联系点（{community}）问题「{Quote(description)}」将于{Day(dueOn)}到期（还有{daysBefore}天），请按时整改。";

    public static string ProblemOverdue(string owner, string community, string description, DateOnly dueOn) =>
        $"【逾期】{owner}承办的联系点（{community}）问题「{Quote(description)}」已于{Day(dueOn)}到期，尚未解决。";

    public static string ProblemEscalation(string owner, string community, string description, DateOnly dueOn, int workdaysLate) =>
        $"【督办】您的联系点（{community}）问题「{Quote(description)}」由{owner}承办，{Day(dueOn)}到期，已逾期{workdaysLate}个工作日仍未解决，请督促落实。";

    public static string VisitDue(string community, DateOnly? lastVisitOn, DateOnly startedOn, int days) => lastVisitOn is { } last
        ? $"【走访提醒】您的联系点（{community}）上次走访是{Day(last)}，已{days}天未走访，请尽快到联系点走访调研。"
        : $"【走访提醒】您的联系点（{community}）自{Day(startedOn)}设立以来已{days}天未走访，请尽快到联系点走访调研。";
}
