using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Validation;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Tests;

public sealed class JsonAcknowledgementStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mtv-acks-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private string FilePath => Path.Combine(_folder, "validation-acknowledgements.json");

    private JsonAcknowledgementStore Open() => new(FilePath, _time, NullLogger<JsonAcknowledgementStore>.Instance);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Acknowledgements_are_written_to_the_file_and_read_back_leaving_no_temporary_files()
    {
        var provider = Guid.NewGuid();
        var store = Open();
        store.Add(new Acknowledgement(provider, "vm-1", "vmware.disk.rdm.detected", "pilot", "otto", _time.GetUtcNow()));
        store.Add(new Acknowledgement(provider, "vm-2", "vmware.disk.rdm.detected", "pilot", "otto", _time.GetUtcNow()));
        Assert.True(store.Remove(provider, "vm-1", "vmware.disk.rdm.detected"));

        var reopened = Open();

        Assert.Equal(["vm-2"], reopened.All().Select(a => a.VmId));
        Assert.Equal("otto", reopened.Find(provider, "vm-2", "vmware.disk.rdm.detected")!.User);
        Assert.Equal([FilePath], Directory.GetFiles(_folder));
    }

    [Fact]
    public void An_unreadable_file_is_moved_aside_and_the_store_starts_empty()
    {
        File.WriteAllText(FilePath, "{ not json");

        var store = Open();

        Assert.Empty(store.All());
        Assert.True(File.Exists($"{FilePath}.20261127090000.unused"));
        Assert.False(File.Exists(FilePath));
    }
}
