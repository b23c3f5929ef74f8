using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests;

public class ProviderValidationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lab_provider_with_a_loaded_inventory_is_ready()
    {
        var provider = new Provider { Name = "lab-vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab };

        ProviderValidation.Apply(provider, new ConnectionResult(true, null, true), T0);

        Assert.True(provider.IsReady);
        Assert.Equal(ProviderPhase.Ready, provider.Phase);
        Assert.Contains(provider.Conditions, c => c.Type == ConditionTypes.ConnectionTestSucceeded && c.Message == "Connection test, succeeded.");
        Assert.Contains(provider.Conditions, c => c.Type == ConditionTypes.InventoryCreated);
        Assert.Equal(provider.Generation, provider.ObservedGeneration);
    }

    [Fact]
    public void A_failed_connection_blocks_with_the_error_and_drops_the_old_success()
    {
        var provider = new Provider { Name = "vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab };
        ProviderValidation.Apply(provider, new ConnectionResult(true, null, true), T0);

        ProviderValidation.Apply(provider, new ConnectionResult(false, "connection refused", false), T0.AddMinutes(1));

        Assert.False(provider.IsReady);
        Assert.Equal(ProviderPhase.ConnectionFailed, provider.Phase);
        Assert.Equal("Connection test, failed: connection refused", provider.FirstBlocker!.Message);
        Assert.DoesNotContain(provider.Conditions, c => c.Type == ConditionTypes.ConnectionTestSucceeded);
    }

    [Theory]
    [InlineData("", ConditionReasons.NotSet)]
    [InlineData("http://vcenter.example.com/sdk", ConditionReasons.Malformed)]
    [InlineData("not a url", ConditionReasons.Malformed)]
    public void A_remote_provider_needs_an_https_url(string url, string reason)
    {
        var provider = new Provider { Name = "vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, Url = url, SecretId = Guid.NewGuid() };

        ProviderValidation.Apply(provider, null, T0);

        var condition = Assert.Single(provider.Conditions, c => c.Type == ConditionTypes.UrlNotValid);
        Assert.Equal(reason, condition.Reason);
        Assert.Equal(ProviderPhase.ValidationFailed, provider.Phase);
    }

    [Fact]
    public void A_remote_provider_without_a_secret_is_not_valid()
    {
        var provider = new Provider { Name = "vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, Url = "https://vc.example.com/sdk" };

        ProviderValidation.Apply(provider, null, T0);

        Assert.Contains(provider.Conditions, c => c.Type == ConditionTypes.SecretNotValid && c.Reason == ConditionReasons.NotSet);
        Assert.False(provider.IsReady);
    }
}

public class ProviderSecretDataTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static Provider Remote(ProviderType type) => new()
    {
        Name = "p",
        Type = type,
        Backing = ProviderBacking.Remote,
        Url = "https://remote.example.com/sdk",
        SecretId = Guid.NewGuid(),
        InsecureSkipVerify = true,
    };

    [Fact]
    public void A_vsphere_secret_without_a_password_is_a_data_error_naming_it()
    {
        var provider = Remote(ProviderType.Vsphere);

        ProviderValidation.Apply(provider, new ConnectionResult(true, null, true), T0, ["user"]);

        var condition = Assert.Single(provider.Conditions, c => c.Type == MtvConsole.Core.Conditions.ConditionTypes.SecretNotValid);
        Assert.Equal((MtvConsole.Core.Conditions.ConditionReasons.DataErr, "The `secret` missing required data."), (condition.Reason, condition.Message));
        Assert.Equal(["password"], condition.Items);
        Assert.Equal(ProviderPhase.ValidationFailed, provider.Phase);
    }

    [Fact]
    public void An_openshift_secret_with_a_kubeconfig_needs_no_token()
    {
        var provider = Remote(ProviderType.OpenShift);

        ProviderValidation.Apply(provider, new ConnectionResult(true, null, true), T0, ["kubeconfig", "context"]);

        Assert.DoesNotContain(provider.Conditions, c => c.Type == MtvConsole.Core.Conditions.ConditionTypes.SecretNotValid);
        Assert.Equal(ProviderPhase.Ready, provider.Phase);
    }

    [Fact]
    public void An_unreadable_secret_misses_every_required_key()
    {
        var provider = Remote(ProviderType.OpenShift);

        ProviderValidation.Apply(provider, null, T0, []);

        Assert.Equal(["token"], Assert.Single(provider.Conditions, c => c.Type == MtvConsole.Core.Conditions.ConditionTypes.SecretNotValid).Items);
    }

    [Fact]
    public void A_complete_secret_passes()
    {
        var provider = Remote(ProviderType.Vsphere);

        ProviderValidation.Apply(provider, new ConnectionResult(true, null, true), T0, ["user", "password"]);

        Assert.True(provider.IsReady);
    }
}
