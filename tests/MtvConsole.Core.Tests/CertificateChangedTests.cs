using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests;

public class CertificateChangedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private const string OldSha1 = "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:00:11:22:33";
    private const string OldSha256 = "AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA";
    private const string NewSha1 = "99:88:77:66:55:44:33:22:11:00:FF:EE:DD:CC:BB:AA:99:88:77:66";
    private const string NewSha256 = "BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB";

    private static Provider Pinned(bool insecure = false) => new()
    {
        Name = "vc",
        Type = ProviderType.Vsphere,
        Backing = ProviderBacking.Remote,
        Url = "https://vcenter.example.com/sdk",
        SecretId = Guid.NewGuid(),
        PinnedSha1 = OldSha1,
        PinnedSha256 = OldSha256,
        InsecureSkipVerify = insecure,
    };

    private static ConnectionResult Presented(string sha1, string sha256) =>
        new(true, null, true) { Certificate = new CertificateFingerprints(sha1, sha256) };

    [Fact]
    public void A_different_certificate_blocks_the_provider_with_old_and_new_fingerprints()
    {
        var provider = Pinned();

        ProviderValidation.Apply(provider, Presented(NewSha1, NewSha256), T0);

        var condition = Assert.Single(provider.Conditions, c => c.Type == ConditionTypes.CertificateChanged);
        Assert.Equal(ConditionCategory.Critical, condition.Category);
        Assert.Contains(OldSha256, condition.Message);
        Assert.Contains(NewSha256, condition.Message);
        Assert.Contains(OldSha1, condition.Message);
        Assert.Contains(NewSha1, condition.Message);
        Assert.Equal([$"old SHA-1 {OldSha1}", $"old SHA-256 {OldSha256}", $"new SHA-1 {NewSha1}", $"new SHA-256 {NewSha256}"], condition.Items);
        Assert.False(provider.IsReady);
        Assert.Same(condition, provider.FirstBlocker);
        Assert.Equal(ProviderPhase.ConnectionFailed, provider.Phase);
        Assert.DoesNotContain(provider.Conditions, c => c.Type == ConditionTypes.ConnectionTestSucceeded);
    }

    [Fact]
    public void The_pinned_certificate_passes_even_written_in_lower_case_without_colons()
    {
        var provider = Pinned();

        ProviderValidation.Apply(provider, Presented(OldSha1.Replace(":", "").ToLowerInvariant(), OldSha256.ToLowerInvariant()), T0);

        Assert.DoesNotContain(provider.Conditions, c => c.Type == ConditionTypes.CertificateChanged);
        Assert.True(provider.IsReady);
    }

    [Fact]
    public void Only_the_sha1_changing_is_still_a_change()
    {
        var provider = Pinned();

        ProviderValidation.Apply(provider, Presented(NewSha1, OldSha256), T0);

        Assert.Contains(provider.Conditions, c => c.Type == ConditionTypes.CertificateChanged);
    }

    [Fact]
    public void Skipping_verification_never_reports_a_change()
    {
        var provider = Pinned(insecure: true);

        ProviderValidation.Apply(provider, Presented(NewSha1, NewSha256), T0);

        Assert.DoesNotContain(provider.Conditions, c => c.Type == ConditionTypes.CertificateChanged);
        Assert.True(provider.IsReady);
    }

    [Fact]
    public void Trusting_the_new_certificate_clears_the_condition()
    {
        var provider = Pinned();
        ProviderValidation.Apply(provider, Presented(NewSha1, NewSha256), T0);

        provider.PinnedSha1 = NewSha1;
        provider.PinnedSha256 = NewSha256;
        ProviderValidation.Apply(provider, Presented(NewSha1, NewSha256), T0.AddMinutes(1));

        Assert.DoesNotContain(provider.Conditions, c => c.Type == ConditionTypes.CertificateChanged);
        Assert.True(provider.IsReady);
    }

    [Fact]
    public void Fingerprints_are_formatted_as_colon_hex()
    {
        Assert.Equal("00:0F:A0:FF", CertificateFingerprints.Format([0x00, 0x0F, 0xA0, 0xFF]));
    }
}
