using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Domain.Tests.Access;

public class AccountRulesTests
{
    [Theory]
    [InlineData("zhang.san", "long-enough", true)]
    [InlineData("Zhang.San", "long-enough", true)]
    [InlineData("z", "long-enough", false)]
    [InlineData("-zhang", "long-enough", false)]
    [InlineData("张三", "long-enough", false)]
    [InlineData("zhang", "short", false)]
    [InlineData(null, "long-enough", false)]
    [InlineData("zhang", null, false)]
    public void Usernames_and_passwords_are_checked(string? username, string? password, bool valid) =>
        Assert.Equal(valid, !AccountRules.Check(username, password, null).Any());

    [Fact]
    public void Every_broken_field_is_named()
    {
        var fields = AccountRules.Check("", "", new string('名', 101)).Select(e => e.Field);
        Assert.Equal(["/username", "/password", "/displayName"], fields);
    }

    [Theory]
    [InlineData("Leader@D1", "Leader", "D1")]
    [InlineData("SystemAdmin", "SystemAdmin", null)]
    [InlineData(" StreetOfficer @ S1 ", "StreetOfficer", "S1")]
    public void Role_specs_read_as_role_at_unit(string spec, string role, string? code) =>
        Assert.Equal((role, code), RolePlacement.ParseSpec(spec));
}
