using System.Globalization;
using System.Runtime.CompilerServices;

namespace CommunityWorkflows.Workflows.Tests;

/// <summary>Texts for people follow the UI culture (Say); the tests assert the English ones, whatever the machine's language.</summary>
static class EnglishTexts
{
    [ModuleInitializer]
    internal static void Choose() => CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
}
