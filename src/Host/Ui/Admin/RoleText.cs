using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Accounts;
using Microsoft.Extensions.Localization;

namespace CommunityWorkflows.Host.Ui.Admin;

/// <summary>How a scoped role reads: 区组织部管理员 @ JC-DH; and the engine's spelling of it (<c>Leader@JC-DH</c>) for removal.</summary>
static class RoleText
{
    public static string Name(IStringLocalizer<AdminText> l, Role role) => l[$"Role{role}"].Value;

    public static string Of(IStringLocalizer<AdminText> l, RoleView role) =>
        role.OrgUnitCode is { } code ? $"{Name(l, role.Role)} @ {code}" : Name(l, role.Role);

    public static string Spec(RoleView role) => role.OrgUnitCode is { } code ? $"{role.Role}@{code}" : role.Role.ToString();

    /// <summary>A password shown once to the administrator who set it: 16 letters and digits without look-alikes.</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(16, alphabet, (span, a) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = a[System.Security.Cryptography.RandomNumberGenerator.GetInt32(a.Length)];
        });
    }
}
