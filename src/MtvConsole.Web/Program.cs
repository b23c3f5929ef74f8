using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MtvConsole.Data;
using MtvConsole.Data.Startup;
using MtvConsole.Web.Api.V1;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Components;
using MtvConsole.Web.Dashboard;
using MtvConsole.Web.Hosting;
using MtvConsole.Web.Providers;

if (args is ["--healthcheck", var healthUrl]) return await HealthProbe.RunAsync(healthUrl);

var contentRoot = ContentRoot.Locate();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = contentRoot,
    WebRootPath = Path.Combine(contentRoot, "wwwroot"),
});
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });

var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
var dataFolder = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, storage.DataFolder));
string connectionString;
try
{
    connectionString = DatabaseStartup.Resolve(
        builder.Configuration.GetConnectionString("Default") ?? $"Data Source={Path.Combine(dataFolder, "mtv-console.db")}",
        builder.Environment.ContentRootPath);
}
catch (Exception e)
{
    return StartupFailure.Report(e.Message);
}

builder.AddConsoleServices(connectionString, dataFolder);
var app = builder.Build();

var problem = DatabaseStartup.Prepare(connectionString, options => new MtvDbContext(options));
if (problem is not null) return StartupFailure.Report(problem, app.Logger);

try
{
    app.Services.GetRequiredService<LabStatePersistence>().Load();
}
catch (ArgumentException e)
{
    // Lab options out of range (for example Lab:VmCount): the message names the setting and its bounds.
    return StartupFailure.Report(System.Text.RegularExpressions.Regex.Replace(e.Message.Split('\n')[0], @" \(Parameter '[^']*'\)$", ""), app.Logger);
}

await app.Services.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync();
if (app.Configuration.GetValue("Lab:Enabled", true))
    await app.Services.GetRequiredService<LabSeeder>().SeedAsync();

if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
// Pages get a friendly not-found page; the API, the hubs and the sign-in endpoints keep their own status codes.
app.UseWhen(
    context => !ApiTokenAuthenticationHandler.IsAutomationPath(context.Request.Path) && !context.Request.Path.StartsWithSegments("/account"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/healthz", new HealthCheckOptions()).AllowAnonymous();
app.MapAuthEndpoints();
app.MapApiV1();
app.MapOpenApi(); // /openapi/v1.json, behind the same sign-in (session or API token) as the API it describes
app.MapDashboardHub();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;
