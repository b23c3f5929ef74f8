using MtvConsole.Core.Engine;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Api.V1;

/// <summary>The engine's settings; on a change, fields left out keep their value.</summary>
public sealed record EngineSettingsDto(int? MaxInFlightPerHost, int? PrecopyIntervalMinutes, int? WarmMaxFailures, int? WarmMaxConsecutiveFailures,
    int? HookRetries, int? ImporterRetries, int? ConversionTimeoutMinutes = null, int? ImporterStartTimeoutMinutes = null)
{
    public static EngineSettingsDto From(EngineSettings s) =>
        new(s.MaxInFlightPerHost, s.PrecopyIntervalMinutes, s.WarmMaxFailures, s.WarmMaxConsecutiveFailures, s.HookRetries, s.ImporterRetries, s.ConversionTimeoutMinutes, s.ImporterStartTimeoutMinutes);

    public EngineSettings ApplyTo(EngineSettings current)
    {
        var s = current.Copy();
        s.MaxInFlightPerHost = MaxInFlightPerHost ?? s.MaxInFlightPerHost;
        s.PrecopyIntervalMinutes = PrecopyIntervalMinutes ?? s.PrecopyIntervalMinutes;
        s.WarmMaxFailures = WarmMaxFailures ?? s.WarmMaxFailures;
        s.WarmMaxConsecutiveFailures = WarmMaxConsecutiveFailures ?? s.WarmMaxConsecutiveFailures;
        s.HookRetries = HookRetries ?? s.HookRetries;
        s.ImporterRetries = ImporterRetries ?? s.ImporterRetries;
        s.ConversionTimeoutMinutes = ConversionTimeoutMinutes ?? s.ConversionTimeoutMinutes;
        s.ImporterStartTimeoutMinutes = ImporterStartTimeoutMinutes ?? s.ImporterStartTimeoutMinutes;
        return s;
    }
}

/// <summary>Engine settings: read and change (admins, as on the Settings page).</summary>
internal static class EngineSettingsEndpoints
{
    public static void MapEngineSettingsEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/engine/settings").WithTags("Engine").RequireAuthorization(Policies.Admin);

        settings.MapGet("/", async (IMigrationStore store, CancellationToken ct) => EngineSettingsDto.From(await store.GetSettingsAsync(ct)))
            .WithSummary("The engine settings: transfers per ESXi host, precopy interval, warm failure limits, retries, guest conversion timeout, importer start timeout");

        settings.MapPut("/", async (EngineSettingsDto body, HttpContext http, IMigrationStore store, MigrationCommands commands, CancellationToken ct) =>
        {
            var result = await commands.UpdateSettingsAsync(body.ApplyTo(await store.GetSettingsAsync(ct)), http.User.UserName(), ct);
            return result.Succeeded ? Results.Ok(EngineSettingsDto.From(result.Value!)) : ApiProblems.Invalid("settings", result.Problem!);
        }).WithSummary("Change engine settings (fields left out keep their value); out-of-range values are refused and change nothing");
    }
}
