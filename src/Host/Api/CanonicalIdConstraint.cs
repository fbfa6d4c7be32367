using System.Globalization;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Takes the place of the route constraints <c>long</c> and <c>int</c>: an id in a path is written one way only,
/// decimal digits without a sign or leading zeros, within the type's range, so <c>/api/cycles/+1</c> and
/// <c>/api/cycles/01</c> are not cycle 1 but unknown paths (404), and one resource has one address.
/// </summary>
class CanonicalIdConstraint(long max) : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && Convert.ToString(value, CultureInfo.InvariantCulture) is { } text && IsCanonical(text, max);

    public static bool IsCanonical(string text, long max) =>
        text.Length is > 0 and <= 19 && text.All(char.IsAsciiDigit) && (text == "0" || text[0] != '0')
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= max;
}

/// <summary>The <c>long</c> route constraint, canonical.</summary>
sealed class CanonicalLongConstraint() : CanonicalIdConstraint(long.MaxValue);

/// <summary>The <c>int</c> route constraint, canonical.</summary>
sealed class CanonicalIntConstraint() : CanonicalIdConstraint(int.MaxValue);
