using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Access;

/// <summary>What a username and a password must look like.</summary>
public static partial class AccountRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex UsernamePattern();

    public static string NormaliseUsername(string username) => username.Trim().ToLowerInvariant();

    public static IEnumerable<FieldError> Check(string? username, string? password, string? displayName)
    {
        if (string.IsNullOrWhiteSpace(username))
            yield return new("/username", Say.Text("Username is required.", "用户名为必填项。"));
        else if (!UsernamePattern().IsMatch(NormaliseUsername(username)))
            yield return new("/username", Say.Text("Username must be 2-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit.", "用户名须为 2 至 64 个字符，只能使用 a-z、0-9、“.”、“_”或“-”，并以字母或数字开头。"));
        foreach (var e in CheckPassword(password))
            yield return e;
        if (displayName is { Length: > 100 })
            yield return new("/displayName", Say.Text("Display name must be at most 100 characters.", "显示名称不能超过 100 个字符。"));
        else if (PlainText.Problem(displayName) is { } problem)
            yield return new("/displayName", problem);
    }

    public static IEnumerable<FieldError> CheckPassword(string? password)
    {
        if (string.IsNullOrEmpty(password))
            yield return new("/password", Say.Text("Password is required.", "密码为必填项。"));
        else if (password.Length is < MinPasswordLength or > MaxPasswordLength)
            yield return new("/password", Say.Text($"Password must be {MinPasswordLength}-{MaxPasswordLength} characters.", $"密码须为 {MinPasswordLength} 至 {MaxPasswordLength} 个字符。"));
    }
}
