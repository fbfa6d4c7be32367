using System.Text;
using System.Text.RegularExpressions;

namespace CommunityWorkflows.Domain.Tests.Text;

/// <summary>
/// Every rule violation, refusal, conflict and not-found message in src/ is said in both languages (Say.Text or
/// Say.Format): a bare string literal handed to one of them would reach a Chinese form in English.
/// </summary>
public partial class SaidMessagesTests
{
    /// <summary>Sites whose words are not for people, by file and a piece of the literal.</summary>
    static readonly (string File, string Literal)[] NotForPeople = [];

    [Fact]
    public void Messages_for_people_are_said_in_chinese_and_english()
    {
        var root = RepositoryRoot();
        var bare = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            var file = Path.GetRelativePath(root, path).Replace('\\', '/');
            foreach (var (line, literal) in BareMessages(File.ReadAllText(path)))
                if (!NotForPeople.Any(a => file == a.File && literal.Contains(a.Literal, StringComparison.Ordinal)))
                    bare.Add($"{file}:{line}: {literal}");
        }
        Assert.True(bare.Count == 0, "Say these in both languages (Say.Text(en, zh)):\n" + string.Join("\n", bare));
    }

    [Fact]
    public void The_scan_finds_a_bare_message_and_passes_a_said_one()
    {
        const string code = """
            throw new ConflictException($"Task {id} is {state}; it was submitted.");
            errors.Add(new FieldError("/limit", Say.Text($"limit must be between 1 and {Max}.", $"每页条数须在 1 至 {Max} 之间。")));
            throw new RuleViolationException("/year", Years.Problem);
            throw new ForbiddenException(ok ? Say.Text("Only an administrator.", "只有管理员。") : "Nobody may do this.");
            errors.Add(new("/code", "code is required."));
            r.Error("maxScore", $"maxScore must be above 0, not {maxScore}.");
            Fail("name", Say.Text("Name is required.", "名称为必填项。"));
            var sql = "select 1 from task where id = @id"; // not a message
            """;
        Assert.Equal(["$\"Task {id} is {state}; it was submitted.\"", "\"Nobody may do this.\"", "\"code is required.\"", "$\"maxScore must be above 0, not {maxScore}.\""],
            BareMessages(code).Select(m => m.Literal));
    }

    /// <summary>String literals with words in the arguments of a message site, outside any Say call.</summary>
    static IEnumerable<(int Line, string Literal)> BareMessages(string code)
    {
        foreach (Match site in Site().Matches(code))
        {
            if (InsideLiteralOrComment(code, site.Index)) continue;
            var said = new Stack<bool>();
            said.Push(false);
            for (var i = site.Index + site.Length; i < code.Length && said.Count > 0;)
            {
                var c = code[i];
                if (c == '(') { said.Push(said.Peek() || SayCall().IsMatch(code[Math.Max(0, i - 12)..i])); i++; }
                else if (c == ')') { said.Pop(); i++; }
                else if (LiteralEnd(code, i) is { } end)
                {
                    var literal = code[i..end];
                    if (!said.Peek() && Words().IsMatch(literal)) yield return (code[..i].Count(ch => ch == '\n') + 1, literal);
                    i = end;
                }
                else if (c == '/' && i + 1 < code.Length && code[i + 1] == '/') i = code.IndexOf('\n', i) is var n and >= 0 ? n : code.Length;
                else i++;
            }
        }
    }

    static bool InsideLiteralOrComment(string code, int at)
    {
        var lineStart = code.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var before = code[lineStart..at].TrimStart();
        return before.StartsWith("//", StringComparison.Ordinal) || before.StartsWith('*') || before.Count(ch => ch == '"') % 2 == 1;
    }

    /// <summary>Where the string or char literal starting at <paramref name="i"/> ends, or null when none starts there.</summary>
    static int? LiteralEnd(string s, int i)
    {
        if (s[i] == '\'') return CharEnd(s, i);
        var j = i;
        var interpolated = 0;
        var verbatim = false;
        while (j < s.Length && (s[j] == '$' || s[j] == '@'))
        {
            if (s[j] == '$') interpolated++; else verbatim = true;
            j++;
        }
        if (j >= s.Length || s[j] != '"') return null;
        if (j > i && !(s[i] == '$' || s[i] == '@')) return null;
        if (s.AsSpan(j).StartsWith("\"\"\"")) return RawEnd(s, j);
        j++;
        while (j < s.Length)
        {
            var c = s[j];
            if (!verbatim && c == '\\') { j += 2; continue; }
            if (c == '"')
            {
                if (verbatim && j + 1 < s.Length && s[j + 1] == '"') { j += 2; continue; }
                return j + 1;
            }
            if (interpolated > 0 && c == '{')
            {
                if (j + 1 < s.Length && s[j + 1] == '{') { j += 2; continue; }
                j = HoleEnd(s, j + 1);
                continue;
            }
            j++;
        }
        return s.Length;
    }

    static int HoleEnd(string s, int j)
    {
        var depth = 1;
        while (j < s.Length)
        {
            if (LiteralEnd(s, j) is { } end) { j = end; continue; }
            if (s[j] == '{') depth++;
            else if (s[j] == '}' && --depth == 0) return j + 1;
            j++;
        }
        return j;
    }

    static int CharEnd(string s, int i)
    {
        var j = i + 1;
        if (j < s.Length && s[j] == '\\') j += 2; else j++;
        while (j < s.Length && s[j] != '\'') j++;
        return Math.Min(j + 1, s.Length);
    }

    static int RawEnd(string s, int j)
    {
        var quotes = 0;
        while (j < s.Length && s[j] == '"') { quotes++; j++; }
        var close = s.IndexOf(new string('"', quotes), j, StringComparison.Ordinal);
        return close < 0 ? s.Length : close + quotes;
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CommunityWorkflows.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (CommunityWorkflows.sln) was not found.");
    }

    [GeneratedRegex(@"\bnew\s+(FieldError|RuleViolationException|ForbiddenException|ConflictException|NotFoundException)\s*\(|\berrors\.(Add|Insert)\((\s*0\s*,)?\s*new\s*\(|\byield\s+return\s+new\s*\((?=\s*\$?""/)|\bError\((?=\s*""?[\w\[\]\.]+(\s*-\s*1\])?""?\s*,)|\bFail\((?=""\w+"",)")]
    private static partial Regex Site();

    [GeneratedRegex(@"Say\.(Text|Format|Name)\s*$")]
    private static partial Regex SayCall();

    /// <summary>Words: two letters, a space, a letter (pointers like "/limit" and separators like ", " have none).</summary>
    [GeneratedRegex(@"[A-Za-z]{2,}[^""]*\s[^""]*[A-Za-z]")]
    private static partial Regex Words();
}
