using System.Text;
using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Walks a JSON body once and names, by JSON pointer, what no endpoint can store: NUL characters, broken
/// surrogate pairs, and keys given twice in one object (the later silently winning). Malformed JSON is left
/// to the endpoint, which answers 400.
/// </summary>
static class JsonTextCheck
{
    sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;
        public HashSet<string> Keys { get; } = [];
        public string? Key { get; set; }
        public int Index { get; set; } = -1;
    }

    public static IReadOnlyList<FieldError> Check(ReadOnlySpan<byte> json)
    {
        var errors = new List<FieldError>();
        var path = new List<Frame>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var key = Text(ref reader, path, errors) ?? "";
                        path[^1].Key = key;
                        if (!path[^1].Keys.Add(key))
                            errors.Add(new FieldError(Pointer(path), Say.Text("This key is given twice in one object.", "同一对象中该属性出现两次。")));
                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        Text(ref reader, path, errors);
                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // malformed: the endpoint's own reader reports it as a 400
        }
        return errors;
    }

    static void Advance(List<Frame> path)
    {
        if (path.Count > 0 && !path[^1].IsObject) path[^1].Index++;
    }

    static string? Text(ref Utf8JsonReader reader, List<Frame> path, List<FieldError> errors)
    {
        try
        {
            var text = reader.GetString()!;
            if (text.Contains('\0'))
                errors.Add(new FieldError(Pointer(path), Say.Text("NUL characters (\\u0000) are not accepted.", "不接受 NUL 字符（\\u0000）。")));
            return text;
        }
        catch (InvalidOperationException)
        {
            errors.Add(new FieldError(Pointer(path), Say.Text("The text holds a broken character (an unpaired surrogate).", "文本中含有损坏的字符（未配对的代理项）。")));
            return null;
        }
    }

    static string Pointer(List<Frame> path)
    {
        var pointer = new StringBuilder();
        foreach (var frame in path)
        {
            var segment = frame.IsObject ? frame.Key : frame.Index >= 0 ? frame.Index.ToString() : null;
            if (segment is not null) pointer.Append('/').Append(segment.Replace("~", "~0").Replace("/", "~1"));
        }
        return pointer.Length == 0 ? "/" : pointer.ToString();
    }
}
