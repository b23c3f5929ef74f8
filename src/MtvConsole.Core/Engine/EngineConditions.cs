namespace MtvConsole.Core.Engine;

/// <summary>Condition types the engine puts on VM statuses besides Succeeded, Failed and Canceled.</summary>
public static class EngineConditions
{
    /// <summary>The VM waits to start (for a transfer slot); the message says why.</summary>
    public const string Pending = "Pending";

    /// <summary>The VM is paused between precopies.</summary>
    public const string Paused = "Paused";
}
