using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Providers;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Tests;

/// <summary>
/// Readiness of a plan from a remote vCenter: its provider's VDDK init image must be set and validated on the target
/// (here the Lab cluster, whose validator accepts any image); the result is kept per provider and target.
/// </summary>
public sealed class VddkImageReadinessTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync() => await _factory.Services.GetRequiredService<ProviderStatusService>().RefreshAllAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IDbContextFactory<MtvDbContext> Db => _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>();

    private async Task<(Guid Provider, Guid Plan)> AddRemotePlanAsync(string? image)
    {
        await using var db = await Db.CreateDbContextAsync();
        var host = await db.Providers.SingleAsync(p => p.Type == ProviderType.OpenShift && p.Backing == ProviderBacking.Lab);
        var vc = new Provider { Name = "prod-vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, Url = "https://vc.example.invalid/sdk", VddkInitImage = image };
        var plan = new Plan { Name = "wave-1", SourceProviderId = vc.Id, DestinationProviderId = host.Id, TargetNamespace = "apps" };
        db.Providers.Add(vc);
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return (vc.Id, plan.Id);
    }

    private async Task<Plan> RevalidateAsync(Guid planId)
    {
        await _factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();
        await using var db = await Db.CreateDbContextAsync();
        return await db.Plans.SingleAsync(p => p.Id == planId);
    }

    [Fact]
    public async Task A_remote_vcenter_without_an_image_blocks_its_plans_until_one_is_set_and_validated()
    {
        var (providerId, planId) = await AddRemotePlanAsync(null);

        var blocked = await RevalidateAsync(planId);
        var condition = Assert.Single(blocked.Conditions, c => c.Type == ConditionTypes.VDDKInitImageUnavailable);
        Assert.True(condition.IsBlocker);
        Assert.Contains("Edit provider 'prod-vc' and set its VDDK init image", condition.Suggestion);

        await using (var db = await Db.CreateDbContextAsync())
        {
            (await db.Providers.SingleAsync(p => p.Id == providerId)).VddkInitImage = "registry.example.com/vddk:8.0.3";
            await db.SaveChangesAsync();
        }

        var validated = await RevalidateAsync(planId);
        Assert.DoesNotContain(validated.Conditions, c => c.Type.Contains("VDDK", StringComparison.Ordinal));
        await using var read = await Db.CreateDbContextAsync();
        var check = await read.VddkImageChecks.SingleAsync();
        Assert.Equal((providerId, "registry.example.com/vddk:8.0.3", VddkImageCheckPhase.Succeeded, "apps"), (check.ProviderId, check.Image, check.Phase, check.Namespace));
    }

    [Fact]
    public async Task A_result_is_reused_until_the_image_changes_and_saving_the_provider_forgets_it()
    {
        var (providerId, planId) = await AddRemotePlanAsync("registry.example.com/vddk:8.0.3");
        await RevalidateAsync(planId);
        string firstJob;
        await using (var db = await Db.CreateDbContextAsync()) firstJob = (await db.VddkImageChecks.SingleAsync()).JobName;

        await RevalidateAsync(planId);
        await using (var db = await Db.CreateDbContextAsync())
        {
            Assert.Equal(firstJob, (await db.VddkImageChecks.SingleAsync()).JobName);
            (await db.Providers.SingleAsync(p => p.Id == providerId)).VddkInitImage = "registry.example.com/vddk:8.0.4";
            await db.SaveChangesAsync();
        }

        await RevalidateAsync(planId);
        await using (var db = await Db.CreateDbContextAsync())
        {
            var check = await db.VddkImageChecks.SingleAsync();
            Assert.Equal("registry.example.com/vddk:8.0.4", check.Image);
            Assert.NotEqual(firstJob, check.JobName);
        }

        var editor = _factory.Services.GetRequiredService<ProviderEditor>();
        Provider provider;
        string beforeSave;
        await using (var db = await Db.CreateDbContextAsync())
        {
            provider = await db.Providers.SingleAsync(p => p.Id == providerId);
            beforeSave = (await db.VddkImageChecks.SingleAsync()).JobName;
        }

        var input = ProviderInput.From(provider);
        input.Password = "Vc-Passw0rd";
        input.UserName = "administrator@vsphere.local";
        input.InsecureSkipVerify = true;
        var saved = await editor.UpdateAsync(providerId, input, "otto");
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Values));
        // The saved provider's result is forgotten: the next readiness pass (the save may already have triggered one) runs a new Job.
        await RevalidateAsync(planId);
        await using (var db = await Db.CreateDbContextAsync()) Assert.NotEqual(beforeSave, (await db.VddkImageChecks.SingleAsync()).JobName);
    }
}
