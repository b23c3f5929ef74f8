using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MtvConsole.Core.Validation;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Tests;

public sealed class CustomRulesConfigTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();
    private readonly string _rulesFile = Path.Combine(Path.GetTempPath(), $"mtv-rules-{Guid.NewGuid():N}.yaml");

    public Task InitializeAsync()
    {
        File.WriteAllText(_rulesFile, """
            rules:
              - id: custom.memory.large
                category: Warning
                label: Large memory
                assessment: More than 64 GiB; check the target nodes.
                when:
                  field: memoryMB
                  greater: 65536
              - id: custom.broken
                category: Warning
                label: Broken
                assessment: Uses an unknown operator.
                when:
                  field: memoryMB
                  above: 1
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        File.Delete(_rulesFile);
    }

    [Fact]
    public async Task The_configured_custom_rules_apply_and_a_bad_rule_is_reported_with_its_line()
    {
        await using var app = _factory.WithWebHostBuilder(b => b.UseSetting("Validation:CustomRulesPath", _rulesFile));
        var admin = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await ConsoleFactory.SignInAsync(admin, "admin", ConsoleFactory.AdminPassword)).StatusCode);

        var response = await admin.PostAsync("/api/v1/validate",
            new StringContent("""{"name":"big","memoryMB":131072}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<ValidateResponse>();
        Assert.Equal(RuleSet.BuiltIn.Version + 1, body!.RulesVersion);
        Assert.Equal(["custom.memory.large"], body.Concerns.Select(c => c.Id));

        var recheck = await (await admin.PostAsync("/api/v1/validation/recheck", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Custom rule 'custom.broken', line 15: unknown operator 'above' (expected equals, notEquals, greater, less, contains, matches, exists, anyItem or allItems).",
            Assert.Single(recheck.GetProperty("ruleErrors").EnumerateArray()).GetString());
        Assert.Equal(60, recheck.GetProperty("vms").GetInt32());
    }

    [Fact]
    public async Task Editing_the_rules_file_applies_the_new_rules_without_a_restart()
    {
        await using var app = _factory.WithWebHostBuilder(b => b.UseSetting("Validation:CustomRulesPath", _rulesFile));
        var validation = app.Services.GetRequiredService<ValidationService>();
        Assert.NotNull(validation.Rules.Find("custom.memory.large"));
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        validation.Changed += () =>
        {
            if (validation.Rules.Find("custom.cpu.many") is not null) reloaded.TrySetResult();
        };

        await File.WriteAllTextAsync(_rulesFile, """
            rules:
              - id: custom.cpu.many
                category: Information
                label: Many CPUs
                assessment: More than 32 vCPUs; check the target nodes.
                when:
                  field: cpuCount
                  greater: 32
            """);
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(validation.Rules.Find("custom.memory.large"));
        Assert.Empty(validation.RuleErrors);
        Assert.Equal(["custom.cpu.many"], validation.Validate(new Workload { Id = "vm-1", Name = "big", CpuCount = 64 }).Concerns.Select(c => c.Id));
    }
}
