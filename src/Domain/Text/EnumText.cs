namespace CommunityWorkflows.Domain.Text;

/// <summary>
/// Reading an enum from what a person typed: one member's name, any letter case, nothing else — not a
/// number, not a comma-separated combination (which <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> accepts).
/// </summary>
public static class EnumText
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name)) return false;
        var match = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (match is null) return false;
        value = Enum.Parse<T>(match);
        return true;
    }

    public static string Expected<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>());
}
