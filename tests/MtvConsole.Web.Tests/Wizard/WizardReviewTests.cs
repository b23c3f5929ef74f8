using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Components.Shared;
using MtvConsole.Web.Components.Wizard;
using MtvConsole.Web.Planning;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests.Wizard;

public sealed class WizardReviewTests : BunitContext, IAsyncLifetime
{
    public WizardReviewTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    [Fact]
    public async Task The_review_shows_every_section_and_each_edit_link_goes_back_to_its_step()
    {
        var source = new Provider { Name = "lab-vcenter", Type = ProviderType.Vsphere };
        var destination = new Provider { Name = "host", Type = ProviderType.OpenShift };
        var inventory = WizardTestInventory.Source;
        var state = new PlanWizardState
        {
            Name = "wave-1", SourceProviderId = source.Id, DestinationProviderId = destination.Id, TargetNamespace = "prod-apps",
            Warm = true, PrecopyIntervalMinutes = 30, CutoverDate = new DateTime(2026, 12, 1), CutoverTime = new TimeSpan(2, 0, 0),
            PostHook = HookForm.InstallQemuGuestAgent("vm-ssh"),
        };
        foreach (var vm in inventory.Vms.Take(12)) state.SelectedVmIds.Add(vm.Id);
        var edited = new List<int>();

        var review = Render<WizardReview>(p => p.Add(r => r.State, state).Add(r => r.Providers, [source, destination])
            .Add(r => r.Inventory, inventory).Add(r => r.Edit, step => edited.Add(step)));

        Assert.Equal("wave-1", review.Find("#review-name").TextContent);
        Assert.StartsWith("12: ", review.Find("#review-vms").TextContent);
        Assert.EndsWith("and 2 more", review.Find("#review-vms").TextContent.Trim());
        Assert.Equal("Warm, precopy every 30 min, cutover 2026-12-01 02:00 UTC", review.Find("#review-type").TextContent);
        Assert.Contains("post: " + HookForm.DefaultImage, review.Markup);
        Assert.Contains("lab-vcenter → host, namespace prod-apps", review.Markup);

        var links = review.FindAll(".mud-link").Count;
        for (var i = 0; i < links; i++) await review.FindAll(".mud-link")[i].ClickAsync(new MouseEventArgs());
        Assert.Equal([0, 0, 1, 2, 3, 4, 5, 6], edited);
    }

    [Fact]
    public void A_warm_precopy_interval_outside_one_minute_to_one_day_is_refused()
    {
        var errors = new FormErrors();
        PlanWizardRules.Type(new PlanWizardState { Warm = true, PrecopyIntervalMinutes = 0 }, errors);
        Assert.Equal("The precopy interval is between 1 and 1440 minutes.", errors[nameof(PlanWizardState.PrecopyIntervalMinutes)]);

        errors.Clear();
        PlanWizardRules.Type(new PlanWizardState { Warm = true, PrecopyIntervalMinutes = 60 }, errors);
        PlanWizardRules.Type(new PlanWizardState { Warm = false, PrecopyIntervalMinutes = 0 }, errors);
        Assert.False(errors.Any);
    }
}
