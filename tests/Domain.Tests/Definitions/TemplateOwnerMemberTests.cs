using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Tests.Definitions;

public class TemplateOwnerMemberTests
{
    [Fact]
    public void The_owner_is_read_beside_the_definition_and_never_becomes_part_of_it()
    {
        var json = TemplateSample.Minimal();
        json["ownerScopeCode"] = "JC-DH";

        var result = TemplateSample.Parse(json);
        var template = result.AssertValid();
        Assert.Equal("JC-DH", result.OwnerScopeCode);
        Assert.DoesNotContain("ownerScopeCode", TemplateJson.Serialize(template));
        Assert.Equal(TemplateJson.Serialize(TemplateSample.Parse(TemplateSample.Minimal()).AssertValid()), TemplateJson.Serialize(template));
    }

    [Fact]
    public void Left_out_or_null_there_is_no_owner_named()
    {
        Assert.Null(TemplateSample.Parse(TemplateSample.Minimal()).OwnerScopeCode);
        var json = TemplateSample.Minimal();
        json["ownerScopeCode"] = null;
        Assert.Null(TemplateSample.Parse(json).OwnerScopeCode);
        TemplateSample.Parse(json).AssertValid();
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"JC DH\"")]
    [InlineData("\"-JC\"")]
    [InlineData("7")]
    [InlineData("[\"JC-DH\"]")]
    public void An_owner_that_is_not_an_org_unit_code_is_refused_on_its_member(string value)
    {
        var json = TemplateSample.Minimal();
        json["ownerScopeCode"] = JsonNode.Parse(value);
        var result = TemplateSample.Parse(json);
        result.AssertErrors("/ownerScopeCode");
        Assert.Null(result.OwnerScopeCode);
    }
}
