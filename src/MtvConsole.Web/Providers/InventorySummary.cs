using MtvConsole.Core.Inventory;

namespace MtvConsole.Web.Providers;

/// <summary>What the provider lists show of an inventory: its counts and when it was loaded.</summary>
public sealed record InventorySummary(InventoryCounts Counts, DateTimeOffset LoadedAt);
