using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests;

public class ResourceNamesTests
{
    [Theory]
    [InlineData("web-01", true)]
    [InlineData("a", true)]
    [InlineData("SQL_Prod_01", false)]
    [InlineData("-web", false)]
    [InlineData("web-", false)]
    [InlineData("Web Server 2", false)]
    [InlineData("", false)]
    public void Dns1123_labels(string name, bool valid)
    {
        Assert.Equal(valid, ResourceNames.IsDns1123Label(name));
        Assert.Equal(valid, ResourceNames.Dns1123Problem(name) is null);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_rejected_with_its_length()
    {
        var name = new string('a', 64);
        Assert.False(ResourceNames.IsDns1123Label(name));
        Assert.Contains("64", ResourceNames.Dns1123Problem(name));
    }
}
