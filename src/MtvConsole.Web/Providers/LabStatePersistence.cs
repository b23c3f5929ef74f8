using System.Text.Json;
using MtvConsole.Lab;
using MtvConsole.Lab.State;

namespace MtvConsole.Web.Providers;

/// <summary>
/// Keeps the Lab's runtime state (power states, snapshots, DataVolumes, target VMs) in
/// <c>&lt;data folder&gt;/lab-state.json</c>, so a restart resumes the simulated world where it was.
/// Loaded once at start; saved every minute and when the app stops.
/// </summary>
internal sealed class LabStatePersistence(LabWorld world, string path, TimeProvider time, ILogger<LabStatePersistence> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Load()
    {
        if (!File.Exists(path)) return;
        try
        {
            world.ImportState(JsonSerializer.Deserialize<LabState>(File.ReadAllText(path), Json)!);
            logger.LogInformation("Resumed the Lab from {Path}.", path);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            var aside = $"{path}.{time.GetUtcNow():yyyyMMddHHmmss}.unused";
            File.Move(path, aside);
            logger.LogWarning("The Lab state in {Path} does not fit this Lab ({Error}); it was moved to {Aside} and the Lab starts fresh.", path, e.Message, aside);
        }
    }

    private readonly Lock _saving = new();

    /// <summary>Writes the state to a temporary file and renames it over the old one, so a crash mid-write loses nothing.</summary>
    public void Save()
    {
        lock (_saving)
        {
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                File.WriteAllText(temp, JsonSerializer.Serialize(world.ExportState(), Json));
                File.Move(temp, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError("Could not save the Lab state to {Path}: {Error}", path, e.Message);
                File.Delete(temp);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Save();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Save();
    }
}
