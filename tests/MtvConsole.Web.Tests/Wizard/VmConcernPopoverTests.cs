using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MtvConsole.Core.Validation;
using MtvConsole.Web.Components.Shared;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests.Wizard;

public sealed class VmConcernPopoverTests : BunitContext, IAsyncLifetime
{
    private readonly IRenderedComponent<MudPopoverProvider> _popovers;

    public VmConcernPopoverTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        _popovers = Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    private static readonly Concern Rdm = new("vmware.disk.rdm.detected", ConcernCategory.Critical, "Raw device mapped disk detected",
        "RDM disks cannot be copied; convert the disk to a virtual disk before migrating.");
    private static readonly Concern NoIp = new("vmware.vm_missing_ip.detected", ConcernCategory.Warning, "VM is missing IP addresses",
        "VMware Tools reports no guest IP addresses.");

    [Fact]
    public async Task Clicking_the_badges_shows_every_concern_with_what_to_do_and_close_hides_it()
    {
        var cut = Render<VmConcernPopover>(p => p.Add(c => c.Concerns, [NoIp, Rdm]).Add(c => c.VmName, "db-01"));
        Assert.Contains("Critical 1", cut.Find(".concern-popover-toggle").TextContent, StringComparison.Ordinal);
        Assert.Empty(_popovers.FindAll(".concern-detail"));

        await cut.Find(".concern-popover-toggle").ClickAsync(new MouseEventArgs());

        var details = _popovers.FindAll(".concern-detail").Select(d => d.TextContent).ToList();
        Assert.Equal(2, details.Count);
        Assert.Contains("Raw device mapped disk detected", details[0], StringComparison.Ordinal);
        Assert.Contains("convert the disk to a virtual disk", details[0], StringComparison.Ordinal);
        Assert.Contains("db-01: 2 concerns", _popovers.Markup, StringComparison.Ordinal);

        await _popovers.Find(".concern-popover-close").ClickAsync(new MouseEventArgs());
        Assert.Empty(_popovers.FindAll(".concern-detail"));
    }

    [Fact]
    public void A_vm_without_concerns_says_none_and_offers_nothing_to_open()
    {
        var cut = Render<VmConcernPopover>(p => p.Add(c => c.Concerns, []).Add(c => c.VmName, "web-01"));
        Assert.Equal("none", cut.Find("span").TextContent);
        Assert.Empty(cut.FindAll(".concern-popover-toggle"));
    }
}
