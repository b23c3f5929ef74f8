using System.Text.Json;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation;

namespace MtvConsole.Web.Validation;

/// <summary>
/// Acknowledgements of Critical concerns in <c>&lt;data folder&gt;/validation-acknowledgements.json</c> (no
/// database schema change). Every change rewrites the file through a temporary file and a rename.
/// </summary>
internal sealed class JsonAcknowledgementStore : IAcknowledgementStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _path;
    private readonly Lock _lock = new();
    private List<Acknowledgement> _items;

    /// <summary>Loads the file; one that cannot be read as acknowledgements is moved aside (so the concerns block again) and logged.</summary>
    public JsonAcknowledgementStore(string path, TimeProvider time, ILogger<JsonAcknowledgementStore> logger)
    {
        _path = path;
        _items = [];
        if (!File.Exists(path)) return;
        try
        {
            _items = JsonSerializer.Deserialize<List<Acknowledgement>>(File.ReadAllText(path), Json) ?? [];
        }
        catch (JsonException e)
        {
            var aside = $"{path}.{time.GetUtcNow():yyyyMMddHHmmss}.unused";
            File.Move(path, aside);
            logger.LogError("The acknowledgements in {Path} cannot be read ({Error}); the file was moved to {Aside} and Critical concerns block again until acknowledged anew.",
                path, e.Message, aside);
        }
    }

    public IReadOnlyList<Acknowledgement> All()
    {
        lock (_lock) return [.. _items];
    }

    public Acknowledgement? Find(Guid providerId, string vmId, string concernId)
    {
        lock (_lock) return _items.FirstOrDefault(a => Matches(a, providerId, vmId, concernId));
    }

    public void Add(Acknowledgement acknowledgement)
    {
        lock (_lock)
        {
            Save([.. _items, acknowledgement]);
        }
    }

    public bool Remove(Guid providerId, string vmId, string concernId)
    {
        lock (_lock)
        {
            var remaining = _items.Where(a => !Matches(a, providerId, vmId, concernId)).ToList();
            if (remaining.Count == _items.Count) return false;
            Save(remaining);
            return true;
        }
    }

    private void Save(List<Acknowledgement> items)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temp = $"{_path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(items, Json));
        File.Move(temp, _path, overwrite: true);
        _items = items;
    }

    private static bool Matches(Acknowledgement a, Guid providerId, string vmId, string concernId) =>
        a.ProviderId == providerId && a.VmId == vmId && a.ConcernId == concernId;
}
