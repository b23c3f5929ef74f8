using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>A generated VM with its Lab-only traits: dirty rate while running and allocated bytes per disk key.</summary>
internal sealed record GeneratedVm(VsphereVm Vm, double DirtyRateMBps, IReadOnlyDictionary<int, long> AllocatedBytes);
