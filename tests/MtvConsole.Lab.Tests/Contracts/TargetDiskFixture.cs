namespace MtvConsole.Lab.Tests.Contracts;

/// <summary>A source disk that a target contract test imports: where to read it and which VM it belongs to.</summary>
public sealed record TargetDiskFixture(string SourceUrl, string Thumbprint, string VmId, string VmUuid, int DiskKey, string BackingFile, long CapacityBytes);
