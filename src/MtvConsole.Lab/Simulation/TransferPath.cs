namespace MtvConsole.Lab.Simulation;

/// <summary>How a DataVolume's bytes travel: source read rate, importer network rate, storage class cap, in bytes per second.</summary>
internal sealed record TransferPath(double SourceMBps, double NetworkMBps, double StorageMBps, string Description)
{
    public double BytesPerSecond => Math.Min(SourceMBps, Math.Min(NetworkMBps, StorageMBps)) * 1_000_000;
}
