using System.Security.Cryptography;

namespace CommunityWorkflows.Host.Tools.Demo;

static class DemoPasswords
{
    // no 0/O, 1/l/I: read off a terminal and typed by hand
    const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate(int length = 12) => RandomNumberGenerator.GetString(Alphabet, length);
}
